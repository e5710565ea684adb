/**
 * npm run bench [-- --quick] [--grader-only] [--python-only] [--end-to-end-only] [--write-readme [--readme <path>]]
 *
 * Grades the five named exercises' correct and wrong solutions, all tests, with three runners
 * side by side, interleaved so machine noise hits them alike:
 *   limit    the student's function called directly in this process (no sandbox: the floor),
 *   epoch    the production grader (warm process pool, a fresh isolate per submission),
 *   process  a fresh node process per submission (container/Jobe-style, minus the container).
 * Then end to end: the production server on loopback, students submitting concurrently.
 * Then Python: forward-pass submissions in Python through the same pool (python-bench.ts).
 * --quick only checks that every runner grades every submission correctly (for CI).
 * --grader-only runs the first table alone (the three runners, no build of the app), with the CPU
 *   each submission cost in the throughput rounds: this process (for epoch: the pool's parent,
 *   grading and IPC) and the sandbox processes, so changes can be compared on a busy machine.
 * --python-only runs the Python part alone (it needs no build of the app).
 * --end-to-end-only runs the end-to-end part alone (to compare changes to the web app or host).
 * --write-readme puts the table, dated, between README.md's bench markers (readme-block.ts).
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readSolution } from "../../exercises/fixtures.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { epochRunner, limitRunner, processRunner, type BenchRunner, type BenchSubmission, type LimitRunner } from "./runners.ts";
import { JOBS_IN_FLIGHT_PER_SANDBOX, SANDBOX_EXEC_ARGV } from "../../grader/sandbox/pool.ts";
import { endToEnd, type EndToEndReport } from "./end-to-end.ts";
import { cpuSeconds, exitedChildrenCpuSeconds, rssMb } from "./process-stats.ts";
import { writeBenchBlock } from "./readme-block.ts";
import { getExercise } from "../../exercises/registry.ts";
import { printPythonBench, runPythonBench } from "./python-bench.ts";

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
  /** The machine's 1-minute load average after the runner's last round. */
  load: number;
  /** CPU ms spent in throughput rounds: this process (all its threads) and the runner's processes. */
  cpu: { ownMs: number; childrenMs: number; submissions: number };
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

const isLimit = (runner: BenchRunner): runner is LimitRunner => "gradeInThreads" in runner;

/**
 * How many submissions the runner grades per second with `inFlight` of them in flight at once
 * (the limit: one thread per core instead).
 */
async function throughputRound(runner: BenchRunner, count: number, stats: RunnerStats, cores: number, inFlight: number): Promise<void> {
  const batch = Array.from({ length: count }, nextSubmission);
  // A pool's processes, read while they live; one that exits (a pool replaces it) is read from
  // this process's total for its exited children, less what it had used before the round.
  const childrenBefore = new Map(runner.pids().map((pid) => [pid, cpuSeconds(pid)]));
  const exitedBefore = exitedChildrenCpuSeconds(process.pid);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  if (isLimit(runner)) {
    const correct = await runner.gradeInThreads(batch, cores);
    stats.graded += batch.length;
    stats.wrong += batch.length - correct;
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < batch.length) {
          const ok = await grade(runner, batch[next++]!);
          stats.graded++;
          if (!ok) stats.wrong++;
        }
      }),
    );
  }
  stats.rates.push(count / ((performance.now() - started) / 1000));
  const own = process.cpuUsage(ownBefore);
  stats.cpu.ownMs += (own.user + own.system) / 1000;
  let childrenSeconds = exitedChildrenCpuSeconds(process.pid) - exitedBefore;
  for (const [pid, before] of childrenBefore) {
    const after = cpuSeconds(pid);
    childrenSeconds += after > 0 ? after - before : -before;
  }
  stats.cpu.childrenMs += childrenSeconds * 1000;
  stats.cpu.submissions += count;
}

export interface RunnerFigures {
  readonly rate: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly peakMb: number;
  readonly graded: number;
  readonly wrong: number;
  readonly load: number;
  /** CPU ms per submission in the throughput rounds: this process, and the runner's own processes. */
  readonly cpuMs: { readonly own: number; readonly children: number };
}

