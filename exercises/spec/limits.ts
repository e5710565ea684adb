import { z } from "zod";

/** Resource limits for grading one submission. A spec may tighten them, never loosen them. */
export interface ExerciseLimits {
  /** The whole submission: loading the module and every test. */
  readonly timeLimitMs: number;
  /** Each test on its own, and loading the module. */
  readonly testTimeLimitMs: number;
  readonly memoryMb: number;
  readonly maxSourceBytes: number;
  readonly maxOutputChars: number;
  readonly maxLogChars: number;
}

export const DEFAULT_LIMITS: ExerciseLimits = {
  timeLimitMs: 4000,
  testTimeLimitMs: 1000,
  memoryMb: 64,
  maxSourceBytes: 64 * 1024,
  maxOutputChars: 256 * 1024,
  maxLogChars: 8 * 1024,
};

/**
 * Largest request body that carries code (a submission or a draft): the largest source any
 * exercise accepts, with room for JSON escaping (a control character becomes six). A body that
 * fits is read whole, so a source over its exercise's limit gets `sourceSizeProblem`'s message.
 */
export const CODE_REQUEST_BYTES = 8 * DEFAULT_LIMITS.maxSourceBytes;

/** Why a source is refused for its size, naming the limit; null when it fits. */
export function sourceSizeProblem(source: string, maxSourceBytes: number): string | null {
  const bytes = new TextEncoder().encode(source).length;
  if (bytes <= maxSourceBytes) return null;
  return `Your code is ${(bytes / 1024).toFixed(1)} KB; the limit for this exercise is ${maxSourceBytes / 1024} KB.`;
}

export const ExerciseLimitsSchema = z.strictObject({
  timeLimitMs: z.number().int().min(50).max(DEFAULT_LIMITS.timeLimitMs).optional().describe("Time for loading the module and running every test, in milliseconds."),
  testTimeLimitMs: z.number().int().min(50).max(DEFAULT_LIMITS.testTimeLimitMs).optional().describe("Time for each test on its own (and for loading the module), in milliseconds."),
  memoryMb: z.number().int().min(16).max(DEFAULT_LIMITS.memoryMb).optional().describe("Heap limit of the sandbox isolate, in MB."),
  maxSourceBytes: z.number().int().min(256).max(DEFAULT_LIMITS.maxSourceBytes).optional().describe("Largest accepted source file, in bytes (UTF-8)."),
  maxOutputChars: z.number().int().min(64).max(DEFAULT_LIMITS.maxOutputChars).optional().describe("Largest encoded return value of one test call."),
  maxLogChars: z.number().int().min(0).max(DEFAULT_LIMITS.maxLogChars).optional().describe("Console output kept per test call."),
});

/**
 * The memory a Python submission may use, in MB: the interpreter's WebAssembly memory, where
 * Python's heap lives. The interpreter itself takes about 31 MB of it before any student code
 * runs, so Python gets the exercise's limit plus that much room and more (128 MB for the 64 MB
 * default).
 */
export function pythonMemoryMb(memoryMb: number): number {
  return memoryMb + 64;
}

export function effectiveLimits(overrides: Partial<ExerciseLimits> | undefined): ExerciseLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
