"use client";
import { LocalTime } from "../../_components/local-time.tsx";
import { formatPoints } from "../../_components/score.ts";
import type { CountedScore } from "../../_server/policies.ts";
import type { SubmissionView } from "../../_server/submissions.ts";

/** The set's rules that decide which score counts, as the workspace receives them. */
export interface ScoringPolicy {
  readonly scorePolicy: string;
  readonly lateWork: string;
  readonly latePenaltyPerDay: number;
  readonly latePenaltyCap: number;
  readonly feedback: string;
  readonly dueAt: string;
}

const show = (points: number) => String(Math.round(points * 100) / 100);

/** "Score that counts: x / y" with why: best or last submission, late penalty, override. */
export function CountedScoreBar({ counted, policy, maxPoints, pastDue }: { counted: CountedScore | null; policy: ScoringPolicy; maxPoints: number; pastDue: boolean }) {
  const which = policy.scorePolicy === "last" ? "Your last graded submission counts" : "Your best graded submission counts";
  const latePolicy =
    policy.lateWork === "penalty" && policy.latePenaltyPerDay > 0
      ? ` Late submissions lose ${policy.latePenaltyPerDay}% per day late, at most ${policy.latePenaltyCap}%.`
      : policy.lateWork === "refuse"
        ? " Late submissions are not accepted."
        : "";
  let why: string;
  if (counted === null) {
    why = policy.feedback === "after_close" && !pastDue ? "Scores are shown after the set closes." : `Nothing graded yet. ${which}.${latePolicy}`;
  } else if (counted.overridden) {
    why = `${which}; a staff member set its score by hand (autograded: ${show(counted.autoPoints)}).`;
  } else if (counted.penaltyPercent > 0) {
    why = `${which}. It was late: −${counted.penaltyPercent}% of ${show(counted.autoPoints)} autograded points.${latePolicy}`;
  } else {
    why = `${which}.${latePolicy}`;
  }
  return (
    <div className="card counted-score" data-testid="counted-score" data-points={counted?.points ?? ""} data-submission-id={counted?.submissionId ?? ""}>
      <span>Score that counts:</span>
      <span className="value">{formatPoints(counted?.points ?? null, maxPoints)}</span>
      {counted?.late ? <span className="badge warn">Late</span> : null}
      {counted?.overridden ? <span className="badge info">Set by staff</span> : null}
      <p className="why muted small">{why}</p>
    </div>
  );
}

/** Staff comments, the override and the late penalty of one submission, next to its results. */
export function SubmissionFeedback({ submission }: { submission: SubmissionView }) {
  const { comments, override, penaltyPercent, autoPoints, maxPoints } = submission;
  if (comments.length === 0 && override === null && penaltyPercent === 0) return null;
  return (
    <section className="card staff-feedback" aria-label="Feedback from staff" data-testid="student-comments" data-submission={submission.id} data-count={comments.length}>
      <h3>Feedback on this submission</h3>
      {penaltyPercent > 0 ? (
        <p className="notice warn small" data-testid="student-penalty">
          Late: −{penaltyPercent}%. Autograded {formatPoints(autoPoints, maxPoints)}
          {override ? "; the staff score below replaces it." : `, so ${show(autoPoints === null ? 0 : autoPoints * (1 - penaltyPercent / 100))} counts.`}
        </p>
      ) : null}
      {override ? (
        <p className="notice small" data-testid="student-override">
          <strong>Score set by {override.authorName}</strong>: {formatPoints(override.points, maxPoints)} (<LocalTime iso={override.createdAt} />)
          <br />
          Reason: {override.reason}
        </p>
      ) : null}
      {comments.length > 0 ? (
        <ul>
          {comments.map((comment) => (
            <li key={comment.id} data-testid="student-comment" data-line={comment.line ?? ""}>
              <div className="small muted">
                <strong>{comment.authorName}</strong> · <LocalTime iso={comment.createdAt} />
                {comment.line !== null ? ` · line ${comment.line}` : ""}
              </div>
              <div className="body">{comment.body}</div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