/** The runners' table (what --grader-only measures). */
export interface GraderBenchReport {
  readonly runners: Record<string, RunnerFigures>;
  readonly memory: { startMb: number; endMb: number; submissions: number } | null;
  /** The machine's 1-minute load average when the run began. */
  readonly loadAtStart: number;
  /** CPU ms of one fresh isolate alone, made ready and disposed unused in a sandbox-like process (isolate-floor.ts). */
  readonly isolateFloorCpuMs: number;
  /** Absent when only the grader was measured. */
  readonly endToEnd?: EndToEndReport;
}

export interface BenchReport extends GraderBenchReport {
  readonly endToEnd: EndToEndReport;
}

export async function runBench(options: { quick: boolean }): Promise<BenchReport> {
  const report = await runGraderBench(options);
  return { ...report, endToEnd: await endToEnd(options.quick ? [1, 2] : [1, 10, 100], options.quick) };
}

/** The three runners side by side (the memory run too unless quick). */
export async function runGraderBench(options: { quick: boolean; memoryRun?: boolean }): Promise<GraderBenchReport> {
  const cores = availableParallelism();
  const loadAtStart = loadavg()[0]!;
  const rounds = options.quick ? 1 : 5;
  const latencyCount = options.quick ? 5 : 40;
  const throughputCount = { limit: options.quick ? 15 : 600, epoch: options.quick ? 15 : 600, process: options.quick ? 6 : 60 };
  const runners = [limitRunner(), epochRunner(cores), processRunner()];
  // As a grader host drives its pool (one sandbox process per core): the sandbox and the
  // process-per-submission runners get the same number in flight.
  const inFlight = cores * JOBS_IN_FLIGHT_PER_SANDBOX;
  const stats = new Map<BenchRunner, RunnerStats>(
    runners.map((r) => [r, { latencies: [], rates: [], peakMb: 0, graded: 0, wrong: 0, load: 0, cpu: { ownMs: 0, childrenMs: 0, submissions: 0 } }]),
  );
  try {
    // Warm every runner (JIT, caches, the pool's processes) before measuring.
    for (const runner of runners) for (let i = 0; i < (runner.name.startsWith("process") ? 3 : 30); i++) await grade(runner, nextSubmission());
    // The limit's threads too: started and warmed here, so no round counts their start.
    for (const runner of runners) if (isLimit(runner)) await runner.gradeInThreads(Array.from({ length: 30 * cores }, nextSubmission), cores);
    for (let round = 0; round < rounds; round++) {
      for (const runner of runners) {
        const s = stats.get(runner)!;
        const key = runner.name.startsWith("limit") ? "limit" : runner.name.startsWith("epoch") ? "epoch" : "process";
        const { peakMb } = await withPeakMemory(runner, async () => {
          await latencyRound(runner, key === "process" ? Math.ceil(latencyCount / 4) : latencyCount, s);
          await throughputRound(runner, throughputCount[key], s, cores, inFlight);
        });
        s.peakMb = Math.max(s.peakMb, peakMb);
        s.load = loadavg()[0]!;
      }
    }
    let memory: GraderBenchReport["memory"] = null;
    if (!options.quick && options.memoryRun !== false) {
      // The pool's resident memory across many submissions: it should stay flat.
      const epoch = runners[1]!;
      const poolMb = () => epoch.pids().reduce((sum, pid) => sum + rssMb(pid), 0);
      const total = 10_000;
      const startMb = poolMb();
      const s = stats.get(epoch)!;
      for (let done = 0; done < total; done += 1000) await throughputRound(epoch, 1000, { ...s, rates: [], cpu: { ownMs: 0, childrenMs: 0, submissions: 0 } }, cores, inFlight);
      memory = { startMb, endMb: poolMb(), submissions: total };
    }
    const report: GraderBenchReport = {
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
              load: s.load,
              cpuMs: { own: s.cpu.ownMs / Math.max(1, s.cpu.submissions), children: s.cpu.childrenMs / Math.max(1, s.cpu.submissions) },
            },
          ];
        }),
      ),
      memory,
      loadAtStart,
      isolateFloorCpuMs: isolateFloorCpuMs(options.quick ? 50 : 2000),
    };
    return report;
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
}

