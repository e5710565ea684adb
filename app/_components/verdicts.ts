import type { Verdict } from "../../grader/engine/result.ts";

/** A verdict in words and the badge tone that goes with it; shared by the student and staff pages. */
export const VERDICT_LABELS: Record<Verdict, [label: string, tone: string]> = {
  passed: ["Passed", "pass"],
  failed: ["Some tests failed", "fail"],
  compile_error: ["Compile error", "fail"],
  runtime_error: ["Runtime error", "fail"],
  timeout: ["Time limit exceeded", "fail"],
  memory_limit: ["Memory limit exceeded", "fail"],
  invalid_output: ["Invalid output", "fail"],
  internal_error: ["Grader error", "warn"],
};

/** Label and tone for a stored verdict string (null while queued or running). */
export function verdictLabel(verdict: string | null, status = "graded"): [label: string, tone: string] {
  if (verdict === null) return [status === "graded" ? "No verdict" : `${status[0]?.toUpperCase() ?? ""}${status.slice(1)}…`, "info"];
  return (VERDICT_LABELS as Record<string, [string, string] | undefined>)[verdict] ?? [verdict.replace(/_/g, " "), ""];
}
