"use client";
import { LocalTime } from "../../_components/local-time.tsx";
import { ResultsPanel } from "../../_components/results-panel.tsx";
import type { SubmissionView } from "../../_server/submissions.ts";
import { SubmissionFeedback } from "./feedback.tsx";

/** While a submission waits for the grader. */
export function GradingStatus({ submission }: { submission: SubmissionView }) {
  return (
    <div className="card" role="status" data-testid="grading-status">
      <span className="spinner" aria-hidden /> {submission.status === "queued" ? "Queued for grading…" : "Running your code…"}
    </div>
  );
}

/**
 * A graded submission: the feedback policy's note, the test results, and staff feedback on a
 * Submit. `onLocate` is left out for past submissions, whose code is not in the editor.
 */
export function GradingResults(props: { submission: SubmissionView; dueAt: string | undefined; onLocate: ((line: number, column: number) => void) | undefined }) {
  const { submission: shown } = props;
  return (
    <>
      {shown.status === "graded" && shown.feedbackNote ? (
        <p className="notice" role="status" data-testid="feedback-note">
          {shown.counts ? (
            <>
              <strong>
                {shown.counts.passed} of {shown.counts.total} tests passed.
              </strong>{" "}
            </>
          ) : (
            <strong>Submitted and graded. </strong>
          )}
          {shown.feedbackNote.replace(/\((\d{4}-\d\d-\d\dT[^)]*)\)/, "")}
          {shown.result === null ? (
            <>
              {" "}
              (<LocalTime iso={props.dueAt ?? shown.createdAt} />)
            </>
          ) : null}
        </p>
      ) : null}

      {shown.result ? (
        <ResultsPanel submissionId={shown.id} result={shown.result} points={shown.points} maxPoints={shown.maxPoints} late={shown.late} onLocate={props.onLocate} />
      ) : null}

      {shown.kind === "submit" ? <SubmissionFeedback submission={shown} /> : null}
    </>
  );
}
