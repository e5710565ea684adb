/** Runs one job in a fresh isolate. Lives in a sandbox process, never in a web server. */
import ivm from "isolated-vm";
import { installHarness, type HarnessConfig } from "./harness.ts";
import { BODY_LINE_OFFSET, SOLUTION_FILENAME, prepareSource } from "./prepare.ts";
import type { CallOutcome, JobOutcome, SandboxJob, ThrownError } from "./protocol.ts";

const HARNESS_SOURCE = `(${installHarness.toString()})`;

type Failure = "timeout" | "memory_limit";

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

export async function runJob(job: SandboxJob, onCatastrophicError: (message: string) => void): Promise<JobOutcome> {
  const prepared = prepareSource(job.source, job.language);
  if (!prepared.ok) return { kind: "compile_error", problem: prepared.problem };

  const started = performance.now();
  const deadline = started + job.limits.timeLimitMs;
  const remaining = () => Math.max(1, Math.round(deadline - performance.now()));
  const isolate = new ivm.Isolate({ memoryLimit: job.limits.memoryMb, onCatastrophicError });
  try {
    const context = await isolate.createContext();
    const config: HarnessConfig = {
      maxOutputChars: job.limits.maxOutputChars,
      maxLogChars: job.limits.maxLogChars,
      fixedTime: job.fixedTime,
      filename: SOLUTION_FILENAME,
      bodyLineOffset: BODY_LINE_OFFSET,
    };
    const harnessScript = await isolate.compileScript(`${HARNESS_SOURCE}(${JSON.stringify(config)})`, { filename: "harness.js" });
    const harness: ivm.Reference<unknown> = await harnessScript.run(context, { reference: true, timeout: 1000 });
    const invoke = async (args: (string | number)[]): Promise<HarnessReply> => {
      const text: unknown = await harness.apply(undefined, args, { timeout: remaining(), result: { copy: true } });
      if (typeof text !== "string") throw new Error("the harness answered with a non-string");
      return JSON.parse(text) as HarnessReply;
    };

    let loaded: HarnessReply;
    try {
      loaded = await invoke(["load", prepared.body]);
    } catch (error) {
      const failure = classifyHostError(error, isolate);
      if (failure === "timeout") return { kind: "load_timeout" };
      if (failure === "memory_limit") return { kind: "load_memory_limit" };
      throw error;
    }
    if (loaded.status === "error") return { kind: "load_failed", error: loaded.error!, logs: loaded.logs };
    if (!prepared.exportNames.includes(job.entry)) {
      return { kind: "missing_export", exportNames: prepared.exportNames, logs: loaded.logs };
    }

    const calls: CallOutcome[] = [];
    let stopped: Failure | null = null;
    for (const call of job.calls) {
      if (stopped !== null) {
        calls.push({ status: "not_run", reason: stopped });
        continue;
      }
      const callStarted = performance.now();
      const elapsed = () => performance.now() - callStarted;
      if (performance.now() >= deadline) {
        stopped = "timeout";
        calls.push({ status: "timeout", ms: 0 });
        continue;
      }
      try {
        const reply = await invoke(["call", job.entry, call.argsJson, call.randomSeed]);
        const ms = elapsed();
        if (reply.status === "ok") calls.push({ status: "returned", value: reply.value, logs: reply.logs, ms });
        else if (reply.status === "error") calls.push({ status: "threw", error: reply.error!, logs: reply.logs, ms });
        else if (reply.status === "invalid") calls.push({ status: "invalid", reason: reply.reason ?? "invalid output", logs: reply.logs, ms });
        else throw new Error(`the harness lost the export "${job.entry}"`);
      } catch (error) {
        const failure = classifyHostError(error, isolate);
        if (failure === null) {
          // An error that escaped the harness itself (for example the stack overflowing
          // inside its own error handling) still belongs to the student's call.
          const message = error instanceof Error ? error.message : String(error);
          calls.push({ status: "threw", error: { name: "Error", message, line: 0, column: 0 }, logs: "", ms: elapsed() });
          continue;
        }
        stopped = failure;
        calls.push({ status: failure, ms: elapsed() });
      }
    }
    return { kind: "ran", loadLogs: loaded.logs, calls, sandboxMs: performance.now() - started };
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}
