"use client";
import type { TestResult } from "../../../../grader/engine/result.ts";

const STATUS_LABELS: Partial<Record<TestResult["status"], string>> = { passed: "Correct", failed: "Wrong", invalid_output: "Not graded" };

/** One part's grade under its answer field: correct or not, its points, and why (never the reference answer). */
export function PartFeedback({ partId, test }: { partId: string; test: TestResult }) {
  const tone = test.passed ? "pass" : test.status === "failed" ? "fail" : "warn";
  return (
    <p className={`part-feedback ${tone}`} role="status" data-testid={`part-feedback-${partId}`} data-status={test.status}>
      <span className={`badge ${tone}`}>{STATUS_LABELS[test.status] ?? test.status.replace("_", " ")}</span>{" "}
      <span className="points">
        {test.points} / {test.maxPoints}
      </span>
      {test.passed ? null : <span className="message"> · {test.message}</span>}
    </p>
  );
}
