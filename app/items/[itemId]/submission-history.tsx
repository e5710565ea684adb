"use client";
import { useMemo } from "react";
import { LocalTime } from "../../_components/local-time.tsx";
import { formatPoints } from "../../_components/score.ts";
import { VerdictBadge } from "../../_components/verdict-badge.tsx";
import type { ExercisePage } from "../../_server/exercise-page.ts";
import type { HistoryEntry } from "../../_server/submissions.ts";

/** The viewer's submissions, newest first, marking the one that counts and those with comments. */
export function SubmissionHistory(props: {
  history: readonly HistoryEntry[];
  countedSubmissionId: string | undefined;
  comments: ExercisePage["comments"] | undefined;
  onOpen: (submissionId: string) => void;
}) {
  const { comments } = props;
  const commentsPerSubmission = useMemo(() => {
    const counts = new Map<string, number>();
    for (const comment of comments ?? []) counts.set(comment.submissionId, (counts.get(comment.submissionId) ?? 0) + 1);
    return counts;
  }, [comments]);

  return (
    <section className="card" aria-label="Submission history" data-testid="history">
      <h2 style={{ marginTop: 0 }}>Your submissions</h2>
      {props.history.length === 0 ? (
        <p className="muted">Nothing submitted yet. Run checks the visible tests without counting as an attempt.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>When</th>
              <th>Result</th>
              <th className="num">Score</th>
              <th>
                <span className="visually-hidden">Code and results</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.history.map((entry) => {
              const commentCount = commentsPerSubmission.get(entry.id) ?? 0;
              return (
                <tr key={entry.id} data-testid="history-row">
                  <td>
                    <LocalTime iso={entry.createdAt} /> {entry.late ? <span className="badge warn">Late</span> : null}{" "}
                    {props.countedSubmissionId === entry.id ? (
                      <span className="badge pass" title="This submission's score is the one that counts">
                        Counts
                      </span>
                    ) : null}{" "}
                    {commentCount ? (
                      <span className="badge info">
                        {commentCount} comment{commentCount === 1 ? "" : "s"}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {entry.status === "graded" && entry.verdict === null ? <span className="muted">Graded</span> : <VerdictBadge verdict={entry.verdict} status={entry.status} />}
                  </td>
                  <td className="num">{formatPoints(entry.points, entry.maxPoints)}</td>
                  <td className="num">
                    <button type="button" className="link-button" onClick={() => props.onOpen(entry.id)}>
                      Open
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
