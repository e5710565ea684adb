/**
 * Runs one job in a fresh isolate. Lives in a sandbox process, never in a web server.
 *
 * Speed without reuse: every submission still gets an isolate no code has run in, but the next
 * one (isolate, context, harness) is made from a startup snapshot of the installed harness,
 * ahead of time while the process waits for work, and a submission's tests run in one call
 * into the isolate unless one of them is slow.
 */
import ivm from "isolated-vm";
import { installHarness, type HarnessConfig, type HarnessSettings } from "./harness.ts";
import { BODY_LINE_OFFSET, SOLUTION_FILENAME, prepareSource } from "./prepare.ts";
import type { CallOutcome, JobOutcome, SandboxJob, ThrownError } from "./protocol.ts";
import { DEFAULT_LIMITS } from "../../exercises/spec/limits.ts";

const HARNESS_CONFIG: HarnessConfig = { filename: SOLUTION_FILENAME, bodyLineOffset: BODY_LINE_OFFSET, globalName: "__epochHarness" };
/** The memory limit spare isolates are made with; a job asking for another gets a new one. */
export const DEFAULT_MEMORY_MB = DEFAULT_LIMITS.memoryMb;

type Failure = "timeout" | "memory_limit";

interface Prepared {
  readonly isolate: ivm.Isolate;
  readonly context: ivm.Context;
  readonly harness: ivm.Reference<unknown>;
  readonly memoryMb: number;
}

/**
 * Our own module, run by the harness while the snapshot is made (in a throwaway context of its
 * own, so nothing it does reaches the snapshot's context) and in an idle spare: the snapshot
 * keeps the harness's functions compiled, so no isolate compiles them again.
 */
const WARM_UP_MODULE =
  '(function () {"use strict";\nfunction warm(a, b) { console.log("warm", a, [a], { a }); return { value: a * 2, list: [a, -0, NaN, Infinity, "s", true, null, undefined], rows: [[a, b], [b, a]], typed: new Float64Array(2) }; }\nfunction fails() { throw new TypeError("warm"); }\nfunction changes(x) { x[0] = 1; return x; }\n;return { "warm": warm, "fails": fails, "changes": changes };\n})';
const WARM_UP_SETTINGS = JSON.stringify({ maxOutputChars: 10_000, maxLogChars: 1000, fixedTime: 0 });
const WARM_UP_CALLS = JSON.stringify(Array.from({ length: 8 }, (_, i) => ({ s: i, a: `[${i + 0.5},[${i}]]` })));
const WARM_UP_SCRIPT = `{
  const harness = globalThis[${JSON.stringify(HARNESS_CONFIG.globalName)}];
  harness("load", ${WARM_UP_MODULE}, ${JSON.stringify(WARM_UP_SETTINGS)});
  for (const entry of ["warm", "fails", "changes"]) harness("run", entry, ${JSON.stringify(WARM_UP_CALLS)}, 0, 8, 1000);
}`;

/**
 * A V8 startup snapshot of a context with the harness installed: our own code only, built once
 * per process, never from anything a student sent. Each isolate made from it deserializes a
 * heap of its own, so nothing one submission does can reach another's.
 */
let harnessSnapshot: ivm.ExternalCopy<ArrayBuffer> | undefined;

function snapshot(): ivm.ExternalCopy<ArrayBuffer> {
  harnessSnapshot ??= ivm.Isolate.createSnapshot(
    [{ code: `globalThis[${JSON.stringify(HARNESS_CONFIG.globalName)}] = (${installHarness.toString()})(${JSON.stringify(HARNESS_CONFIG)});`, filename: "harness.js" }],
    WARM_UP_SCRIPT,
  );
  return harnessSnapshot;
}

let spare: Prepared | null = null;
/** No job for this long after the spare is ready: the process is idle enough to warm it up. */
const IDLE_BEFORE_WARM_UP_MS = 5;
let onCatastrophic: (message: string) => void = () => {};

export function setCatastrophicErrorHandler(handler: (message: string) => void): void {
  onCatastrophic = handler;
}