/** The CPU of one fresh isolate, made ready as a job gets it and disposed unused, in a process started as sandbox processes are. */
function isolateFloorCpuMs(count: number): number {
  const script = fileURLToPath(new URL("./isolate-floor.ts", import.meta.url));
  const output = execFileSync(process.execPath, [...SANDBOX_EXEC_ARGV, script, String(count)], { encoding: "utf8" });
  return (JSON.parse(output) as { cpuMsPerIsolate: number }).cpuMsPerIsolate;
}

const num = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const times = (value: number) => (Number.isFinite(value) ? `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×` : "–");

/** One line of the targets table: a figure, its target and whether it is met, and its ratios. */
interface TargetLine {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  /** null: reported, no target. */
  readonly met: boolean | null;
  readonly vsLimit?: string;
  readonly vsProcess?: string;
}

function targetLines(report: GraderBenchReport): TargetLine[] {
  const [limit, epoch, processes] = Object.values(report.runners) as [RunnerFigures, RunnerFigures, RunnerFigures];
  const limitCpu = limit.cpuMs.own + limit.cpuMs.children;
  const shareOfLimit = epoch.rate / limit.rate;
  const lines: TargetLine[] = [
    // Rates: the share of the limit reached, and how many times a process per submission.
    {
      figure: "grader alone, submissions/s",
      measured: num(epoch.rate),
      target: "≥ 400",
      met: epoch.rate >= 400,
      vsLimit: times(shareOfLimit),
      vsProcess: times(epoch.rate / processes.rate),
    },
    {
      figure: "grader alone, share of the limit's rate",
      measured: times(shareOfLimit),
      target: "≥ 0.75×",
      met: shareOfLimit >= 0.75,
    },
    // A fresh isolate per submission costs its floor on top of the work the limit does.
    { figure: "most a fresh isolate per submission allows", measured: times(limitCpu / (limitCpu + report.isolateFloorCpuMs)), target: "", met: null },
    // Latencies: how many times the limit's, and how many times faster than a process per submission.
    { figure: "grader alone, p50 ms", measured: num(epoch.p50, 2), target: "", met: null, vsLimit: times(epoch.p50 / limit.p50), vsProcess: times(processes.p50 / epoch.p50) },
    { figure: "grader overhead over the limit, p50 ms", measured: num(epoch.p50 - limit.p50, 2), target: "≤ 2", met: epoch.p50 - limit.p50 <= 2 },
    { figure: "process per submission / grader, p50", measured: times(processes.p50 / epoch.p50), target: "≥ 30×", met: processes.p50 / epoch.p50 >= 30 },
  ];
  if (report.endToEnd) lines.push(...endToEndTargetLines(report.endToEnd, limit, processes));
  if (report.memory) {
    lines.push({
      figure: `grader pool alone over ${report.memory.submissions.toLocaleString("en-US")}, MB`,
      measured: `${num(report.memory.startMb)} → ${num(report.memory.endMb)}`,
      target: "flat",
      met: report.memory.endMb - report.memory.startMb < 0.25 * report.memory.startMb,
    });
  }
  // With fewer levels (--quick) the largest stands for both 10 and 100: each figure once.
  const shown = new Set<string>();
  return lines.filter((line) => !shown.has(line.figure) && shown.add(line.figure));
}

