/**
 * The Python half of `npm run bench`: forward-pass submissions in Python (a correct solution and
 * two typical mistakes, each text unique) through the production sandbox pool.
 *
 *   ready     one submission at a time, after a pause long enough for the spare to be restored:
 *             what a student sees when the grader is idle;
 *   no spare  back to back: each submission waits for the restore the previous one started;
 *   cold      the first Python submission of a sandbox process, which starts the interpreter
 *             (boot, memory snapshot, first spare);
 *   sustained as many in flight as cores, submissions per second;
 *   memory    resident memory of each sandbox process over 1,000 submissions (or two minutes);
 *   spare     what one restored, waiting interpreter costs a process, in MB of RSS.
 */
import { readFileSync } from "node:fs";
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
  readonly noSpareP50: number;
  readonly coldP50: number;
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

/** RSS of a process at rest holding `spares` restored interpreters (median of a few readings). */
async function restingRss(spares: number): Promise<number> {
  const python = new PythonProcess({ spares, defaultMemoryMb: 128 });
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

export async function runPythonBench(options: { quick: boolean; cores: number }): Promise<PythonBenchReport> {
  const tally = { graded: 0, wrong: 0 };

  // Cold: a fresh process that has graded TypeScript only, then its first Python submission.
  const cold: number[] = [];
  let typescriptOnlyMb = 0;
  let afterFirstPythonMb = 0;
  for (let i = 0; i < (options.quick ? 1 : 3); i++) {
    const pool = new SandboxPool({ size: 1 });
    try {
      const typescript = readFileSync(join(process.cwd(), "exercises", "forward-pass", "solutions", "correct.ts"), "utf8");
      await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source: typescript, language: "typescript", seed: 1, mode: "submit" });
      await pause(200);
      typescriptOnlyMb = rssMb(pool.pids()[0]!);
      await timed(pool, cold, tally);
      await pause(1500);
      afterFirstPythonMb = rssMb(pool.pids()[0]!);
    } finally {
      await pool.close();
    }
  }

  const pool = new SandboxPool({ size: options.cores });
  try {
    // Start every process's interpreter first: the figures below are for a warm pool.
    await Promise.all(Array.from({ length: options.cores }, () => grade(pool)));
    const ready: number[] = [];
    const noSpare: number[] = [];
    const count = options.quick ? 3 : 30;
    for (let i = 0; i < count; i++) {
      await pause(1500);
      await timed(pool, ready, tally);
    }
    for (let i = 0; i < count; i++) await timed(pool, noSpare, tally);

    // Sustained: as many in flight as cores.
    const batch = options.quick ? 6 : 150;
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
      const deadline = memoryStarted + 120_000;
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
      for (const p of perProcess) p.endMb = rssMb(p.pid);
      // A process replaced meanwhile (recycled) would read 0 here: report what was measured.
      memory = { submissions, seconds: (performance.now() - memoryStarted) / 1000, perProcess: perProcess.map(({ startMb, endMb, peakMb }) => ({ startMb, endMb, peakMb })) };
    }

    const spareMb = options.quick ? null : ((await restingRss(2)) - (await restingRss(0))) / 2;
    return {
      readyP50: percentile(ready, 50),
      readyP95: percentile(ready, 95),
      noSpareP50: percentile(noSpare, 50),
      coldP50: percentile(cold, 50),
      typescriptOnlyMb,
      afterFirstPythonMb,
      rate,
      memory,
      spareMb,
      ...tally,
    };
  } finally {
    await pool.close();
  }
}

export function printPythonBench(report: PythonBenchReport, cores: number): void {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out("\nPython (forward-pass in Python: a correct solution and two mistakes, every test; the same pool):");
  out(`  submit → verdict, spare ready:           p50 ${report.readyP50.toFixed(0)} ms, p95 ${report.readyP95.toFixed(0)} ms`);
  out(`  submit → verdict, no spare (back to back): p50 ${report.noSpareP50.toFixed(0)} ms`);
  out(`  submit → verdict, cold process:           p50 ${report.coldP50.toFixed(0)} ms (first Python job: starts the interpreter)`);
  out(`  sustained on ${cores} cores:                   ${report.rate.toFixed(1)} submissions/s`);
  out(`  sandbox process RSS: ${report.typescriptOnlyMb.toFixed(0)} MB TypeScript only → ${report.afterFirstPythonMb.toFixed(0)} MB after its first Python job`);
  if (report.memory) {
    const rows = report.memory.perProcess.map((p, i) => `process ${i + 1}: ${p.startMb.toFixed(0)} → ${p.endMb.toFixed(0)} MB (peak ${p.peakMb.toFixed(0)})`);
    out(`  memory over ${report.memory.submissions} submissions (${report.memory.seconds.toFixed(0)} s): ${rows.join("; ")}`);
  }
  if (report.spareMb !== null) out(`  one waiting spare interpreter:            ${report.spareMb.toFixed(0)} MB of RSS`);
  out(`  graded ${report.graded}, wrong ${report.wrong}`);
}