/** A fresh isolate from the snapshot, its context, and the harness sealed in it. Synchronous: it is all our own code, and quick. */
function prepare(memoryMb: number): Prepared {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb, snapshot: snapshot(), onCatastrophicError: (message) => onCatastrophic(message) });
  try {
    const context = isolate.createContextSync();
    const harness = context.global.getSync(HARNESS_CONFIG.globalName, { reference: true }) as ivm.Reference<unknown>;
    if (harness.typeof !== "function") throw new Error("the harness is missing from the snapshot's context");
    const sealed: unknown = harness.applySync(undefined, ["seal"], { timeout: 1000, result: { copy: true } });
    if (sealed !== "ok") throw new Error(`the harness could not be sealed: ${String(sealed)}`);
    return { isolate, context, harness, memoryMb };
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }
}

/**
 * Prepares the next job's isolate ahead of time (called when the process is idle). If no job
 * has taken it a moment later, the harness also runs once in it on a module of ours: the
 * snapshot holds the harness's compiled code but not what V8 learns by running it (inline
 * caches, type feedback), so a student's submission would pay for that on its own first calls.
 * Under load the next job comes first and this is skipped, saving its CPU time. Either way no
 * student code has run in the isolate a job receives.
 */
export function prepareSpare(): void {
  if (spare) return;
  let prepared: Prepared;
  try {
    prepared = prepare(DEFAULT_MEMORY_MB);
  } catch {
    // The job that finds no spare prepares one itself, and reports the failure if it recurs.
    return;
  }
  spare = prepared;
  setTimeout(() => {
    if (spare !== prepared || prepared.isolate.isDisposed) return;
    try {
      const factory = prepared.isolate.compileScriptSync(WARM_UP_MODULE, { filename: "warm-up.js" }).runSync(prepared.context, { reference: true, timeout: 1000 });
      prepared.harness.applySync(undefined, ["load", factory.derefInto(), WARM_UP_SETTINGS], { timeout: 1000 });
      prepared.harness.applySync(undefined, ["run", "warm", WARM_UP_CALLS, 0, 8, 1000], { timeout: 1000 });
    } catch {
      // A spare that cannot run our own module is no use: the next job prepares a fresh one.
      if (spare === prepared) spare = null;
      if (!prepared.isolate.isDisposed) prepared.isolate.dispose();
    }
  }, IDLE_BEFORE_WARM_UP_MS);
}

/**
 * Makes an isolate ready exactly as a job receives it (from the snapshot, its context created,
 * the harness sealed) and disposes it unused: what the rule of a fresh isolate per submission
 * costs by itself, which the bench measures. Leaves the spare alone.
 */
export function prepareAndDisposeUnused(): void {
  const prepared = prepare(DEFAULT_MEMORY_MB);
  prepared.isolate.dispose();
}

function take(memoryMb: number): Prepared {
  const ready = spare;
  spare = null;
  if (ready && ready.memoryMb === memoryMb && !ready.isolate.isDisposed) return ready;
  if (ready && !ready.isolate.isDisposed) ready.isolate.dispose();
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
  mutated?: { index: number; path: string };
  error?: ThrownError;
  reason?: string;
  logs: string;
}

interface RunReply {
  /** Index after the last finished test. */
  done: number;
  /** The test in progress when a timeout interrupted the call (finished already if done is past it), or -1. */
  running: number;
  /** The first test of the interrupted call. */
  firstOfCall: number;
  /** The call stopped early so that the next test gets a time budget of its own. */
  more: boolean;
  results: { ms: number; reply: HarnessReply }[];
}

function toCallOutcome(reply: HarnessReply, ms: number, entry: string): CallOutcome {
  if (reply.status === "ok") return { status: "returned", value: reply.value, logs: reply.logs, ms, ...(reply.mutated ? { mutated: reply.mutated } : {}) };
  if (reply.status === "error") return { status: "threw", error: reply.error!, logs: reply.logs, ms };
  if (reply.status === "invalid") return { status: "invalid", reason: reply.reason ?? "invalid output", logs: reply.logs, ms };
  throw new Error(`the harness lost the export "${entry}"`);
}

