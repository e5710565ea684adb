/**
 * What a Python job asks for and what it answers. Outcomes are a subset of the JavaScript
 * sandbox's `JobOutcome` (protocol.ts), with a traceback added to thrown errors, so the host
 * grades both languages the same way.
 */
import { z } from "zod";
import type { CallOutcome, CompileProblem, JobOutcome, SandboxCall, ThrownError } from "../protocol.ts";

export interface PythonLimits {
  /** Time for one test call, in ms (isolated-vm's timeout). */
  readonly testTimeoutMs: number;
  /** Time for the whole submission (module load plus every test call), in ms. */
  readonly timeLimitMs: number;
  /** Largest WebAssembly memory the interpreter may grow to, in MiB (Python's heap lives there). */
  readonly memoryMb: number;
  /** Largest encoded return value accepted from one test call, in characters. */
  readonly maxOutputChars: number;
  /** stdout and stderr kept per load or call, in characters. */
  readonly maxLogChars: number;
}

export interface PythonJob {
  /** The student's module (solution.py). */
  readonly source: string;
  /** Name of the function each test calls (snake_case). */
  readonly entry: string;
  /** One per test: JSON text of the argument list and a seed for `random`. Expected values never come here. */
  readonly calls: readonly SandboxCall[];
  readonly limits: PythonLimits;
  /** What the wall clock (`time.time()`, `datetime.now()`) reads inside the sandbox, in ms since the epoch. */
  readonly fixedTime: number;
}

export interface PythonError extends ThrownError {
  /** Python's traceback, without the grader's own frames. */
  readonly traceback: string;
}

export type PythonCallOutcome = Exclude<CallOutcome, { status: "threw" }> | { readonly status: "threw"; readonly error: PythonError; readonly logs: string; readonly ms: number };

export type PythonJobOutcome =
  | { readonly kind: "compile_error"; readonly problem: CompileProblem }
  | { readonly kind: "load_failed"; readonly error: PythonError; readonly logs: string }
  | { readonly kind: "load_timeout" }
  | { readonly kind: "load_memory_limit" }
  | { readonly kind: "missing_export"; readonly exportNames: readonly string[]; readonly logs: string }
  | { readonly kind: "ran"; readonly loadLogs: string; readonly calls: readonly PythonCallOutcome[]; readonly sandboxMs: number };

// Every Python outcome is a JobOutcome: the host needs no second vocabulary.
export type AssertAssignable<T extends JobOutcome> = T;
export type PythonOutcomeIsJobOutcome = AssertAssignable<PythonJobOutcome>;

const pythonErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  line: z.number().int().min(0),
  column: z.number().int().min(0),
  traceback: z.string(),
});

/** A reply of harness.py, read as untrusted: code in the interpreter can reach the harness. */
export const harnessReplySchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), value: z.unknown().optional(), exports: z.array(z.string()).optional() }),
  z.object({ status: z.literal("error"), error: pythonErrorSchema }),
  z.object({ status: z.literal("syntax"), error: pythonErrorSchema }),
  z.object({ status: z.literal("fatal"), error: pythonErrorSchema }),
  z.object({ status: z.literal("invalid"), reason: z.string() }),
  z.object({ status: z.literal("memory") }),
  z.object({ status: z.literal("missing") }),
]);

export const guestAnswerSchema = z.object({ reply: harnessReplySchema, logs: z.string(), truncated: z.boolean() });

export type HarnessReply = z.infer<typeof harnessReplySchema>;
export type GuestAnswer = z.infer<typeof guestAnswerSchema>;
