import { LocalTime } from "../../_components/local-time.tsx";
import { regradeRequestsForItem } from "../../_server/regrade-requests.ts";
import type { Viewer } from "../../_server/viewer.ts";
import { RegradeRequestForm } from "./regrade-request-form.tsx";

/** The page's `?submission=<id>&line=<n>` (a notification's link): which submission to open, and which line to mark. */
export function openedSubmission(search: Record<string, string | string[] | undefined>): { submissionId: string; line: number | null } | null {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const submissionId = first(search.submission);
  if (!submissionId || !/^[\w-]{1,64}$/.test(submissionId)) return null;
  const line = Number(first(search.line));
  return { submissionId, line: Number.isInteger(line) && line > 0 ? line : null };
}

/** A student's regrade requests on this item, their answers, and the form to ask (while the window is open). */
export async function RegradeRequestSection({ viewer, itemId }: { viewer: Viewer; itemId: string }) {
  const state = await regradeRequestsForItem(viewer, itemId);
  if (state.target === null && state.requests.length === 0) return null;
  return (
    <section id="regrade-requests" className="card" aria-labelledby="regrade-requests-title" data-testid="regrade-requests" style={{ marginTop: "1rem" }}>
      <h2 id="regrade-requests-title" style={{ marginTop: 0 }}>
        Regrade requests
      </h2>
      {state.requests.length > 0 ? (
        <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>
          {state.requests.map((r) => (
            <li key={r.id} data-testid="regrade-request" data-status={r.status} style={{ marginBottom: "0.75rem" }}>
              <div className="muted small">
                You asked <LocalTime iso={r.createdAt} relative /> about your submission of <LocalTime iso={r.createdAt} />{" "}
                <span className={r.status === "open" ? "badge warn" : "badge pass"}>{r.status === "open" ? "Waiting for an answer" : "Answered"}</span>
              </div>
              <blockquote style={{ margin: "0.3rem 0", whiteSpace: "pre-wrap" }}>{r.message}</blockquote>
              {r.status === "answered" ? (
                <div data-testid="regrade-answer">
                  <strong>{r.answeredByName}</strong>
                  {r.answeredAt ? (
                    <span className="muted small">
                      {" "}
                      · <LocalTime iso={r.answeredAt} relative />
                    </span>
                  ) : null}
                  <div style={{ whiteSpace: "pre-wrap" }}>{r.answer}</div>
                  <div data-testid="regrade-outcome" className="small">
                    {r.pointsAfter !== null && r.pointsBefore !== null && r.pointsAfter !== r.pointsBefore
                      ? `Your score changed from ${r.pointsBefore} to ${r.pointsAfter} points.`
                      : `Your score stays ${r.pointsBefore ?? "as it was"}${r.pointsBefore === null ? "" : " points"}.`}
                  </div>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {state.target && state.canAsk ? (
        <RegradeRequestForm submissionId={state.target.submissionId} submittedAt={state.target.createdAt} closesAt={state.closesAt} />
      ) : state.refusal ? (
        <p className="muted small" data-testid="regrade-refusal">
          {state.refusal}
        </p>
      ) : null}
    </section>
  );
}