export interface JobRun {
  readonly outcome: JobOutcome;
  /** Disposes the job's isolates; called after the outcome has been sent, off the critical path. */
  readonly cleanup: () => void;
  /** This process must not run another job (its TypeScript type remover failed). */
  readonly retire?: "stripper";
}

/** A V8 syntax error raised while compiling the module, as the student's error. */
function compileFailure(error: unknown): ThrownError {
  const raw = error instanceof Error ? error.message : String(error);
  const at = new RegExp(`\\[${SOLUTION_FILENAME.replace(".", "\\.")}:(\\d+):(\\d+)\\]$`).exec(raw);
  const message = at ? raw.slice(0, at.index).trimEnd() : raw;
  const line = at ? Number(at[1]) - BODY_LINE_OFFSET : 0;
  return { name: "SyntaxError", message, line: line >= 1 ? line : 0, column: line >= 1 ? Number(at![2]) : 0 };
}

/**
 * Runs a job. Each test has its own time budget (testTimeLimitMs) and the whole submission
 * another (timeLimitMs). All tests run in one call into the isolate while they are quick; a
 * call that has used half a test's budget hands over to a new call, so every test starts with
 * its whole budget. A test interrupted by the timeout when it started its call has used its
 * budget and timed out; one that started later in the call is run again at the head of a
 * call. After any timeout the rest run in a fresh isolate with the module loaded again: code
 * cut off mid-way (or promise callbacks it left) can leave the old one unusable.
 */
