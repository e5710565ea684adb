import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "../../../../_components/local-time.tsx";
import { ResultsPanel } from "../../../../_components/results-panel.tsx";
import { formatMs, formatPoints } from "../../../../_components/score.ts";
import { VerdictBadge } from "../../../../_components/verdict-badge.tsx";
import { orNotFound } from "../../../../_server/page-errors.ts";
import { submissionForReview } from "../../../../_server/staff/review.ts";
import { requirePageViewer } from "../../../../_server/viewer.ts";
import "../review.css";
import { LineSelectionProvider } from "./line-context.tsx";
import { CommentForm, CommentList, OverrideForm, RegradeButton, ReviewedToggle } from "./review-actions.tsx";
import { ReviewCode } from "./review-code.tsx";
import { ReviewAnswers } from "./review-answers.tsx";
import "../../../../items/[itemId]/calculation/calculation.css";
import { LANGUAGE_LABELS } from "../../../../../exercises/spec/languages.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review submission" };

const show = (points: number) => String(Math.round(points * 100) / 100);

/** One line per audit event, from its stored JSON details. */
function describeEvent(action: string, details: string): string {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed && typeof parsed === "object") data = parsed as Record<string, unknown>;
  } catch {
    // Details are informative only; an unreadable record still shows its action.
  }
  const num = (value: unknown) => (typeof value === "number" ? show(value) : null);
  switch (action) {
    case "submission.comment":
      return typeof data.line === "number" ? `commented on line ${data.line}` : "commented";
    case "submission.override": {
      const from = num(data.from) ?? (num(data.autograded) !== null ? `${num(data.autograded)} (autograded)` : "the autograded score");
      return `overrode the score: ${from} → ${num(data.to) ?? "?"}${typeof data.reason === "string" ? ` (“${data.reason}”)` : ""}`;
    }
    case "submission.reviewed":
      return data.reviewed === false ? "marked it as not reviewed" : "marked it as reviewed";
    default:
      return action;
  }
}

