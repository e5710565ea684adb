/**
 * A grading result. Results are stored and read back (by the app, by TAs), so the shape is a
 * zod schema and the TypeScript types derive from it.
 */
import { z } from "zod";
import { PictureSchema } from "./pictures/schema.ts";

/** The closed set of outcomes for a whole submission. */
export const VERDICTS = ["passed", "failed", "compile_error", "runtime_error", "timeout", "memory_limit", "invalid_output", "internal_error"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Outcomes of one test. */
export const TEST_STATUSES = ["passed", "failed", "runtime_error", "timeout", "memory_limit", "invalid_output", "not_run"] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

const PositionSchema = z.object({ line: z.number().int().min(0), column: z.number().int().min(0) });
export type Position = z.infer<typeof PositionSchema>;

export const TestResultSchema = z.object({
  name: z.string(),
  visibility: z.enum(["visible", "hidden"]),
  status: z.enum(TEST_STATUSES),
  passed: z.boolean(),
  points: z.number().min(0),
  maxPoints: z.number().min(0),
  /** What went wrong, in words; for staff, and for students on visible tests. */
  message: z.string(),
  /** A recognised typical mistake's explanation. */
  hint: z.string().optional(),
  /** Rendered call, e.g. `forward(x = [1, 0], layers = [...])`. */
  input: z.string().optional(),
  expected: z.string().optional(),
  got: z.string().optional(),
  location: PositionSchema.optional(),
  /** Python's traceback of an exception, without the grader's frames. */
  traceback: z.string().optional(),
  logs: z.string().optional(),
  ms: z.number().min(0).optional(),
  /** A visible test's picture (grader/engine/pictures/); a stored one that no longer reads is dropped, never the result. */
  picture: PictureSchema.optional().catch(undefined),
});
export type TestResult = z.infer<typeof TestResultSchema>;

export const GradeResultSchema = z.object({
  exerciseId: z.string(),
  /** What was graded: code run on tests, or a calculation's typed answers (one "test" per part). Absent on results stored before calculations: code. */
  kind: z.enum(["code", "calculation"]).optional(),
  seed: z.number().int(),
  mode: z.enum(["run", "submit"]),
  verdict: z.enum(VERDICTS),
  score: z.number().min(0),
  maxScore: z.number().min(0),
  /** One line for lists and headers, e.g. "3 of 4 tests passed". */
  summary: z.string(),
  /** Compile errors, errors at module load, and internal errors. */
  error: z.object({ message: z.string(), location: PositionSchema.optional() }).optional(),
  tests: z.array(TestResultSchema),
  hidden: z.object({ total: z.number().int().min(0), passed: z.number().int().min(0) }),
  /** Console output while the module loaded. */
  loadLogs: z.string().optional(),
  /** How long grading took; absent from a student's view of a result that ran hidden tests. */
  timing: z.object({ totalMs: z.number().min(0), sandboxMs: z.number().min(0).optional() }).optional(),
  /** True when the student-facing redaction has been applied. */
  redacted: z.boolean(),
});
export type GradeResult = z.infer<typeof GradeResultSchema>;

/** When tests disagree, the submission's verdict is the most serious test status. */
const SEVERITY = ["memory_limit", "timeout", "runtime_error", "invalid_output", "failed"] as const satisfies readonly (TestStatus & Verdict)[];

export function verdictFromTests(tests: readonly Pick<TestResult, "status">[]): Verdict {
  for (const status of SEVERITY) if (tests.some((t) => t.status === status)) return status;
  if (tests.some((t) => t.status === "not_run")) return "failed";
  return "passed";
}
