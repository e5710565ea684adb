/**
 * Runs a sandbox job with no sandbox at all: the student's module compiled with `new Function`
 * in this very process and its function called directly. The floor for the benchmark's
 * comparisons (and what a process-per-submission grader does inside its fresh process).
 * Never used to grade real submissions.
 */
import { prepareSource } from "../../grader/sandbox/prepare.ts";
import type { CallOutcome, JobOutcome, SandboxJob } from "../../grader/sandbox/protocol.ts";

/** The harness's wire format for plain data (numbers, strings, arrays, objects). */
function toWire(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $n: "NaN" };
    if (value === Infinity) return { $n: "Infinity" };
    if (value === -Infinity) return { $n: "-Infinity" };
    return value;
  }
  if (value === undefined) return { $t: "undefined" };
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, toWire);
  if (value !== null && typeof value === "object") return { $o: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)])) };
  return value;
}

export function runDirect(job: SandboxJob): JobOutcome {
  const started = performance.now();
  const prepared = prepareSource(job.source, job.language);
  if (!prepared.ok) return { kind: "compile_error", problem: prepared.problem };
  const exports = new Function(prepared.body)() as Record<string, unknown>;
  const entry = exports[job.entry];
  if (typeof entry !== "function") return { kind: "missing_export", exportNames: prepared.exportNames, logs: "" };
  const calls: CallOutcome[] = job.calls.map((call) => {
    const callStarted = performance.now();
    try {
      const value = (entry as (...args: unknown[]) => unknown)(...(JSON.parse(call.argsJson) as unknown[]));
      return { status: "returned", value: toWire(value), logs: "", ms: performance.now() - callStarted };
    } catch (error) {
      return { status: "threw", error: { name: "Error", message: String(error), line: 0, column: 0 }, logs: "", ms: performance.now() - callStarted };
    }
  });
  return { kind: "ran", loadLogs: "", calls, sandboxMs: performance.now() - started };
}
