/**
 * Messages between the grader host and its sandbox processes. The sandbox process only
 * runs code and reports raw outputs; expected values never enter it.
 */
import type { Language } from "../../exercises/spec/languages.ts";

export interface SourcePosition {
  /** 1-based line in the student's source; 0 when unknown. */
  readonly line: number;
  /** 1-based column; 0 when unknown. */
  readonly column: number;
}

export interface CompileProblem extends SourcePosition {
  readonly message: string;
}

export interface SandboxLimits {
  /** Time for the whole submission (module load plus every test call), in ms. */
  readonly timeLimitMs: number;
  /** Time for loading the module, and for each test call, in ms. */
  readonly testTimeLimitMs: number;
  /** Heap limit of the isolate, in MB. */
  readonly memoryMb: number;
  /** Largest encoded return value accepted from one test call, in characters. */
  readonly maxOutputChars: number;
  /** Console output kept per test call, in characters. */
  readonly maxLogChars: number;
}

export interface SandboxCall {
  /** JSON text of the argument list. */
  readonly argsJson: string;
  /** Seed for Math.random during this call. */
  readonly randomSeed: number;
}

export interface SandboxJob {
  readonly source: string;
  readonly language: Language;
  readonly entry: string;
  readonly calls: readonly SandboxCall[];
  readonly limits: SandboxLimits;
  /** Value of Date.now() inside the sandbox. */
  readonly fixedTime: number;
}

export interface ThrownError {
  readonly name: string;
  readonly message: string;
  /** 1-based; 0 when the error did not come from a line of the student's file. */
  readonly line: number;
  readonly column: number;
  /** Python's traceback, without the grader's own frames (absent for JavaScript). */
  readonly traceback?: string;
}

export type CallOutcome =
  /** `value` is in the harness's wire format (see harness.ts `encode`). */
  | {
      readonly status: "returned";
      readonly value: unknown;
      readonly logs: string;
      readonly ms: number;
      /** The call changed argument `index` (0-based) at `path` (e.g. "[1].W[0][2]"; "" for the argument itself). */
      readonly mutated?: { readonly index: number; readonly path: string };
    }
  | { readonly status: "threw"; readonly error: ThrownError; readonly logs: string; readonly ms: number }
  | { readonly status: "invalid"; readonly reason: string; readonly logs: string; readonly ms: number }
  /** budget: "test" when the test used its own time, "submission" when the submission's total ran out during it. */
  | { readonly status: "timeout"; readonly ms: number; readonly budget?: "test" | "submission" }
  | { readonly status: "memory_limit"; readonly ms: number }
  /** reason "timeout": the submission's total time ran out before this test. */
  | { readonly status: "not_run"; readonly reason: "timeout" | "memory_limit" | "crash" };

export type JobOutcome =
  | { readonly kind: "compile_error"; readonly problem: CompileProblem }
  | { readonly kind: "load_failed"; readonly error: ThrownError; readonly logs: string }
  | { readonly kind: "load_timeout" }
  | { readonly kind: "load_memory_limit" }
  | { readonly kind: "missing_export"; readonly exportNames: readonly string[]; readonly logs: string }
  | {
      readonly kind: "ran";
      readonly loadLogs: string;
      readonly calls: readonly CallOutcome[];
      readonly sandboxMs: number;
      /** Every test returned, but code they left behind (promise callbacks) then ran past the time limit. */
      readonly ranOverAfterwards?: boolean;
    }
  /** The sandbox process died or stopped answering; `reason` says which. Set by the host. */
  | { readonly kind: "crashed"; readonly reason: "killed_after_timeout" | "exited" | "memory"; readonly detail: string }
  | { readonly kind: "internal_error"; readonly message: string };

export type HostToSandbox =
  | { readonly type: "job"; readonly id: number; readonly job: SandboxJob }
  /** Start the Python interpreter now, before a Python job needs it. */
  | { readonly type: "prepare-python" };

export type SandboxToHost =
  | { readonly type: "ready" }
  | {
      readonly type: "result";
      readonly id: number;
      readonly outcome: JobOutcome;
      /** Resident memory of the process when the job finished, in bytes. */
      readonly rssBytes: number;
      /** The process must not run another job: its TypeScript type remover is broken. */
      readonly retire?: "stripper";
    }
  | { readonly type: "catastrophic"; readonly message: string }
  /** A restored Python interpreter is waiting for the next Python job. */
  | { readonly type: "python-spare" };
