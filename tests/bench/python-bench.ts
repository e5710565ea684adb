/**
 * The Python half of `npm run bench`: forward-pass submissions in Python (a correct solution and
 * two typical mistakes, each text unique) through the production sandbox pool.
 *
 *   ready       one submission at a time, once every process has its interpreter restored:
 *               what a student sees when the grader is idle;
 *   no spare    one process, back to back: each submission waits for the restore the
 *               previous one started (cold in a warm process);
 *   first job   the first Python submission of a process that graded TypeScript only, which
 *               starts the interpreter: from the host's stored snapshot, and with none stored
 *               (the first process on a host boots CPython and makes it);
 *   new process a process started and a Python submission sent at once (a pool starts its
 *               processes, and their interpreters, before jobs come: no student waits for this);
 *   sustained   as many in flight as cores, submissions per second;
 *   memory      resident memory of each sandbox process over 1,000 submissions (or four minutes);
 *   spare       what one restored, waiting interpreter costs a process, in MB of RSS.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getExercise } from "../../exercises/registry.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { loadSolution } from "../../exercises/fixtures.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import { PythonProcess } from "../grader/python/python-process.ts";

const FIXTURES = [
  { name: "correct", shouldPass: true },
  { name: "missing-bias", shouldPass: false },
  { name: "transposed-weights", shouldPass: false },
].map((f) => ({ ...f, code: loadSolution("forward-pass", f.name, undefined, "python").source }));

let counter = 0;
function nextSubmission(): { source: string; seed: number; shouldPass: boolean } {
  const fixture = FIXTURES[counter % FIXTURES.length]!;
  counter++;
  return { source: `${fixture.code}\n# submission ${counter}\n`, seed: 1 + (counter % 17), shouldPass: fixture.shouldPass };
}

/** Grades one submission; true when the verdict is the one its fixture deserves. */
async function grade(pool: SandboxPool): Promise<boolean> {
  const submission = nextSubmission();
  const result = await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source: submission.source, language: "python", seed: submission.seed, mode: "submit" });
  return (result.verdict === "passed") === submission.shouldPass && (submission.shouldPass ? result.score === result.maxScore : result.score < result.maxScore);
}

function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export interface PythonBenchReport {
  /** Submit → verdict, ms. */
  readonly readyP50: number;
  readonly readyP95: number;
  /** One process, back to back: each job waits for the interpreter the previous one's restore is making. */
  readonly noSpareP50: number;
  /** The first Python job of a process that has graded TypeScript only: the interpreter starts from the host's stored snapshot. */
  readonly firstJobStoredP50: number;
  /** The same with no stored snapshot (the first process on a host): the interpreter boots CPython and makes the snapshot. */
  readonly firstJobUnstoredP50: number;
  /** A process started and its first (Python) job submitted at once: process start, interpreter from the stored snapshot, job. */
  readonly newProcessP50: number;
  /** Restore of one interpreter inside a process (mean of the restores measured), ms. */
  readonly restoreMs: number;
  /** A sandbox process before its first Python job (TypeScript only) and just after it, MB. */
  readonly typescriptOnlyMb: number;
  readonly afterFirstPythonMb: number;
  readonly rate: number;
  readonly memory: { readonly submissions: number; readonly seconds: number; readonly perProcess: readonly { startMb: number; endMb: number; peakMb: number }[] } | null;
  readonly spareMb: number | null;
  readonly graded: number;
  readonly wrong: number;
}

async function timed(pool: SandboxPool, latencies: number[], tally: { graded: number; wrong: number }): Promise<void> {
  const started = performance.now();
  const ok = await grade(pool);
  latencies.push(performance.now() - started);
  tally.graded++;
  if (!ok) tally.wrong++;
}

/** Until every process of the pool has a restored interpreter waiting. */
async function sparesReady(pool: SandboxPool): Promise<void> {
  while (pool.stats().pythonSpares < pool.stats().size) await pause(10);
}

/** RSS of a process at rest holding `spares` restored interpreters (median of a few readings). */
async function restingRss(spares: number, snapshotDirectory: string): Promise<number> {
  const python = new PythonProcess({ spares, defaultMemoryMb: 128, snapshotDirectory });
  try {
    await python.ready;
    const readings: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pause(300);
      readings.push((await python.stats()).rssMb);
    }
    return percentile(readings, 50);
  } finally {
    python.close();
  }
}