/** The end-to-end part of the targets table. */
function endToEndTargetLines(endToEnd: EndToEndReport, limit: RunnerFigures, processes: RunnerFigures): TargetLine[] {
  const { rows, memory, webProfile } = endToEnd;
  const level = (c: number) => rows.find((row) => row.concurrency === c) ?? rows[rows.length - 1]!;
  const ten = level(10);
  const hundred = level(100);
  const one = rows[0]!;
  const lines: TargetLine[] = [
    {
      figure: `end to end c=${one.concurrency}, p50 ms`,
      measured: num(one.p50, 1),
      target: "",
      met: null,
      vsLimit: times(one.p50 / limit.p50),
      vsProcess: times(processes.p50 / one.p50),
    },
    {
      figure: `end to end c=${ten.concurrency}, p50 ms`,
      measured: num(ten.p50, 1),
      target: "< 50",
      met: ten.p50 < 50,
      vsLimit: times(ten.p50 / limit.p50),
      vsProcess: times(processes.p50 / ten.p50),
    },
    { figure: `end to end c=${ten.concurrency}, p99 ms`, measured: num(ten.p99, 1), target: "< 150", met: ten.p99 < 150 },
    {
      figure: `end to end c=${ten.concurrency}, verdicts/s`,
      measured: num(ten.rate),
      target: "≥ 250",
      met: ten.rate >= 250,
      vsLimit: times(ten.rate / limit.rate),
      vsProcess: times(ten.rate / processes.rate),
    },
    {
      figure: `end to end c=${hundred.concurrency}, p50 ms`,
      measured: num(hundred.p50, 1),
      target: "",
      met: null,
      vsLimit: times(hundred.p50 / limit.p50),
      vsProcess: times(processes.p50 / hundred.p50),
    },
    {
      figure: `end to end c=${hundred.concurrency}, verdicts/s`,
      measured: num(hundred.rate),
      target: "",
      met: null,
      vsLimit: times(hundred.rate / limit.rate),
      vsProcess: times(hundred.rate / processes.rate),
    },
    { figure: `end to end c=${hundred.concurrency}, p99/p50 (fairness)`, measured: times(hundred.p99 / hundred.p50), target: "≤ 3×", met: hundred.p99 / hundred.p50 <= 3 },
    { figure: `end to end c=${hundred.concurrency}, max/p50 (fairness)`, measured: times(hundred.max / hundred.p50), target: "", met: null },
    { figure: `CPU per verdict c=${ten.concurrency}, web server ms`, measured: num(ten.cpuMs.web, 1), target: "", met: null },
    { figure: `CPU per verdict c=${ten.concurrency}, grader host ms`, measured: num(ten.cpuMs.graderHost, 1), target: "", met: null },
    { figure: `CPU per verdict c=${ten.concurrency}, sandboxes ms`, measured: num(ten.cpuMs.sandboxes, 1), target: "", met: null },
    { figure: "web server RSS, MB", measured: num(memory.web.endMb), target: "", met: null },
    {
      figure: `memory over ${memory.submissions.toLocaleString("en-US")} verdicts, web MB`,
      measured: `${num(memory.web.startMb)} → ${num(memory.web.endMb)}`,
      target: "flat",
      met: memory.submissions >= 1000 ? memory.web.endMb - memory.web.startMb < 0.25 * memory.web.startMb : null,
    },
    ...(memory.webLiveHeap
      ? [
          {
            figure: `web live heap (after full GC) over ${memory.submissions.toLocaleString("en-US")}, MB`,
            measured: `${num(memory.webLiveHeap.startMb)} → ${num(memory.webLiveHeap.endMb)}`,
            target: "flat",
            met: memory.submissions >= 1000 ? memory.webLiveHeap.endMb - memory.webLiveHeap.startMb < 0.25 * memory.webLiveHeap.startMb : null,
          },
        ]
      : []),
    {
      figure: `memory over ${memory.submissions.toLocaleString("en-US")} verdicts, grader MB`,
      measured: `${num(memory.grader.startMb)} → ${num(memory.grader.endMb)}`,
      target: "flat",
      met: memory.submissions >= 1000 ? memory.grader.endMb - memory.grader.startMb < 0.25 * memory.grader.startMb : null,
    },
  ];
  if (webProfile)
    lines.push({ figure: "web server CPU per verdict (profiled run) ms", measured: num(webProfile.busyMs / Math.max(1, webProfile.verdicts), 1), target: "", met: null });
  return lines;
}

