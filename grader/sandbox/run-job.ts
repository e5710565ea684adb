/**
 * Runs one job in a fresh isolate. Lives in a sandbox process, never in a web server.
 *
 * Speed without reuse: every submission still gets an isolate no code has run in, but the next
 * one (isolate, context, harness) is prepared while the process waits for work, and all of a
 * submission's tests run in one call into the isolate.
 */
import ivm from "isolated-vm";
import { installHarness, type HarnessConfig, type HarnessSettings } from "./harness.ts";
import { BODY_LINE_OFFSET, SOLUTION_FILENAME, prepareSource } from "./prepare.ts";
import type { CallOutcome, JobOutcome, SandboxJob, ThrownError } from "./protocol.ts";

const HARNESS_CONFIG: HarnessConfig = { filename: SOLUTION_FILENAME, bodyLineOffset: BODY_LINE_OFFSET };
const HARNESS_SOURCE = `(${installHarness.toString()})(${JSON.stringify(HARNESS_CONFIG)})`;
/** The memory limit spare isolates are made with; a job asking for another gets a new one. */
export const DEFAULT_MEMORY_MB = 64;

type Failure = "timeout" | "memory_limit";

interface Prepared {
  readonly isolate: ivm.Isolate;
  readonly harness: ivm.Reference<unknown>;
  readonly memoryMb: number;
}

const WARM_UP_BODY = '"use strict";\nfunction warm(a, b) { console.log("warm", a); return { value: a * 2, list: [a, -0, NaN, "s", true, null], rows: [[a, b], [b, a]] }; }\n;return { "warm": warm };';
const WARM_UP_SETTINGS = JSON.stringify({ maxOutputChars: 10_000, maxLogChars: 1000, fixedTime: 0 });
const WARM_UP_CALLS = `[${Array.from({ length: 8 }, (_, i) => `{"s":${i},"a":[${i + 0.5},${i}]}`).join(",")}]`;

/** V8's compiled form of the harness (our own code, never a user's), reused by every isolate. */
let harnessCache: ivm.ExternalCopy<ArrayBuffer> | undefined;
let spare: Promise<Prepared> | null = null;
let onCatastrophic: (message: string) => void = () => {};

export function setCatastrophicErrorHandler(handler: (message: string) => void): void {
  onCatastrophic = handler;
}

async function prepare(memoryMb: number): Promise<Prepared> {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb, onCatastrophicError: (message) => onCatastrophic(message) });
  try {
    const context = await isolate.createContext();
    // The typings omit what compileScript documents it returns with produceCachedData.
    const script: ivm.Script & ivm.CachedDataResult = await isolate.compileScript(HARNESS_SOURCE, { filename: "harness.js", ...(harnessCache ? { cachedData: harnessCache } : { produceCachedData: true }) });
    if (!harnessCache && script.cachedData) harnessCache = script.cachedData;
    const harness: ivm.Reference<unknown> = await script.run(context, { reference: true, timeout: 1000 });
    return { isolate, harness, memoryMb };
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }
}

/**
 * Prepares the next job's isolate ahead of time (called when the process is idle). If no job
 * has taken it by the next turn of the event loop, the harness is also run once on a module of
 * ours, which compiles and warms its code paths so the student's submission does not pay for
 * that; under load the next job comes first and the warm-up is skipped, saving its CPU time.
 * Either way no student code has run in the isolate a job receives.
 */
export function warmUp(): void {
  if (spare) return;
  const next = prepare(DEFAULT_MEMORY_MB);
  spare = next;
  next.then(
    (prepared) =>
      setImmediate(() => {
        if (spare !== next || prepared.isolate.isDisposed) return;
        void prepared.harness
          .apply(undefined, ["load", WARM_UP_BODY, WARM_UP_SETTINGS], { timeout: 1000 })
          .then(() => prepared.harness.apply(undefined, ["run", "warm", WARM_UP_CALLS], { timeout: 1000 }))
          .catch(() => {});
      }),
    // A failure surfaces when the spare is taken, which then prepares afresh.
    () => {},
  );
}

async function take(memoryMb: number): Promise<Prepared> {
  const ready = spare;
  spare = null;
  if (ready) {
    const prepared = await ready.catch(() => null);
    if (prepared && prepared.memoryMb === memoryMb && !prepared.isolate.isDisposed) return prepared;
    if (prepared && !prepared.isolate.isDisposed) prepared.isolate.dispose();
  }
  return prepare(memoryMb);
}

/** isolated-vm reports its own limits as errors; tell them apart from everything else. */
function classifyHostError(error: unknown, isolate: ivm.Isolate): Failure | null {
  const message = error instanceof Error ? error.message : String(error);
  if (/memory limit/i.test(message) || (isolate.isDisposed && /disposed/i.test(message))) return "memory_limit";
  if (/timed out/i.test(message)) return "timeout";
  return null;
}

interface HarnessReply {
  status: "ok" | "error" | "missing" | "invalid";
  value?: unknown;
  error?: ThrownError;
  reason?: string;
  logs: string;
}

interface RunReply {
  done: number;
  results: { ms: number; reply: HarnessReply }[];
}

function toCallOutcome(reply: HarnessReply, ms: number, entry: string): CallOutcome {
  if (reply.status === "ok") return { status: "returned", value: reply.value, logs: reply.logs, ms };
  if (reply.status === "error") return { status: "threw", error: reply.error!, logs: reply.logs, ms };
  if (reply.status === "invalid") return { status: "invalid", reason: reply.reason ?? "invalid output", logs: reply.logs, ms };
  throw new Error(`the harness lost the export "${entry}"`);
}

