/**
 * Python jobs in a sandbox process. The interpreter (PythonRuntime) is created on the first
 * Python job, or earlier when the pool asks (`preparePython`), so a process that only ever
 * grades TypeScript and JavaScript pays nothing for it; from then on one restored interpreter
 * waits as a spare for the next Python job.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pythonMemoryMb, DEFAULT_LIMITS } from "../../exercises/spec/limits.ts";
import type { JobOutcome, SandboxJob } from "./protocol.ts";
import { PythonRuntime } from "./python/runtime.ts";
import { defaultSnapshotDirectory } from "./python/snapshot-store.ts";
import type { WheelSource } from "./python/wheels.ts";

/** The WebAssembly memory cap spares are restored with: the default exercise's Python heap. */
export const PYTHON_SPARE_MEMORY_MB = pythonMemoryMb(DEFAULT_LIMITS.memoryMb);

/**
 * Where the processes of this host share the prepared snapshot: EPOCH_PYTHON_SNAPSHOT_DIR, or
 * a folder of this user's under the system's temporary folder; "off" makes every process
 * prepare its own.
 */
function pythonSnapshotDirectory(): string | undefined {
  const configured = process.env.EPOCH_PYTHON_SNAPSHOT_DIR;
  if (configured === "off") return undefined;
  return configured || defaultSnapshotDirectory();
}

/**
 * The packages installed in every interpreter: GRADER_PYTHON_PACKAGES (names, comma-separated)
 * from the wheels in GRADER_PYTHON_PACKAGES_DIR, each verified against the sha256 in that
 * folder's pyodide-lock.json (Pyodide's own lock file when the folder has none). The grader host
 * validates both settings (config.ts) before it starts the pool; its processes inherit them.
 */
export function pythonPackagesFromEnvironment(environment: Readonly<Record<string, string | undefined>> = process.env): WheelSource | undefined {
  const folder = environment.GRADER_PYTHON_PACKAGES_DIR;
  const names = (environment.GRADER_PYTHON_PACKAGES ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (!folder || names.length === 0) return undefined;
  const lockFile = join(folder, "pyodide-lock.json");
  return { folder, names, ...(existsSync(lockFile) ? { lockFile } : {}) };
}

let runtime: Promise<PythonRuntime> | null = null;
let onCatastrophic: (message: string) => void = () => {};
let onSparesReady: () => void = () => {};

export function setPythonCatastrophicErrorHandler(handler: (message: string) => void): void {
  onCatastrophic = handler;
}

/** Called whenever a restored interpreter is waiting for the next Python job. */
export function setPythonSpareListener(listener: () => void): void {
  onSparesReady = listener;
}

/** Starts the interpreter before any Python job needs it (the pool asks, so no student waits for it). */
export function preparePython(): void {
  pythonRuntime().catch(() => {});
}

function pythonRuntime(): Promise<PythonRuntime> {
  if (!runtime) {
    const creating = PythonRuntime.create({
      defaultMemoryMb: PYTHON_SPARE_MEMORY_MB,
      onCatastrophicError: (message) => onCatastrophic(message),
      snapshotDirectory: pythonSnapshotDirectory(),
      packages: pythonPackagesFromEnvironment(),
      onSparesReady: () => onSparesReady(),
    });
    // A failed start is reported to this job; the next Python job tries again.
    creating.catch(() => {
      if (runtime === creating) runtime = null;
    });
    runtime = creating;
  }
  return runtime;
}

/**
 * Runs a Python job. `job.entry` is the Python name (snake_case) and `job.limits.memoryMb` the
 * interpreter's WebAssembly memory cap; both are chosen by the engine.
 */
export async function runPythonJob(job: SandboxJob): Promise<JobOutcome> {
  let python: PythonRuntime;
  try {
    python = await pythonRuntime();
  } catch (error) {
    return { kind: "internal_error", message: `the Python interpreter could not start: ${error instanceof Error ? error.message : String(error)}` };
  }
  // The runtime disposes the interpreters it used and restores the next spare by itself.
  return python.run({
    source: job.source,
    entry: job.entry,
    calls: job.calls,
    limits: {
      testTimeoutMs: Math.min(job.limits.testTimeLimitMs, job.limits.timeLimitMs),
      timeLimitMs: job.limits.timeLimitMs,
      memoryMb: job.limits.memoryMb,
      maxOutputChars: job.limits.maxOutputChars,
      maxLogChars: job.limits.maxLogChars,
    },
    fixedTime: job.fixedTime,
  });
}