/** The end-to-end part of the report: one line per level, then where the web server's CPU goes. */
export function formatEndToEnd(endToEnd: EndToEndReport): string[] {
  const lines: string[] = [];
  const out = (line = "") => lines.push(line);
  out("\nEnd to end (production server on loopback; Submit → verdict stored and seen by the client). CPU: ms per verdict.");
  out(
    `${"students".padEnd(9)}${"verdicts/s".padStart(11)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"max ms".padStart(9)}${"p99/p50".padStart(8)}${"max/p50".padStart(8)}${"CPU web".padStart(8)}${"host".padStart(6)}${"sandbox".padStart(8)}${"web MB".padStart(7)}${"grader MB".padStart(10)}${"graded".padStart(7)}${"wrong".padStart(6)}${"load".padStart(6)}`,
  );
  for (const row of endToEnd.rows) {
    out(
      `${String(row.concurrency).padEnd(9)}${num(row.rate).padStart(11)}${num(row.p50, 1).padStart(9)}${num(row.p95, 1).padStart(9)}${num(row.p99, 1).padStart(9)}${num(row.max, 1).padStart(9)}${times(row.p99 / row.p50).padStart(8)}${times(row.max / row.p50).padStart(8)}${num(row.cpuMs.web, 1).padStart(8)}${num(row.cpuMs.graderHost, 1).padStart(6)}${num(row.cpuMs.sandboxes, 1).padStart(8)}${num(row.rssMb.web).padStart(7)}${num(row.rssMb.grader).padStart(10)}${String(row.graded).padStart(7)}${String(row.wrong).padStart(6)}${num(row.load, 1).padStart(6)}`,
    );
  }
  const { memory } = endToEnd;
  const liveHeap = memory.webLiveHeap ? `, its live heap (after a full GC) ${num(memory.webLiveHeap.startMb)} → ${num(memory.webLiveHeap.endMb)}` : ", its live heap unread";
  out(
    `\nMemory, warming up over ${memory.submissions.toLocaleString("en-US")} more verdicts: web server RSS ${num(memory.warmUp.web.startMb)} → ${num(memory.warmUp.web.endMb)} MB, grader host with its sandboxes ${num(memory.warmUp.grader.startMb)} → ${num(memory.warmUp.grader.endMb)} MB.` +
      `\nMemory over the next ${memory.submissions.toLocaleString("en-US")}: web server RSS ${num(memory.web.startMb)} → ${num(memory.web.endMb)} MB${memory.webLiveHeap ? " after a full GC" : ""}${liveHeap}; grader host with its sandboxes ${num(memory.grader.startMb)} → ${num(memory.grader.endMb)} MB.`,
  );
  const profile = endToEnd.webProfile;
  if (profile) {
    out(`\nWhere the web server's CPU goes (--cpu-prof, ${profile.verdicts} verdicts at 10 students, ${num(profile.busyMs)} ms busy, self time):`);
    for (const category of profile.categories.slice(0, 9)) out(`  ${category.name.padEnd(46)}${num(category.ms).padStart(7)} ms${`${num(category.share * 100)}%`.padStart(6)}`);
  } else {
    out("\nWhere the web server's CPU goes: no profile was written.");
  }
  return lines;
}

