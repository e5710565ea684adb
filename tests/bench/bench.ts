/**
 * npm run bench [-- --quick] [--python-only]
 *
 * Grades the five named exercises' correct and wrong solutions, all tests, with three runners
 * side by side, interleaved so machine noise hits them alike:
 *   limit    the student's function called directly in this process (no sandbox: the floor),
 *   epoch    the production grader (warm process pool, a fresh isolate per submission),
 *   process  a fresh node process per submission (container/Jobe-style, minus the container).
 * Then end to end: the production server on loopback, students submitting concurrently.
 * Then Python: forward-pass submissions in Python through the same pool (python-bench.ts).
 * --quick only checks that every runner grades every submission correctly (for CI).
 * --python-only runs the Python part alone (it needs no build of the app).
 */
import { readFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { readSolution } from "../../exercises/fixtures.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { epochRunner, limitRunner, processRunner, type BenchRunner } from "./runners.ts";
import { endToEnd, type EndToEndRow } from "./end-to-end.ts";
import { getExercise } from "../../exercises/registry.ts";
import { printPythonBench, runPythonBench } from "./python-bench.ts";

export interface BenchSubmission {
  readonly exerciseId: string;
  readonly source: string;
  readonly seed: number;
  readonly shouldPass: boolean;
}

const EXERCISES: Record<string, string[]> = {
  "forward-pass": ["missing-bias", "transposed-weights"],
  "backprop-gradients": ["wrong-sign", "no-output-sigmoid-derivative"],
  "kmeans-step": ["ties-last-index", "manhattan-distance"],
  "mlp-parameter-count": ["ignores-include-bias", "bias-on-input-layer"],
  "backprop-warmup": ["local-gradients-only", "dz-is-z"],
};

const read = (exerciseId: string, name: string) => readSolution(exerciseId, name);
const FIXTURES = Object.entries(EXERCISES).flatMap(([exerciseId, mistakes]) => [
  { exerciseId, code: read(exerciseId, "correct"), shouldPass: true },
  ...mistakes.map((m) => ({ exerciseId, code: read(exerciseId, m), shouldPass: false })),
]);

let counter = 0;
/** The next submission of the mix; each one's text is unique, as different students' are. */
function nextSubmission(): BenchSubmission {
  const fixture = FIXTURES[counter % FIXTURES.length]!;
  counter++;
  return { exerciseId: fixture.exerciseId, source: `${fixture.code}\n// submission ${counter}\n`, seed: 1 + (counter % 17), shouldPass: fixture.shouldPass };
}

async function grade(runner: BenchRunner, submission: BenchSubmission): Promise<boolean> {
  const result = await gradeSubmission(runner, { exercise: getExercise(submission.exerciseId), source: submission.source, seed: submission.seed, mode: "submit" });
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

/** Peak resident memory of this process plus the runner's processes, sampled while `work` runs. */
async function withPeakMemory<T>(runner: BenchRunner, work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, rssMb(process.pid) + runner.pids().reduce((sum, pid) => sum + rssMb(pid), 0));
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await work();
    sample();
    return { value, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

interface RunnerStats {
  latencies: number[];
  rates: number[];
  peakMb: number;
  graded: number;
  wrong: number;
}

/** One submission at a time, after a short pause: the latency a student sees when the grader is not busy. */
async function latencyRound(runner: BenchRunner, count: number, stats: RunnerStats): Promise<void> {
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const submission = nextSubmission();
    const started = performance.now();
    const ok = await grade(runner, submission);
    stats.latencies.push(performance.now() - started);
    stats.graded++;
    if (!ok) stats.wrong++;
  }
}

/** As many submissions in flight as there are cores: how many the runner grades per second. */
async function throughputRound(runner: BenchRunner, count: number, stats: RunnerStats, cores: number): Promise<void> {
  const batch = Array.from({ length: count }, nextSubmission);
  const started = performance.now();
  if (runner.name.startsWith("limit")) {
    // In-process direct calls use one core; a thread per core gives the limit its fair share.
    const shares = Array.from({ length: cores }, (_, t) => batch.filter((_, i) => i % cores === t));
    const counts = await Promise.all(
      shares.map(
        (share) =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(new URL("./limit-thread.ts", import.meta.url), { workerData: share });
            worker.once("message", (m: { correct: number }) => resolve(m.correct));
            worker.once("error", reject);
          }),
      ),
    );
    const correct = counts.reduce((a, b) => a + b, 0);
    stats.graded += batch.length;
    stats.wrong += batch.length - correct;
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: cores }, async () => {
        while (next < batch.length) {
          const ok = await grade(runner, batch[next++]!);
          stats.graded++;
          if (!ok) stats.wrong++;
        }
      }),
    );
  }
  stats.rates.push(count / ((performance.now() - started) / 1000));
}

export interface BenchReport {
  readonly runners: Record<string, { rate: number; p50: number; p95: number; p99: number; peakMb: number; graded: number; wrong: number }>;
  readonly memory: { startMb: number; endMb: number; submissions: number } | null;
  readonly endToEnd: readonly EndToEndRow[];
}

