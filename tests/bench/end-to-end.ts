/**
 * The benchmark's end-to-end part: simulated students submitting to the production server on
 * loopback. Besides latency and throughput, each level reports the fairness between students and
 * the CPU each verdict cost the web server and the grader host (their own processes, and the
 * grader's sandbox processes apart); then memory over many submissions, and where the web
 * server's time goes (a short run under `node --cpu-prof`).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startApp, type RunningApp } from "../support/app-server.ts";
import { createStudents, percentile, signInAll, submitAndWait, type Payload } from "../load/workload.ts";
import type { HttpSession } from "../support/http-session.ts";
import { readSolution } from "../../exercises/fixtures.ts";
import { processTree, sampleProcess, type ProcessSample } from "./process-stats.ts";
import { monotonicMicros, summariseProfile, type ProfileSummary } from "./cpu-profile.ts";

export interface EndToEndRow {
  readonly concurrency: number;
  readonly rate: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly graded: number;
  readonly wrong: number;
  /** CPU milliseconds per verdict: the web server, the grader host's own process, its sandbox processes. */
  readonly cpuMs: { readonly web: number; readonly graderHost: number; readonly sandboxes: number };
  /** Resident memory at the end of the level (grader: with its sandbox processes). */
  readonly rssMb: { readonly web: number; readonly grader: number };
  /** The machine's 1-minute load average when the level ended. */
  readonly load: number;
}

export interface EndToEndMemory {
  /**
   * The first `submissions` verdicts, before the measured ones: both servers' heaps and caches
   * grow to their working size (at 2 cores, over about the first 10,000 verdicts).
   */
  readonly warmUp: { readonly web: { readonly startMb: number; readonly endMb: number }; readonly grader: { readonly startMb: number; readonly endMb: number } };
  readonly submissions: number;
  readonly web: { readonly startMb: number; readonly endMb: number };
  /** The web server's heap after a full garbage collection (null if it could not be read). */
  readonly webLiveHeap: { readonly startMb: number; readonly endMb: number } | null;
  readonly grader: { readonly startMb: number; readonly endMb: number };
}

export interface EndToEndReport {
  readonly rows: readonly EndToEndRow[];
  readonly memory: EndToEndMemory;
  /** Null when the profile could not be written (e.g. the server was killed before it exited). */
  readonly webProfile: (ProfileSummary & { readonly verdicts: number }) | null;
}

const CORRECT: Payload = {
  kind: "correct",
  exerciseId: "backprop-warmup",
  itemId: "ml101-week1-backprop-warmup",
  code: readSolution("backprop-warmup", "correct"),
  expected: "passed",
};

// Rate limits would throttle simulated students that submit back to back; lift them (to the
// highest the configuration accepts) here.
const UNLIMITED = { SUBMISSIONS_PER_MINUTE: "1000", RUNS_PER_MINUTE: "1000" };

const HEAP_PROBE = fileURLToPath(new URL("./heap-probe.ts", import.meta.url));

/** The web server's live heap: it collects its garbage on SIGUSR2 and writes what is left (heap-probe.ts). */
async function liveHeapMb(pid: number | null, dir: string): Promise<number | null> {
  if (pid === null) return null;
  const file = join(dir, `${pid}.json`);
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { reading: number }).reading : 0;
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 10_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(file)) continue;
    const reading = JSON.parse(readFileSync(file, "utf8")) as { reading: number; heapUsedMb: number };
    if (reading.reading > before) return reading.heapUsedMb;
  }
  return null;
}

let tries = 0;
/** `perUser` submissions from each of the sessions at once; latencies in ms, and wrong verdicts. */
async function submitAll(sessions: readonly HttpSession[], perUser: number): Promise<{ latencies: number[]; wrong: number; seconds: number }> {
  const latencies: number[] = [];
  let wrong = 0;
  const started = performance.now();
  await Promise.all(
    sessions.map(async (session, u) => {
      for (let i = 0; i < perUser; i++) {
        const outcome = await submitAndWait(session, { ...CORRECT, code: `${CORRECT.code}\n// user ${u} try ${tries++}\n` }, 60_000);
        if (outcome.latencyMs !== null) latencies.push(outcome.latencyMs);
        if (outcome.verdict !== "passed") wrong++;
      }
    }),
  );
  return { latencies, wrong, seconds: (performance.now() - started) / 1000 };
}

function samples(app: RunningApp): { web: ProcessSample; grader: ProcessSample } {
  return { web: sampleProcess(app.pids().web), grader: sampleProcess(app.pids().grader) };
}

async function prepared(app: RunningApp, students: number, quick: boolean): Promise<HttpSession[]> {
  const sessions = await signInAll(app.baseUrl, await createStudents(app.databaseUrl, students, "bench"));
  // Let the grader host finish its start-up work (the demo classmates' submissions, exercise checks).
  await new Promise((r) => setTimeout(r, quick ? 3000 : 10_000));
  return sessions;
}