/** Mean time of one interpreter restore in a process grading back to back. */
async function restoreTime(count: number, snapshotDirectory: string): Promise<number> {
  const python = new PythonProcess({ spares: 1, defaultMemoryMb: 128, snapshotDirectory });
  try {
    await python.ready;
    const before = (await python.stats()).stats;
    for (let i = 0; i < count; i++) await python.run({ source: "def f():\n    return 1\n" });
    await pause(1000);
    const after = (await python.stats()).stats;
    return (after.totalRestoreMs - before.totalRestoreMs) / (after.restores - before.restores);
  } finally {
    python.close();
  }
}

/** Runs `work` with sandbox processes sharing the snapshot in `directory` (inherited by the processes the pool starts). */
async function withSnapshotDirectory<T>(directory: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.EPOCH_PYTHON_SNAPSHOT_DIR;
  process.env.EPOCH_PYTHON_SNAPSHOT_DIR = directory;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env.EPOCH_PYTHON_SNAPSHOT_DIR;
    else process.env.EPOCH_PYTHON_SNAPSHOT_DIR = saved;
  }
}

export async function runPythonBench(options: { quick: boolean; cores: number }): Promise<PythonBenchReport> {
  const tally = { graded: 0, wrong: 0 };
  const stored = mkdtempSync(join(tmpdir(), "epoch-bench-snapshot-"));
  const folders = [stored];
  const typescript = readFileSync(join(process.cwd(), "exercises", "forward-pass", "solutions", "correct.ts"), "utf8");
  const rounds = options.quick ? 1 : 3;

  /** A fresh one-process pool that has graded TypeScript only, then its first Python job. */
  const firstPythonJob = async (directory: string, latencies: number[]): Promise<{ typescriptOnlyMb: number; afterFirstPythonMb: number }> =>
    withSnapshotDirectory(directory, async () => {
      const pool = new SandboxPool({ size: 1 });
      try {
        await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source: typescript, language: "typescript", seed: 1, mode: "submit" });
        await pause(200);
        const typescriptOnlyMb = rssMb(pool.pids()[0]!);
        await timed(pool, latencies, tally);
        await pause(1500);
        return { typescriptOnlyMb, afterFirstPythonMb: rssMb(pool.pids()[0]!) };
      } finally {
        await pool.close();
      }
    });

  try {
    // The first process on a host: no stored snapshot yet (each round in an empty folder).
    const firstJobUnstored: number[] = [];
    let memory0 = { typescriptOnlyMb: 0, afterFirstPythonMb: 0 };
    for (let i = 0; i < rounds; i++) {
      const empty = mkdtempSync(join(tmpdir(), "epoch-bench-snapshot-"));
      folders.push(empty);
      memory0 = await firstPythonJob(empty, firstJobUnstored);
    }
    // Store the snapshot once, then: processes that find it.
    await firstPythonJob(stored, []);
    const firstJobStored: number[] = [];
    for (let i = 0; i < rounds; i++) await firstPythonJob(stored, firstJobStored);
    const newProcess: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await withSnapshotDirectory(stored, async () => {
        const started = performance.now();
        const pool = new SandboxPool({ size: 1 });
        try {
          await grade(pool);
          newProcess.push(performance.now() - started);
        } finally {
          await pool.close();
        }
      });
    }

    // No spare ready in a warm process: one process, back to back.
    const noSpare: number[] = [];
    await withSnapshotDirectory(stored, async () => {
      const pool = new SandboxPool({ size: 1, preparePython: true });
      try {
        await sparesReady(pool);
        for (let i = 0; i < (options.quick ? 5 : 30); i++) await timed(pool, noSpare, tally);
      } finally {
        await pool.close();
      }
    });

    const report = await withSnapshotDirectory(stored, async () => {
      const pool = new SandboxPool({ size: options.cores, preparePython: true });
      try {
        await sparesReady(pool);
        // Spare ready: one at a time, each once every process has its interpreter restored.
        const ready: number[] = [];
        for (let i = 0; i < (options.quick ? 5 : 30); i++) {
          await sparesReady(pool);
          await pause(50);
          await timed(pool, ready, tally);
        }

        // Sustained: as many in flight as cores.
        const batch = options.quick ? 12 : 200;
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: options.cores }, async () => {
            while (next++ < batch) await timed(pool, [], tally);
          }),
        );
        const rate = batch / ((performance.now() - started) / 1000);

        let memory: PythonBenchReport["memory"] = null;
        if (!options.quick) {
          const pids = pool.pids();
          const perProcess = pids.map((pid) => ({ pid, startMb: rssMb(pid), endMb: 0, peakMb: 0 }));
          const sampler = setInterval(() => {
            for (const p of perProcess) p.peakMb = Math.max(p.peakMb, rssMb(p.pid));
          }, 100);
          const memoryStarted = performance.now();
          const deadline = memoryStarted + 240_000;
          let submissions = 0;
          await Promise.all(
            Array.from({ length: options.cores }, async () => {
              while (submissions < 1000 && performance.now() < deadline) {
                submissions++;
                await timed(pool, [], tally);
              }
            }),
          );
          clearInterval(sampler);
          await pause(1000);
          for (const p of perProcess) p.endMb = rssMb(p.pid);
          // A process replaced meanwhile (recycled) would read 0 here: report what was measured.
          memory = { submissions, seconds: (performance.now() - memoryStarted) / 1000, perProcess: perProcess.map(({ startMb, endMb, peakMb }) => ({ startMb, endMb, peakMb })) };
        }
        return { ready, rate, memory };
      } finally {
        await pool.close();
      }
    });

    const spareMb = options.quick ? null : ((await restingRss(2, stored)) - (await restingRss(0, stored))) / 2;
    return {
      readyP50: percentile(report.ready, 50),
      readyP95: percentile(report.ready, 95),
      noSpareP50: percentile(noSpare, 50),
      firstJobStoredP50: percentile(firstJobStored, 50),
      firstJobUnstoredP50: percentile(firstJobUnstored, 50),
      newProcessP50: percentile(newProcess, 50),
      restoreMs: await restoreTime(options.quick ? 5 : 30, stored),
      typescriptOnlyMb: memory0.typescriptOnlyMb,
      afterFirstPythonMb: memory0.afterFirstPythonMb,
      rate: report.rate,
      memory: report.memory,
      spareMb,
      ...tally,
    };
  } finally {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

export function printPythonBench(report: PythonBenchReport, cores: number): void {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out("\nPython (forward-pass in Python: a correct solution and two mistakes, every test):");
  out(`  submit → verdict, spare ready:                    p50 ${report.readyP50.toFixed(0)} ms, p95 ${report.readyP95.toFixed(0)} ms   (target ≤ 100 ms)`);
  out(`  cold, no spare ready in a warm process:          p50 ${report.noSpareP50.toFixed(0)} ms   (target ≤ 400 ms; one process, back to back)`);
  out(
    `  cold, first Python job of a process:             p50 ${report.firstJobStoredP50.toFixed(0)} ms with the host's stored snapshot, ${report.firstJobUnstoredP50.toFixed(0)} ms without (first process on a host)`,
  );
  out(`  cold, brand-new process (start + first job):     p50 ${report.newProcessP50.toFixed(0)} ms   (the pool starts processes and their interpreters before jobs come)`);
  out(`  restoring one interpreter:                       ${report.restoreMs.toFixed(0)} ms`);
  out(`  sustained on ${cores} cores (${cores} in flight):            ${report.rate.toFixed(1)} submissions/s   (target ≥ 8)`);
  out(`  sandbox process RSS: ${report.typescriptOnlyMb.toFixed(0)} MB TypeScript only → ${report.afterFirstPythonMb.toFixed(0)} MB after its first Python job`);
  if (report.memory) {
    const rows = report.memory.perProcess.map((p, i) => `process ${i + 1}: ${p.startMb.toFixed(0)} → ${p.endMb.toFixed(0)} MB (peak ${p.peakMb.toFixed(0)})`);
    out(`  memory over ${report.memory.submissions} submissions (${report.memory.seconds.toFixed(0)} s): ${rows.join("; ")}`);
  }
  if (report.spareMb !== null) out(`  one waiting spare interpreter:                   ${report.spareMb.toFixed(0)} MB of RSS`);
  out(`  graded ${report.graded}, wrong ${report.wrong}`);
}