export default async function ReviewSubmissionPage({ params }: { params: Promise<{ courseId: string; submissionId: string }> }) {
  const { courseId, submissionId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/review/${submissionId}`);
  const review = await orNotFound(() => submissionForReview(viewer, submissionId));
  // The submission must belong to the course in the address, or the frame would name the wrong course.
  if (review.course.id !== courseId) notFound();
  const { submission, student, exercise, set, previous, attempts, overrides, history } = review;
  const max = submission.maxPoints;
  const graded = submission.status === "graded";
  const penalized = submission.autoPoints !== null ? submission.autoPoints * (1 - submission.penaltyPercent / 100) : null;
  const attemptIndex = attempts.findIndex((a) => a.id === submission.id);
  const lines = submission.code.split("\n").length;
  const reviewHref = (id: string) => `/courses/${courseId}/review/${id}`;

  return (
    <div data-testid="submission-review" data-submission-id={submission.id} data-status={submission.status} data-reviewed={review.reviewed !== null}>
      <p className="small" style={{ margin: "0 0 0.5rem" }}>
        <Link href={`/courses/${courseId}/review`}>← Review queue</Link>
      </p>
      <LineSelectionProvider>
        <section className="card review-header" aria-label="Submission">
          <div className="grow">
            <h1>
              {student.name} · {exercise.title}
            </h1>
            <div className="muted">
              {student.email} · <Link href={`/sets/${set.id}`}>{set.title}</Link> (due <LocalTime iso={set.dueAt} />)
            </div>
            <div style={{ marginTop: "0.4rem", display: "flex", gap: "0.5rem", alignItems: "center", flexWrap: "wrap" }}>
              <VerdictBadge verdict={graded ? (attempts[attemptIndex]?.verdict ?? submission.result?.verdict ?? null) : null} status={submission.status} />
              <span className="badge" data-testid="review-language">
                {review.answers ? "Answers" : LANGUAGE_LABELS[submission.language]}
              </span>
              {submission.late ? <span className="badge warn">Late</span> : null}
              {submission.override ? <span className="badge info">Override</span> : null}
              <span className="small">
                Submitted <LocalTime iso={submission.createdAt} />
                {attemptIndex >= 0 ? ` · attempt ${attemptIndex + 1} of ${attempts.length}` : ""}
              </span>
            </div>
            <dl className="score-breakdown" data-testid="score-breakdown">
              <div>
                <dt>Autograded</dt>
                <dd data-testid="auto-points">{formatPoints(graded ? submission.autoPoints : null, max)}</dd>
              </div>
              {submission.penaltyPercent > 0 ? (
                <div>
                  <dt>Late penalty</dt>
                  <dd data-testid="late-penalty">
                    −{submission.penaltyPercent}% → {penalized === null ? "–" : show(penalized)}
                  </dd>
                </div>
              ) : null}
              {submission.override ? (
                <div>
                  <dt>Override</dt>
                  <dd>
                    {show(submission.override.points)} <span className="muted small">by {submission.override.authorName}</span>
                  </dd>
                </div>
              ) : null}
              <div className="counts">
                <dt>Score that counts</dt>
                <dd data-testid="review-score">{formatPoints(submission.points, max)}</dd>
              </div>
            </dl>
          </div>
          <div className="actions">
            <ReviewedToggle submissionId={submission.id} reviewed={review.reviewed !== null} />
            <p className="muted small" style={{ margin: 0 }} data-testid="reviewed-state">
              {review.reviewed ? (
                <>
                  Reviewed by {review.reviewed.byName}, <LocalTime iso={review.reviewed.at} />
                </>
              ) : (
                "Not reviewed yet"
              )}
            </p>
            <RegradeButton courseId={courseId} submissionId={submission.id} />
          </div>
        </section>

        <div className="review-layout">
          <div>
            {review.answers ? (
              <ReviewAnswers answers={review.answers} />
            ) : (
              <ReviewCode submissionId={submission.id} code={submission.code} language={submission.language} signature={exercise.signature} previous={previous} />
            )}
            {submission.result ? (
              <>
                <p className="small muted" data-testid="grading-summary" style={{ margin: "0 0 0.5rem" }}>
                  Grader: {submission.result.summary}
                  {review.gradingMs !== null ? ` · graded in ${formatMs(review.gradingMs)}` : ""}
                  {submission.result.timing?.sandboxMs !== undefined ? ` (${formatMs(submission.result.timing.sandboxMs)} in the sandbox)` : ""}
                  {submission.gradedAt ? (
                    <>
                      {" · "}
                      <LocalTime iso={submission.gradedAt} />
                    </>
                  ) : null}
                </p>
                <ResultsPanel submissionId={submission.id} result={submission.result} points={submission.points} maxPoints={max} late={submission.late} staff />
              </>
            ) : (
              <p className="notice" role="status">
                {graded ? "This submission has no stored result." : `This submission is ${submission.status}; reload the page once it is graded.`}
              </p>
            )}
          </div>

          <div>
            <section className="card" aria-labelledby="comments-heading">
              <h2 id="comments-heading" style={{ marginTop: 0 }}>
                Comments
              </h2>
              <CommentList comments={submission.comments} />
              <CommentForm submissionId={submission.id} lines={lines} />
            </section>

            <section className="card" aria-labelledby="override-heading">
              <h2 id="override-heading" style={{ marginTop: 0 }}>
                Score override
              </h2>
              <p className="small muted">
                Autograded: {formatPoints(graded ? submission.autoPoints : null, max)}
                {submission.penaltyPercent > 0 ? ` (−${submission.penaltyPercent}% late → ${penalized === null ? "–" : show(penalized)})` : ""}. An override replaces it (and any
                late penalty); the autograded score is kept.
              </p>
              <div data-testid="overrides" data-count={overrides.length}>
                {overrides.length === 0 ? (
                  <p className="small">No override: the autograded score counts.</p>
                ) : (
                  <ul className="event-list">
                    {overrides.map((override, index) => {
                      const before = overrides[index + 1];
                      return (
                        <li key={override.createdAt + index} data-testid="override" data-points={override.points}>
                          <div className="small">
                            <strong>{override.authorName}</strong> · <LocalTime iso={override.createdAt} />
                            {index === 0 ? (
                              <span className="badge info" style={{ marginLeft: "0.4rem" }}>
                                Current
                              </span>
                            ) : null}
                          </div>
                          <div>
                            {before ? show(before.points) : `${penalized !== null ? show(penalized) : "–"} (autograded)`} → <strong>{show(override.points)}</strong> / {show(max)}
                          </div>
                          <div className="comment-body small">{override.reason}</div>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
              <OverrideForm submissionId={submission.id} maxPoints={max} currentPoints={submission.points} />
            </section>

            <section className="card" aria-labelledby="attempts-heading">
              <h2 id="attempts-heading" style={{ marginTop: 0 }}>
                {student.name.split(" ")[0]}&apos;s attempts
              </h2>
              <table className="data" data-testid="attempts">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Submitted</th>
                    <th scope="col">Verdict</th>
                    <th scope="col" className="num">
                      Points
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {attempts.map((attempt, index) => (
                    <tr key={attempt.id} data-testid="attempt-row" aria-current={attempt.id === submission.id ? "true" : undefined}>
                      <td>{index + 1}</td>
                      <td>
                        {attempt.id === submission.id ? (
                          <strong>
                            <LocalTime iso={attempt.createdAt} /> (this one)
                          </strong>
                        ) : (
                          <Link href={reviewHref(attempt.id)}>
                            <LocalTime iso={attempt.createdAt} />
                          </Link>
                        )}
                      </td>
                      <td>
                        <VerdictBadge verdict={attempt.verdict} status={attempt.verdict === null ? "pending" : "graded"} />
                      </td>
                      <td className="num">{formatPoints(attempt.points, max)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="card" aria-labelledby="history-heading">
              <h2 id="history-heading" style={{ marginTop: 0 }}>
                History
              </h2>
              {history.length === 0 ? (
                <p className="muted small" data-testid="audit-history">
                  No staff action on this submission yet.
                </p>
              ) : (
                <ul className="event-list" data-testid="audit-history">
                  {history.map((event, index) => (
                    <li key={event.createdAt + index} className="small" data-action={event.action}>
                      <LocalTime iso={event.createdAt} /> · <strong>{event.actorName}</strong> {describeEvent(event.action, event.details)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </div>
      </LineSelectionProvider>
    </div>
  );
}