async function measureLevels(app: RunningApp, sessions: readonly HttpSession[], levels: readonly number[], quick: boolean): Promise<EndToEndRow[]> {
  const rows: EndToEndRow[] = [];
  for (const concurrency of levels) {
    const perUser = quick ? 3 : Math.max(5, Math.ceil(600 / concurrency));
    const before = samples(app);
    const { latencies, wrong, seconds } = await submitAll(sessions.slice(0, concurrency), perUser);
    const after = samples(app);
    const per = (seconds: number) => (latencies.length > 0 ? (seconds * 1000) / latencies.length : Number.NaN);
    rows.push({
      concurrency,
      rate: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      graded: latencies.length,
      wrong,
      cpuMs: {
        web: per(after.web.ownCpu + after.web.childrenCpu - before.web.ownCpu - before.web.childrenCpu),
        graderHost: per(after.grader.ownCpu - before.grader.ownCpu),
        // Sandbox processes that were replaced during the level count too (process-stats.ts).
        sandboxes: per(after.grader.childrenCpu - before.grader.childrenCpu),
      },
      rssMb: { web: after.web.treeRssMb, grader: after.grader.treeRssMb },
      load: loadavg()[0]!,
    });
  }
  return rows;
}

/** A short run with the web server under `--cpu-prof`: where its CPU time goes. */
async function profileWeb(quick: boolean): Promise<EndToEndReport["webProfile"]> {
  const dir = mkdtempSync(join(tmpdir(), "epoch-bench-prof-"));
  // Every process of the app writes a profile on exit; the web server's is picked by its pid.
  const app = await startApp({ extraEnv: { ...UNLIMITED, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${dir}`.trim() } });
  let webPids: number[] = [];
  let verdicts: number;
  let window: { fromUs: number; toUs: number };
  try {
    const sessions = await prepared(app, 10, quick);
    webPids = processTree(app.pids().web ?? -1);
    // Only the submissions count (a profile covers the whole process: start-up and sign-ins too).
    const fromUs = monotonicMicros();
    const { latencies } = await submitAll(sessions, quick ? 3 : 30);
    window = { fromUs, toUs: monotonicMicros() };
    verdicts = latencies.length;
  } finally {
    await app.stop();
  }
  const files = readdirSync(dir).filter((name) => webPids.some((pid) => name.includes(`.${pid}.`)));
  if (files.length === 0) return null;
  const summaries = files.map((name) => summariseProfile(join(dir, name), window));
  const busiest = summaries.sort((a, b) => b.busyMs - a.busyMs)[0]!;
  return { ...busiest, verdicts };
}

export async function endToEnd(levels: readonly number[], quick: boolean): Promise<EndToEndReport> {
  const heapDir = mkdtempSync(join(tmpdir(), "epoch-bench-heap-"));
  const app = await startApp({
    extraEnv: UNLIMITED,
    webEnv: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc --import=${HEAP_PROBE}`.trim(), EPOCH_BENCH_HEAP_DIR: heapDir },
  });
  let rows: EndToEndRow[];
  let memory: EndToEndMemory;
  try {
    const sessions = await prepared(app, Math.max(...levels), quick);
    rows = await measureLevels(app, sessions, levels, quick);
    // Memory over many submissions: once the servers are warm, it should stay flat in both
    // processes (a leak grows on). Every student takes part, so none reaches the per-minute limit.
    const total = quick ? 30 : 10_000;
    const perUser = Math.ceil(total / sessions.length);
    const warmUpStart = samples(app);
    await submitAll(sessions, perUser);
    // Both readings of the web server's RSS follow a full garbage collection (the live-heap
    // probe's): before one, RSS also counts garbage not yet collected, which the end of a burst
    // of submissions has and the start does not.
    const heapBefore = await liveHeapMb(app.pids().web, heapDir);
    const before = samples(app);
    await submitAll(sessions, perUser);
    const heapAfter = await liveHeapMb(app.pids().web, heapDir);
    const after = samples(app);
    memory = {
      warmUp: {
        web: { startMb: warmUpStart.web.treeRssMb, endMb: before.web.treeRssMb },
        grader: { startMb: warmUpStart.grader.treeRssMb, endMb: before.grader.treeRssMb },
      },
      submissions: perUser * sessions.length,
      web: { startMb: before.web.treeRssMb, endMb: after.web.treeRssMb },
      webLiveHeap: heapBefore !== null && heapAfter !== null ? { startMb: heapBefore, endMb: heapAfter } : null,
      grader: { startMb: before.grader.treeRssMb, endMb: after.grader.treeRssMb },
    };
  } finally {
    await app.stop();
  }
  return { rows, memory, webProfile: await profileWeb(quick) };
}
