/**
 * Python for the sandbox process: CPython (Pyodide) inside isolated-vm isolates.
 *
 * One `PythonRuntime` per sandbox process. When created it compiles the interpreter's
 * WebAssembly once, boots one interpreter from scratch and keeps a memory snapshot of it (or
 * reads the one another process of this host stored, see snapshot-store.ts); every
 * interpreter after that is a fresh isolate restored from the snapshot. A submission always gets
 * an interpreter no code has run in (patched builtins, replaced modules, written files and
 * random state cannot reach the next student), and spares restored ahead of time hide the
 * cost of that from the person waiting. See types.ts for the job and its outcome.
 */
import ivm from "isolated-vm";
import { installGuestEnvironment } from "./guest-environment.ts";
import { installPythonGuest, type GuestBootOptions, type GuestCommand } from "./guest-python.ts";
import { GUEST_INDEX_URL, GUEST_PACKAGES_URL, GUEST_STDLIB_PATH, GUEST_WASM_PATH, compileInterpreter, loadPyodideAssets } from "./pyodide-assets.ts";
import { guestAnswerSchema, type GuestAnswer, type PythonCallOutcome, type PythonError, type PythonJob, type PythonJobOutcome } from "./types.ts";
import { verifyWheels, type WheelSource } from "./wheels.ts";
import { readSnapshot, removeSnapshot, snapshotKey, writeSnapshot } from "./snapshot-store.ts";
import { packSnapshot, restoreHeap } from "./snapshot-pages.ts";
import { readFileSync } from "node:fs";

export interface PythonRuntimeOptions {
  /** Interpreters kept restored and waiting (each holds about 40 MB). */
  readonly spares?: number;
  /** WebAssembly memory maximum of spare interpreters, in MiB; a job asking for another gets its own. */
  readonly defaultMemoryMb?: number;
  /** isolated-vm's heap limit for each isolate (JavaScript objects, not the WebAssembly memory), in MB. */
  readonly isolateMemoryMb?: number;
  /** Wheels installed in every interpreter, verified against their lock file first. */
  readonly packages?: WheelSource;
  /** Called when V8 loses control of an isolate; the process should report and end. */
  readonly onCatastrophicError?: (message: string) => void;
  /**
   * A folder (private to this user) where the prepared snapshot is shared by the processes of
   * this host: a new process restores from it instead of booting CPython (see
   * snapshot-store.ts). Without it every process makes its own.
   */
  readonly snapshotDirectory?: string;
  /** Called whenever every spare the runtime keeps is restored and waiting (after start-up, and after each job's replacement). */
  readonly onSparesReady?: () => void;
}

export interface PythonRuntimeStats {
  /** Time to boot the first interpreter and take its memory snapshot (or to read and verify the stored one), in ms. */
  readonly snapshotMs: number;
  readonly snapshotBytes: number;
  /** "file": read from the snapshot folder; "built": made by this process (and stored, when there is a folder). */
  readonly snapshotSource: "file" | "built";
  /** Restores done so far, and the time of the latest one, in ms. */
  readonly restores: number;
  readonly lastRestoreMs: number;
  readonly totalRestoreMs: number;
}

/** Standard-library modules already imported in the snapshot (the harness's own, and common ones). */
const PRELOADED_MODULES = ["json", "_json", "linecache", "math", "random", "traceback", "types", "collections", "itertools", "functools", "statistics"];
const HARNESS_SOURCE = readFileSync(new URL("./harness.py", import.meta.url), "utf8");
/** The name harness.py is imported under in the snapshot. */
const HARNESS_MODULE = "_epoch_grader";
const ENVIRONMENT_SCRIPT = `(${installGuestEnvironment.toString()})()`;
const GUEST_SCRIPT = `(${installPythonGuest.toString()})(${restoreHeap.toString()})`;
/** A boot that has not finished in this time is treated as broken. */
const BOOT_TIMEOUT_MS = 60_000;

type Failure = "timeout" | "memory_limit";

