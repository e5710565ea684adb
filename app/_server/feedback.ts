/**
 * What a student learns from grading, by the set's feedback policy: everything (hidden tests
 * already redacted), only how many tests passed (on a Submit; a Run shows its visible tests
 * whole), or nothing until the set closes.
 */
import type { GradeResult } from "../../grader/engine/result.ts";
import { FeedbackSchema } from "./policies.ts";

export interface FeedbackPolicySource {
  readonly feedback: string;
  readonly dueAt: Date;
}

export interface FeedbackShown {
  /** null when results are withheld. */
  readonly result: GradeResult | null;
  /** What the student is told about the policy; null for full feedback. */
  readonly note: string | null;
  /** Tests passed and run, when only counts are shown. */
  readonly counts: { readonly passed: number; readonly total: number } | null;
}

export function feedbackWithheld(set: FeedbackPolicySource, now = new Date()): boolean {
  return set.feedback === "after_close" && now < set.dueAt;
}

/** Applies the policy to a result that is already redacted for students (null before grading). */
export function applyFeedbackPolicy(result: GradeResult | null, set: FeedbackPolicySource, now = new Date()): FeedbackShown {
  const policy = FeedbackSchema.catch("full").parse(set.feedback);
  if (policy === "after_close" && now < set.dueAt) {
    return { result: null, note: `Results are shown after the set closes (${set.dueAt.toISOString()}).`, counts: null };
  }
  if (!result) return { result: null, note: null, counts: null };
  // A Run grades only the visible tests, whose calls and expected values the statement already
  // shows: their detail is never held back.
  if (policy === "counts" && now < set.dueAt && result.mode === "submit") {
    const passed = result.tests.filter((t) => t.status === "passed").length;
    const total = result.tests.length;
    const { error: _error, loadLogs: _logs, ...rest } = result;
    return {
      result: { ...rest, tests: [], summary: `${passed} of ${total} tests passed`, hidden: { total: 0, passed: 0 } },
      note: "This set shows how many tests passed, not which ones, until it closes.",
      counts: { passed, total },
    };
  }
  return { result, note: null, counts: null };
}