export async function runJob(job: SandboxJob): Promise<JobRun> {
  const prepared = prepareSource(job.source, job.language);
  if (!prepared.ok)
    return { outcome: { kind: "compile_error", problem: prepared.problem }, cleanup: () => {}, ...(prepared.stripperFailed ? { retire: "stripper" as const } : {}) };

  const started = performance.now();
  const deadline = started + job.limits.timeLimitMs;
  const testBudget = Math.min(job.limits.testTimeLimitMs, job.limits.timeLimitMs);
  const remaining = () => Math.round(deadline - performance.now());
  /** The time a call may take: a test's budget, or what is left of the submission's. */
  const callBudget = () => Math.max(1, Math.min(testBudget, remaining()));
  const isolates: ivm.Isolate[] = [];
  const cleanup = () => {
    for (const isolate of isolates) if (!isolate.isDisposed) isolate.dispose();
  };
  const settingsJson = JSON.stringify({ maxOutputChars: job.limits.maxOutputChars, maxLogChars: job.limits.maxLogChars, fixedTime: job.fixedTime } satisfies HarnessSettings);
  const moduleSource = `(function () {${prepared.body}\n})`;
  // Synchronous calls: this process runs one job at a time and has nothing else to do meanwhile,
  // and an asynchronous call hands the isolate to another thread and the answer back, which cost
  // about 1.2 ms of CPU per submission (of 4.4) in the bench's mix.
  const invoke = (harness: ivm.Reference<unknown>, args: unknown[], timeout: number): string => {
    const text: unknown = harness.applySync(undefined, args, { timeout, result: { copy: true } });
    if (typeof text !== "string") throw new Error("the harness answered with a non-string");
    return text;
  };

  interface Loaded {
    readonly harness: ivm.Reference<unknown>;
    readonly isolate: ivm.Isolate;
    readonly logs: string;
  }

  /** A fresh isolate with the student's module loaded, or why loading failed. */
  const load = (): Loaded | { outcome: JobOutcome } => {
    const { isolate, context, harness } = take(job.limits.memoryMb);
    isolates.push(isolate);
    let factory: ivm.Reference<unknown>;
    try {
      // A script of its own, named after the student's file: its frames are the only ones
      // that are not `eval` code and carry that name, which is how locations are trusted.
      const script = isolate.compileScriptSync(moduleSource, { filename: SOLUTION_FILENAME });
      factory = script.runSync(context, { reference: true, timeout: callBudget() }) as ivm.Reference<unknown>;
    } catch (error) {
      const failure = classifyHostError(error, isolate);
      if (failure === "timeout") return { outcome: { kind: "load_timeout" } };
      if (failure === "memory_limit") return { outcome: { kind: "load_memory_limit" } };
      return { outcome: { kind: "load_failed", error: compileFailure(error), logs: "" } };
    }
    let loaded: HarnessReply;
    try {
      loaded = JSON.parse(invoke(harness, ["load", factory.derefInto(), settingsJson], callBudget())) as HarnessReply;
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

  const first = load();
  if ("outcome" in first) return { outcome: first.outcome, cleanup };
  const callsJson = JSON.stringify(job.calls.map((c) => ({ s: c.randomSeed, a: c.argsJson })));
  const total = job.calls.length;
  const calls: CallOutcome[] = [];
  let current: Loaded | null = first;
  /** After a memory failure, one test per call, so that the next failure is pinned to its test. */
  let oneAtATime = false;
  const ran = (extra: { ranOverAfterwards?: true } = {}): JobRun => ({
    outcome: { kind: "ran", loadLogs: first.logs, calls, sandboxMs: performance.now() - started, ...extra },
    cleanup,
  });
  const notRunFromHere = (reason: "timeout" | "memory_limit") => {
    while (calls.length < total) calls.push({ status: "not_run", reason });
  };

  while (calls.length < total) {
    if (remaining() <= 0) {
      notRunFromHere("timeout");
      break;
    }
    if (current === null) {
      const again = load();
      if ("outcome" in again) {
        // The module loaded before; loading it again failing now can only be the time running out.
        notRunFromHere(again.outcome.kind === "load_memory_limit" ? "memory_limit" : "timeout");
        break;
      }
      current = again;
    }
    const from = calls.length;
    const budget = callBudget();
    const timeIsShort = budget < testBudget;
    try {
      const text = invoke(current.harness, ["run", job.entry, callsJson, from, oneAtATime ? 1 : total - from, testBudget / 2], budget);
      const reply = JSON.parse(text) as RunReply;
      for (const r of reply.results) calls.push(toCallOutcome(r.reply, r.ms, job.entry));
      continue;
    } catch (error) {
      const failure = classifyHostError(error, current.isolate);
      if (failure === "timeout") {
        // Promise callbacks the interrupted code left run after this call too: keep it short.
        let partial: RunReply | null;
        try {
          partial = JSON.parse(invoke(current.harness, ["collect"], Math.max(20, Math.min(200, remaining())))) as RunReply;
        } catch {
          partial = null;
        }
        if (partial === null) {
          // Nothing to read back: the test at the head of the call takes the blame.
          calls.push({ status: "timeout", ms: budget, budget: timeIsShort ? "submission" : "test" });
        } else {
          for (const r of partial.results) calls.push(toCallOutcome(r.reply, r.ms, job.entry));
          if (partial.running < 0) {
            // Every test of the call returned; code they left behind (promise callbacks) ran on.
            if (calls.length >= total) return ran({ ranOverAfterwards: true });
            notRunFromHere("timeout");
            return ran({ ranOverAfterwards: true });
          }
          // The test had the call's whole budget only if it started the call; one cut short by
          // those before it (or one not yet started) runs again at the head of a call.
          if (partial.done === partial.running && partial.running === partial.firstOfCall) {
            calls.push({ status: "timeout", ms: budget, budget: timeIsShort ? "submission" : "test" });
          }
        }
        current = null;
        continue;
      }
      if (failure === "memory_limit" && oneAtATime) {
        calls.push({ status: "memory_limit", ms: 0 });
        notRunFromHere("memory_limit");
        break;
      }
      if (failure === null && oneAtATime) {
        // An error escaped the harness itself (its own stack overflowing, say): pin it to the test.
        const message = error instanceof Error ? error.message : String(error);
        calls.push({ status: "threw", error: { name: "Error", message, line: 0, column: 0 }, logs: "", ms: 0 });
        current = null;
        continue;
      }
      // Out of memory, or an error that escaped the harness: the isolate and its partial
      // results are gone; run the rest again, one test per call, in a fresh isolate.
      oneAtATime = true;
      current = null;
    }
  }
  return ran();
}