/** The benchmark's report as text: what `npm run bench` prints and `--write-readme` puts in the README. */
export function formatBench(report: GraderBenchReport, quick: boolean): string {
  const lines: string[] = [];
  const out = (line = "") => lines.push(line);
  out(
    `Epoch grading benchmark — ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, load average ${num(report.loadAtStart, 1)} at start${quick ? " (quick: small counts, correctness)" : ""}`,
  );
  out("Five named exercises, correct and wrong solutions, every test (visible and hidden).");
  out(
    `Latency: one submission at a time. Throughput: the limit one thread per core; the others ${availableParallelism() * JOBS_IN_FLIGHT_PER_SANDBOX} in flight, as a grader host keeps its pool (two per core).`,
  );
  out("The machine may be shared: compare figures of one run, with the load average beside them.\n");
  out(
    `${"runner".padEnd(34)}${"subs/s".padStart(9)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"peak MB".padStart(9)}${"graded".padStart(8)}${"wrong".padStart(7)}${"load".padStart(6)}`,
  );
  for (const [name, r] of Object.entries(report.runners)) {
    out(
      `${name.padEnd(34)}${num(r.rate).padStart(9)}${num(r.p50, 2).padStart(9)}${num(r.p95, 2).padStart(9)}${num(r.p99, 2).padStart(9)}${num(r.peakMb).padStart(9)}${String(r.graded).padStart(8)}${String(r.wrong).padStart(7)}${num(r.load, 1).padStart(6)}`,
    );
  }
  out("\nCPU per submission in the throughput rounds, ms (this process: for epoch the pool's parent, grading and IPC; processes: the runner's own):");
  for (const [name, r] of Object.entries(report.runners)) out(`${name.padEnd(34)}${num(r.cpuMs.own, 2).padStart(9)} this process${num(r.cpuMs.children, 2).padStart(9)} processes`);
  out(`A fresh isolate alone (made ready as a job gets it, disposed unused, in a process started as a sandbox process is): ${num(report.isolateFloorCpuMs, 2)} ms.`);
  if (report.endToEnd) lines.push(...formatEndToEnd(report.endToEnd));
  out("\nTargets (vs limit: rate as a share of the in-process limit's, latency as a multiple of it; vs process: how many times a process per submission):");
  out(`${"figure".padEnd(46)}${"measured".padStart(12)}${"target".padStart(9)}${"".padStart(6)}${"vs limit".padStart(10)}${"vs process".padStart(12)}`);
  for (const line of targetLines(report)) {
    const status = line.met === null ? "" : line.met ? "met" : "MISS";
    out(
      `${line.figure.padEnd(46)}${line.measured.padStart(12)}${line.target.padStart(9)}${status.padStart(6)}${(line.vsLimit ?? "").padStart(10)}${(line.vsProcess ?? "").padStart(12)}`,
    );
  }
  out(
    `Load average at the end: ${loadavg()
      .map((v) => num(v, 1))
      .join(" ")} (1, 5, 15 min).`,
  );
  return `${lines.join("\n")}\n`;
}

export function printBench(report: GraderBenchReport, quick: boolean): void {
  process.stdout.write(`\n${formatBench(report, quick)}`);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      "python-only": { type: "boolean", default: false },
      "write-readme": { type: "boolean", default: false },
      "end-to-end-only": { type: "boolean", default: false },
      "grader-only": { type: "boolean", default: false },
      readme: { type: "string", default: "README.md" },
    },
  });
  let wrong = 0;
  if (values["end-to-end-only"]) {
    const { buildApp } = await import("../support/e2e-setup.ts");
    buildApp();
    const loadAtStart = loadavg()[0]!;
    const report = await endToEnd(values.quick ? [1, 2] : [1, 10, 100], values.quick);
    process.stdout.write(`\nEnd to end only — ${new Date().toISOString()}, load average ${num(loadAtStart, 1)} at start, ${num(loadavg()[0]!, 1)} at the end\n`);
    process.stdout.write(`${formatEndToEnd(report).join("\n")}\n`);
    process.exit(report.rows.some((row) => row.wrong > 0) ? 1 : 0);
  }
  if (values["grader-only"]) {
    const report = await runGraderBench({ quick: values.quick, memoryRun: false });
    printBench(report, values.quick);
    process.exit(Object.values(report.runners).some((r) => r.wrong > 0) ? 1 : 0);
  }
  if (!values["python-only"]) {
    const { buildApp } = await import("../support/e2e-setup.ts");
    buildApp();
    const report = await runBench({ quick: values.quick });
    printBench(report, values.quick);
    wrong += Object.values(report.runners).reduce((sum, r) => sum + r.wrong, 0) + report.endToEnd.rows.reduce((sum, r) => sum + r.wrong, 0);
    // A run that graded anything wrongly is no figure to publish.
    if (values["write-readme"] && wrong === 0) {
      writeBenchBlock(values.readme, formatBench(report, values.quick));
      process.stdout.write(`bench: figures written to ${values.readme}\n`);
    }
  }
  const python = await runPythonBench({ quick: values.quick, cores: availableParallelism() });
  printPythonBench(python, availableParallelism());
  wrong += python.wrong;
  if (wrong > 0) {
    process.stderr.write(`bench: ${wrong} submission(s) graded wrongly\n`);
    process.exit(1);
  }
}