export async function runBench(options: { quick: boolean }): Promise<BenchReport> {
  const cores = availableParallelism();
  const rounds = options.quick ? 1 : 5;
  const latencyCount = options.quick ? 5 : 40;
  const throughputCount = { limit: options.quick ? 15 : 600, epoch: options.quick ? 15 : 600, process: options.quick ? 6 : 60 };
  const runners = [limitRunner(), epochRunner(cores), processRunner()];
  const stats = new Map<BenchRunner, RunnerStats>(runners.map((r) => [r, { latencies: [], rates: [], peakMb: 0, graded: 0, wrong: 0 }]));
  try {
    // Warm every runner (JIT, caches, the pool's processes) before measuring.
    for (const runner of runners) for (let i = 0; i < (runner.name.startsWith("process") ? 3 : 30); i++) await grade(runner, nextSubmission());
    for (let round = 0; round < rounds; round++) {
      for (const runner of runners) {
        const s = stats.get(runner)!;
        const key = runner.name.startsWith("limit") ? "limit" : runner.name.startsWith("epoch") ? "epoch" : "process";
        const { peakMb } = await withPeakMemory(runner, async () => {
          await latencyRound(runner, key === "process" ? Math.ceil(latencyCount / 4) : latencyCount, s);
          await throughputRound(runner, throughputCount[key], s, cores);
        });
        s.peakMb = Math.max(s.peakMb, peakMb);
      }
    }
    let memory: BenchReport["memory"] = null;
    if (!options.quick) {
      // The pool's resident memory across many submissions: it should stay flat.
      const epoch = runners[1]!;
      const poolMb = () => epoch.pids().reduce((sum, pid) => sum + rssMb(pid), 0);
      const total = 10_000;
      const startMb = poolMb();
      const s = stats.get(epoch)!;
      for (let done = 0; done < total; done += 1000) await throughputRound(epoch, 1000, { ...s, rates: [] }, cores);
      memory = { startMb, endMb: poolMb(), submissions: total };
    }
    const report: BenchReport = {
      runners: Object.fromEntries(
        runners.map((runner) => {
          const s = stats.get(runner)!;
          return [
            runner.name,
            {
              rate: percentile(s.rates, 50),
              p50: percentile(s.latencies, 50),
              p95: percentile(s.latencies, 95),
              p99: percentile(s.latencies, 99),
              peakMb: s.peakMb,
              graded: s.graded,
              wrong: s.wrong,
            },
          ];
        }),
      ),
      memory,
      endToEnd: await endToEnd(options.quick ? [1, 2] : [1, 10, 100], options.quick),
    };
    return report;
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
}

export function printBench(report: BenchReport, quick: boolean): void {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(
    `\nEpoch grading benchmark — ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}${quick ? " (quick: correctness only)" : ""}`,
  );
  out("Five named exercises, correct and wrong solutions, every test (visible and hidden).");
  out("Latency: one submission at a time. Throughput: as many in flight as cores (limit: one thread per core).\n");
  out(
    `${"runner".padEnd(34)}${"subs/s".padStart(9)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"peak MB".padStart(9)}${"graded".padStart(8)}${"wrong".padStart(7)}`,
  );
  for (const [name, r] of Object.entries(report.runners)) {
    out(
      `${name.padEnd(34)}${r.rate.toFixed(0).padStart(9)}${r.p50.toFixed(2).padStart(9)}${r.p95.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}${r.peakMb.toFixed(0).padStart(9)}${String(r.graded).padStart(8)}${String(r.wrong).padStart(7)}`,
    );
  }
  const [limit, epoch, processes] = Object.values(report.runners) as [BenchReport["runners"][string], BenchReport["runners"][string], BenchReport["runners"][string]];
  out();
  out(`Epoch overhead over the limit at p50:   ${(epoch.p50 - limit.p50).toFixed(2)} ms per submission   (target ≤ 2 ms)`);
  out(`Epoch / limit at p50:                   ${(epoch.p50 / limit.p50).toFixed(1)}×`);
  out(`Process per submission / Epoch at p50:  ${(processes.p50 / epoch.p50).toFixed(1)}×   (target ≥ 30×)`);
  out(`Epoch throughput:                       ${epoch.rate.toFixed(0)} submissions/s   (target ≥ 400 on 2 cores)`);
  if (report.memory) {
    out(
      `Grader pool memory over ${report.memory.submissions.toLocaleString("en-US")} submissions: ${report.memory.startMb.toFixed(0)} MB → ${report.memory.endMb.toFixed(0)} MB (growth ${(report.memory.endMb - report.memory.startMb).toFixed(0)} MB)`,
    );
  }
  out("\nEnd to end (production server on loopback; Submit → verdict stored and seen by the client):");
  out(`${"concurrency".padEnd(14)}${"verdicts/s".padStart(12)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"graded".padStart(8)}${"wrong".padStart(7)}`);
  for (const row of report.endToEnd) {
    out(
      `${String(row.concurrency).padEnd(14)}${row.rate.toFixed(0).padStart(12)}${row.p50.toFixed(1).padStart(9)}${row.p95.toFixed(1).padStart(9)}${row.p99.toFixed(1).padStart(9)}${String(row.graded).padStart(8)}${String(row.wrong).padStart(7)}`,
    );
  }
  out("Targets at concurrency 10: p50 < 50 ms, p99 < 250 ms.");
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, "python-only": { type: "boolean", default: false } } });
  let wrong = 0;
  if (!values["python-only"]) {
    const { buildApp } = await import("../support/e2e-setup.ts");
    buildApp();
    const report = await runBench({ quick: values.quick });
    printBench(report, values.quick);
    wrong += Object.values(report.runners).reduce((sum, r) => sum + r.wrong, 0) + report.endToEnd.reduce((sum, r) => sum + r.wrong, 0);
  }
  const python = await runPythonBench({ quick: values.quick, cores: availableParallelism() });
  printPythonBench(python, availableParallelism());
  wrong += python.wrong;
  if (wrong > 0) {
    process.stderr.write(`bench: ${wrong} submission(s) graded wrongly\n`);
    process.exit(1);
  }
}