export interface JobRun {
  readonly outcome: JobOutcome;
  /** Disposes the job's isolate; called after the outcome has been sent, off the critical path. */
  readonly cleanup: () => void;
}

export async function runJob(job: SandboxJob): Promise<JobRun> {
  const prepared = prepareSource(job.source, job.language);
  if (!prepared.ok) return { outcome: { kind: "compile_error", problem: prepared.problem }, cleanup: () => {} };

  const started = performance.now();
  const deadline = started + job.limits.timeLimitMs;
  const remaining = () => Math.max(1, Math.round(deadline - performance.now()));
  const isolates: ivm.Isolate[] = [];
  const cleanup = () => {
    for (const isolate of isolates) if (!isolate.isDisposed) isolate.dispose();
  };
  const settings: HarnessSettings = { maxOutputChars: job.limits.maxOutputChars, maxLogChars: job.limits.maxLogChars, fixedTime: job.fixedTime };
  const invoke = async (harness: ivm.Reference<unknown>, args: (string | number)[], timeout: number): Promise<string> => {
    const text: unknown = await harness.apply(undefined, args, { timeout, result: { copy: true } });
    if (typeof text !== "string") throw new Error("the harness answered with a non-string");
    return text;
  };

  /** A fresh isolate with the student's module loaded, or why loading failed. */
  const load = async (): Promise<{ harness: ivm.Reference<unknown>; isolate: ivm.Isolate; logs: string } | { outcome: JobOutcome }> => {
    const { isolate, harness } = await take(job.limits.memoryMb);
    isolates.push(isolate);
    let loaded: HarnessReply;
    try {
      loaded = JSON.parse(await invoke(harness, ["load", prepared.body, JSON.stringify(settings)], remaining())) as HarnessReply;
    } catch (error) {
      const failure = classifyHostError(error, isolate);
      if (failure === "timeout") return { outcome: { kind: "load_timeout" } };
      if (failure === "memory_limit") return { outcome: { kind: "load_memory_limit" } };
      throw error;
    }
    if (loaded.status === "error") return { outcome: { kind: "load_failed", error: loaded.error!, logs: loaded.logs } };
    if (!prepared.exportNames.includes(job.entry)) return { outcome: { kind: "missing_export", exportNames: prepared.exportNames, logs: loaded.logs } };
    return { harness, isolate, logs: loaded.logs };
  };

  {
    const first = await load();
    if ("outcome" in first) return { outcome: first.outcome, cleanup };
    const callsJson = `[${job.calls.map((c) => `{"s":${c.randomSeed},"a":${c.argsJson}}`).join(",")}]`;
    try {
      const reply = JSON.parse(await invoke(first.harness, ["run", job.entry, callsJson], remaining())) as RunReply;
      const calls = reply.results.map((r) => toCallOutcome(r.reply, r.ms, job.entry));
      return { outcome: { kind: "ran", loadLogs: first.logs, calls, sandboxMs: performance.now() - started }, cleanup };
    } catch (error) {
      const failure = classifyHostError(error, first.isolate);
      if (failure === "timeout") {
        // The tests that finished keep their results; the one running when time ran out timed out.
        const partial = await invoke(first.harness, ["collect"], 200)
          .then((text) => JSON.parse(text) as RunReply)
          .catch(() => ({ done: 0, results: [] }) as RunReply);
        const calls: CallOutcome[] = partial.results.map((r) => toCallOutcome(r.reply, r.ms, job.entry));
        const ranOverAfterwards = calls.length >= job.calls.length;
        if (!ranOverAfterwards) calls.push({ status: "timeout", ms: 0 });
        while (calls.length < job.calls.length) calls.push({ status: "not_run", reason: "timeout" });
        return { outcome: { kind: "ran", loadLogs: first.logs, calls, sandboxMs: performance.now() - started, ...(ranOverAfterwards ? { ranOverAfterwards } : {}) }, cleanup };
      }
      // Out of memory, or an error that escaped the harness itself (the stack overflowing
      // inside its own error handling): either way, pin it to its test.
      void failure;
      return { outcome: await oneByOne(), cleanup };
    }
  }

  /**
   * The slow path, after the batch ran out of memory (which takes the isolate and its partial
   * results with it): a new isolate, one call per test, so the failure is pinned to its test.
   */
  async function oneByOne(): Promise<JobOutcome> {
    const again = await load();
    if ("outcome" in again) return again.outcome;
    const calls: CallOutcome[] = [];
    let stopped: Failure | null = null;
    for (const call of job.calls) {
      if (stopped !== null) {
        calls.push({ status: "not_run", reason: stopped });
        continue;
      }
      const callStarted = performance.now();
      if (callStarted >= deadline) {
        stopped = "timeout";
        calls.push({ status: "timeout", ms: 0 });
        continue;
      }
      try {
        const reply = JSON.parse(await invoke(again.harness, ["call", job.entry, call.argsJson, call.randomSeed], remaining())) as HarnessReply;
        calls.push(toCallOutcome(reply, performance.now() - callStarted, job.entry));
      } catch (error) {
        const failure = classifyHostError(error, again.isolate);
        if (failure === null) {
          const message = error instanceof Error ? error.message : String(error);
          calls.push({ status: "threw", error: { name: "Error", message, line: 0, column: 0 }, logs: "", ms: performance.now() - callStarted });
          continue;
        }
        stopped = failure;
        calls.push({ status: failure, ms: performance.now() - callStarted });
      }
    }
    return { kind: "ran", loadLogs: again.logs, calls, sandboxMs: performance.now() - started };
  }
}