interface Interpreter {
  readonly isolate: ivm.Isolate;
  readonly command: ivm.Reference<GuestCommand>;
  readonly memoryMb: number;
}

export class PythonRuntime {
  readonly #options: Required<Omit<PythonRuntimeOptions, "packages" | "onCatastrophicError" | "snapshotDirectory" | "onSparesReady">> &
    Pick<PythonRuntimeOptions, "onCatastrophicError" | "snapshotDirectory" | "onSparesReady">;
  readonly #lockText: string;
  readonly #files: { path: string; copy: ivm.ExternalCopy<ArrayBuffer> }[];
  readonly #packageNames: string[];
  readonly #scripts = new Map<string, ivm.ExternalCopy<ArrayBuffer> | undefined>();
  /** Source of each script run at boot, by name (to make its code cache again). */
  readonly #scriptSources = new Map<string, string>();
  #codeCacheEnriched = false;
  /** The snapshot as made (kept only until it is stored), and packed without its zero pages, as restores use it. */
  #snapshot: ArrayBuffer | null = null;
  #packed: { header: ivm.ExternalCopy<ArrayBuffer>; pages: ivm.ExternalCopy<ArrayBuffer>; runs: ivm.ExternalCopy<ArrayBuffer>; heapBytes: number } | null = null;
  #spares: Promise<Interpreter>[] = [];
  #disposed = false;
  #stats: { -readonly [K in keyof PythonRuntimeStats]: PythonRuntimeStats[K] } = {
    snapshotMs: 0,
    snapshotBytes: 0,
    snapshotSource: "built",
    restores: 0,
    lastRestoreMs: 0,
    totalRestoreMs: 0,
  };

  private constructor(options: PythonRuntimeOptions) {
    this.#options = {
      spares: options.spares ?? 1,
      defaultMemoryMb: options.defaultMemoryMb ?? 256,
      isolateMemoryMb: options.isolateMemoryMb ?? 128,
      onCatastrophicError: options.onCatastrophicError,
      snapshotDirectory: options.snapshotDirectory,
      onSparesReady: options.onSparesReady,
    };
    const assets = loadPyodideAssets();
    const verified = options.packages ? verifyWheels(options.packages, assets.lockText) : null;
    this.#lockText = verified?.lockText ?? assets.lockText;
    this.#packageNames = verified ? verified.wheels.map((wheel) => wheel.name) : [];
    this.#files = [{ path: GUEST_STDLIB_PATH, copy: new ivm.ExternalCopy(toArrayBuffer(assets.stdlib)) }];
    // In Emscripten's "shell" environment Pyodide reads a wheel by its bare file name.
    for (const wheel of verified?.wheels ?? []) this.#files.push({ path: wheel.fileName, copy: new ivm.ExternalCopy(toArrayBuffer(wheel.bytes)) });
  }

  /**
   * Compiles the interpreter, takes the memory snapshot and restores the first spares.
   * Throws WheelVerificationError when a configured wheel does not match its lock file.
   */
  static async create(options: PythonRuntimeOptions = {}): Promise<PythonRuntime> {
    const runtime = new PythonRuntime(options);
    // Compiling the interpreter runs on V8's background threads while the snapshot is read.
    compileInterpreter(runtime.#options.defaultMemoryMb).catch(() => {});
    const directory = runtime.#options.snapshotDirectory;
    const key = directory ? runtime.#snapshotKey() : "";
    const stored = directory ? runtime.#readStoredSnapshot(directory, key) : false;
    if (!stored) await runtime.#makeSnapshot();
    runtime.warmUp();
    try {
      await Promise.all(runtime.#spares);
    } catch (error) {
      if (!stored || !directory) throw error;
      // The stored snapshot passed its checks but does not restore: never use it again.
      removeSnapshot(directory, key);
      runtime.#spares = [];
      await runtime.#makeSnapshot();
      runtime.warmUp();
      await Promise.all(runtime.#spares);
    }
    const first = await runtime.#spares[0];
    if (first) await runtime.#enrichCodeCache(first.isolate);
    // Stored only once an interpreter restored from it is ready, and before any job ran here.
    if (directory && runtime.#stats.snapshotSource === "built" && runtime.#snapshot) writeSnapshot(directory, key, runtime.#snapshot);
    runtime.#snapshot = null;
    return runtime;
  }

  stats(): PythonRuntimeStats {
    return { ...this.#stats };
  }

  /** Restores spares until `spares` are waiting; call when the process is idle. */
  warmUp(): void {
    while (!this.#disposed && this.#spares.length < this.#options.spares) {
      const spare = this.#restore(this.#options.defaultMemoryMb);
      spare.catch(() => {});
      this.#spares.push(spare);
    }
    const waiting = [...this.#spares];
    const listener = this.#options.onSparesReady;
    if (listener && waiting.length > 0) {
      void Promise.all(waiting).then(
        () => {
          // Only if no job has taken one meanwhile.
          if (!this.#disposed && this.#spares.length === waiting.length && this.#spares.every((spare, i) => spare === waiting[i])) listener();
        },
        () => {},
      );
    }
  }

  dispose(): void {
    this.#disposed = true;
    for (const spare of this.#spares) void spare.then(disposeInterpreter, () => {});
    this.#spares = [];
  }

  /** Everything the snapshot is made from: a stored snapshot made from anything else is stale. */
  #snapshotKey(): string {
    const assets = loadPyodideAssets();
    return snapshotKey([
      assets.version,
      assets.wasm,
      assets.moduleScript,
      assets.loaderScript,
      ENVIRONMENT_SCRIPT,
      GUEST_SCRIPT,
      HARNESS_SOURCE,
      HARNESS_MODULE,
      PRELOADED_MODULES.join(","),
      this.#lockText,
      // Installed packages are part of the snapshot: another choice of them is another snapshot.
      this.#packageNames.join(","),
      String(this.#options.defaultMemoryMb),
    ]);
  }

  #readStoredSnapshot(directory: string, key: string): boolean {
    const started = performance.now();
    const stored = readSnapshot(directory, key);
    if (!stored) return false;
    this.#stats.snapshotBytes = stored.byteLength;
    try {
      this.#setSnapshot(stored);
    } catch {
      // Not a snapshot this Pyodide can read: made again from scratch.
      removeSnapshot(directory, key);
      return false;
    }
    this.#stats.snapshotSource = "file";
    this.#stats.snapshotMs = performance.now() - started;
    return true;
  }

  async #makeSnapshot(): Promise<void> {
    const started = performance.now();
    this.#stats.snapshotSource = "built";
    const isolate = this.#newIsolate();
    try {
      const { answer: snapshot } = await this.#boot(isolate, this.#options.defaultMemoryMb, "make-snapshot");
      if (!(snapshot instanceof ArrayBuffer)) throw new Error("the interpreter answered without a snapshot");
      this.#stats.snapshotBytes = snapshot.byteLength;
      this.#setSnapshot(snapshot);
    } finally {
      if (!isolate.isDisposed) isolate.dispose();
    }
    this.#stats.snapshotMs = performance.now() - started;
  }

  #setSnapshot(snapshot: ArrayBuffer): void {
    const packed = packSnapshot(snapshot);
    const previous = this.#packed;
    this.#packed = {
      header: new ivm.ExternalCopy(packed.header, { transferOut: true }),
      pages: new ivm.ExternalCopy(packed.pages, { transferOut: true }),
      runs: new ivm.ExternalCopy(packed.runs.buffer, { transferOut: true }),
      heapBytes: packed.heapBytes,
    };
    if (previous) for (const copy of [previous.header, previous.pages, previous.runs]) copy.release();
    this.#snapshot = snapshot;
  }

  #newIsolate(): ivm.Isolate {
    const handler = this.#options.onCatastrophicError;
    return new ivm.Isolate({ memoryLimit: this.#options.isolateMemoryMb, ...(handler ? { onCatastrophicError: handler } : {}) });
  }

  /** Runs one of our own scripts, reusing V8's compiled form of it across isolates. */
  async #runScript(isolate: ivm.Isolate, context: ivm.Context, name: string, source: string): Promise<void> {
    this.#scriptSources.set(name, source);
    const cachedData = this.#scripts.get(name);
    const script: ivm.Script & ivm.CachedDataResult = await isolate.compileScript(source, { filename: name, ...(cachedData ? { cachedData } : { produceCachedData: true }) });
    if (!cachedData && script.cachedData) this.#scripts.set(name, script.cachedData);
    await script.run(context, { timeout: BOOT_TIMEOUT_MS });
  }

  /**
   * A code cache made when a script is compiled holds its top level only, so every isolate
   * compiled again each function a restore runs (Emscripten's and Pyodide's start-up). Made
   * again in an isolate that has restored an interpreter, where V8 finds the script already
   * compiled, it holds all of them. Compiling runs nothing: the interpreter there stays as fresh
   * as it was.
   */
  async #enrichCodeCache(isolate: ivm.Isolate): Promise<void> {
    if (this.#codeCacheEnriched) return;
    this.#codeCacheEnriched = true;
    for (const [name, source] of this.#scriptSources) {
      const script: ivm.Script & ivm.CachedDataResult = await isolate.compileScript(source, { filename: name, produceCachedData: true });
      if (script.cachedData) {
        this.#scripts.get(name)?.release();
        this.#scripts.set(name, script.cachedData);
      }
      script.release();
    }
  }

  async #boot(isolate: ivm.Isolate, memoryMb: number, mode: GuestBootOptions["mode"]): Promise<{ answer: ArrayBuffer | string; context: ivm.Context }> {
    const assets = loadPyodideAssets();
    const module = await compileInterpreter(memoryMb);
    const context = await isolate.createContext();
    const global = context.global;
    await this.#runScript(isolate, context, "guest-environment.js", ENVIRONMENT_SCRIPT);
    for (const file of this.#files) {
      await context.evalClosure("__epochGuest.files[$0] = $1;", [file.path, file.copy.copyInto()], { timeout: BOOT_TIMEOUT_MS });
    }
    await global.set("__epochWasmModule", new ivm.ExternalCopy(module).copyInto({ release: true }));
    await global.set("__epochLock", this.#lockText);
    if (mode === "restore") {
      if (!this.#packed) throw new Error("no snapshot to restore from");
      await global.set("__epochSnapshotHeader", this.#packed.header.copyInto());
      await global.set("__epochSnapshotPages", this.#packed.pages.copyInto());
      await global.set("__epochSnapshotRuns", this.#packed.runs.copyInto());
    }
    await this.#runScript(isolate, context, "pyodide.asm.js", assets.moduleScript);
    await this.#runScript(isolate, context, "pyodide.js", assets.loaderScript);
    await this.#runScript(isolate, context, "guest-python.js", GUEST_SCRIPT);
    const options: GuestBootOptions = {
      mode,
      heapBytes: this.#packed?.heapBytes ?? 0,
      indexUrl: GUEST_INDEX_URL,
      wasmPath: GUEST_WASM_PATH,
      packagesUrl: GUEST_PACKAGES_URL,
      packages: this.#packageNames,
      preload: PRELOADED_MODULES,
      harnessSource: mode === "make-snapshot" ? HARNESS_SOURCE : "",
      harnessModule: HARNESS_MODULE,
    };
    const boot: ivm.Reference<(json: string) => Promise<ArrayBuffer | string>> = await global.get("__epochBoot", { reference: true });
    const answer = await withDeadline(
      boot.apply(undefined, [JSON.stringify(options)], { timeout: BOOT_TIMEOUT_MS, result: { promise: true, copy: true } }),
      BOOT_TIMEOUT_MS,
      "booting the Python interpreter",
    );
    return { answer, context };
  }

  /** A fresh isolate with an interpreter restored from the snapshot and the harness installed. */
  async #restore(memoryMb: number): Promise<Interpreter> {
    const started = performance.now();
    const isolate = this.#newIsolate();
    try {
      const { answer, context } = await this.#boot(isolate, memoryMb, "restore");
      if (answer !== "ready") throw new Error("the interpreter did not become ready");
      const command: ivm.Reference<GuestCommand> = await context.global.get("__epochCommand", { reference: true });
      await context.global.delete("__epochCommand");
      const interpreter = { isolate, command, memoryMb };
      this.#stats.restores++;
      this.#stats.lastRestoreMs = performance.now() - started;
      this.#stats.totalRestoreMs += this.#stats.lastRestoreMs;
      return interpreter;
    } catch (error) {
      if (!isolate.isDisposed) isolate.dispose();
      throw error;
    }
  }

  async #take(memoryMb: number): Promise<Interpreter> {
    if (memoryMb === this.#options.defaultMemoryMb) {
      const spare = this.#spares.shift();
      if (spare) {
        const ready = await spare.catch(() => null);
        if (ready && !ready.isolate.isDisposed) return ready;
      }
    }
    return this.#restore(memoryMb);
  }

  /** Grades one submission. Never throws for anything the student's code does. */
  async run(job: PythonJob): Promise<PythonJobOutcome> {
    if (this.#disposed) throw new Error("the Python runtime is disposed");
    const used: Interpreter[] = [];
    try {
      return await this.#run(job, used);
    } finally {
      // Off the critical path: the caller has its outcome before isolates are freed and spares restored.
      setImmediate(() => {
        for (const interpreter of used) disposeInterpreter(interpreter);
        this.warmUp();
      });
    }
  }

  async #run(job: PythonJob, used: Interpreter[]): Promise<PythonJobOutcome> {
    const started = performance.now();
    // Restoring an interpreter is the grader's cost, not the student's: it extends the deadline.
    let deadline = started + job.limits.timeLimitMs;
    const remaining = (): number => Math.max(1, Math.round(deadline - performance.now()));
    const settingsJson = JSON.stringify({ max_output_chars: job.limits.maxOutputChars, max_log_chars: job.limits.maxLogChars, fixed_time: job.fixedTime });

    /** A fresh interpreter with the student's module loaded, or why loading failed. */
    const load = async (): Promise<{ interpreter: Interpreter; logs: string; exports: readonly string[] } | { outcome: PythonJobOutcome }> => {
      const takeStarted = performance.now();
      const interpreter = await this.#take(job.limits.memoryMb);
      used.push(interpreter);
      deadline += performance.now() - takeStarted;
      const answer = await invoke(interpreter, ["load", job.source, settingsJson], remaining());
      if (answer === "timeout") return { outcome: { kind: "load_timeout" } };
      if (answer === "memory_limit") return { outcome: { kind: "load_memory_limit" } };
      const { reply, logs } = answer;
      switch (reply.status) {
        case "ok":
          return { interpreter, logs, exports: reply.exports ?? [] };
        case "syntax":
          return { outcome: { kind: "compile_error", problem: { message: `${reply.error.name}: ${reply.error.message}`, line: reply.error.line, column: reply.error.column } } };
        case "memory":
          return { outcome: { kind: "load_memory_limit" } };
        case "error":
        case "fatal":
          return { outcome: { kind: "load_failed", error: reply.error, logs } };
        default:
          return { outcome: { kind: "load_failed", error: harnessBroke(`loading answered "${reply.status}"`), logs } };
      }
    };

    const first = await load();
    if ("outcome" in first) return first.outcome;
    if (!first.exports.includes(job.entry)) return { kind: "missing_export", exportNames: first.exports, logs: first.logs };

    let current: Interpreter | null = first.interpreter;
    /**
     * The interpreter is unusable (timed out, out of memory, ended): free it now rather than at
     * the end of the job, or a job whose every test fills its heap holds one full heap per test.
     */
    const abandon = (interpreter: Interpreter): null => {
      const index = used.indexOf(interpreter);
      if (index >= 0) used.splice(index, 1);
      disposeInterpreter(interpreter);
      return null;
    };
    const calls: PythonCallOutcome[] = [];
    let stopped: "timeout" | "memory_limit" | "crash" | null = null;
    for (const call of job.calls) {
      if (stopped !== null) {
        calls.push({ status: "not_run", reason: stopped });
        continue;
      }
      if (performance.now() >= deadline) {
        stopped = "timeout";
        calls.push({ status: "not_run", reason: stopped });
        continue;
      }
      if (current === null) {
        // The last call left its interpreter unusable: the next test gets a fresh one.
        const again = await load();
        if ("outcome" in again) {
          stopped = again.outcome.kind === "load_memory_limit" ? "memory_limit" : again.outcome.kind === "load_timeout" ? "timeout" : "crash";
          calls.push({ status: "not_run", reason: stopped });
          continue;
        }
        current = again.interpreter;
      }
      const cutByJobLimit = remaining() < job.limits.testTimeoutMs;
      const timeout = Math.min(job.limits.testTimeoutMs, remaining());
      const callStarted = performance.now();
      const answer = await invoke(current, ["call", job.entry, call.argsJson, call.randomSeed], timeout);
      const ms = performance.now() - callStarted;
      if (answer === "timeout" || answer === "memory_limit") {
        calls.push({ status: answer, ms });
        current = abandon(current);
        // Out of time for the whole job: the remaining tests do not run.
        if (answer === "timeout" && cutByJobLimit) stopped = "timeout";
        continue;
      }
      const { reply, logs } = answer;
      switch (reply.status) {
        case "ok":
          calls.push({ status: "returned", value: reply.value, logs, ms });
          break;
        case "error":
          calls.push({ status: "threw", error: reply.error, logs, ms });
          break;
        case "fatal":
          calls.push({ status: "threw", error: reply.error, logs, ms });
          current = abandon(current);
          break;
        case "invalid":
          calls.push({ status: "invalid", reason: reply.reason, logs, ms });
          break;
        case "memory":
          calls.push({ status: "memory_limit", ms });
          // The heap is at its maximum and never shrinks; start the next test afresh.
          current = abandon(current);
          break;
        default:
          calls.push({ status: "threw", error: harnessBroke(`the function "${job.entry}" is gone (answered "${reply.status}")`), logs, ms });
      }
    }
    return { kind: "ran", loadLogs: first.logs, calls, sandboxMs: performance.now() - started };
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function disposeInterpreter(interpreter: Interpreter): void {
  interpreter.command.release();
  if (!interpreter.isolate.isDisposed) interpreter.isolate.dispose();
}

function harnessBroke(message: string): PythonError {
  return { name: "InternalError", message, line: 0, column: 0, traceback: "" };
}

/** isolated-vm reports its own limits as errors; tell them apart from everything else. */
function classifyHostError(error: unknown, isolate: ivm.Isolate): Failure | null {
  const message = error instanceof Error ? error.message : String(error);
  if (/memory limit/i.test(message) || (isolate.isDisposed && /disposed/i.test(message))) return "memory_limit";
  if (/timed out/i.test(message)) return "timeout";
  return null;
}

async function invoke(interpreter: Interpreter, args: Parameters<GuestCommand>, timeout: number): Promise<GuestAnswer | Failure> {
  let text: unknown;
  try {
    text = await interpreter.command.apply(undefined, args, { timeout, result: { copy: true } });
  } catch (error) {
    const failure = classifyHostError(error, interpreter.isolate);
    if (failure) return failure;
    throw error;
  }
  if (typeof text !== "string") throw new Error("the interpreter answered with a non-string");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`the interpreter's answer is not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = guestAnswerSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the interpreter's answer is malformed: ${parsed.error.message.slice(0, 500)}`);
  return parsed.data;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
