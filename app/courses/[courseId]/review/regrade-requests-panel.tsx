import Link from "next/link";
import { LocalTime } from "../../../_components/local-time.tsx";
import { courseRegradeRequests, type OpenRegradeRequest } from "../../../_server/regrade-requests.ts";
import { staffContext } from "../../../_server/staff/course.ts";
import type { Viewer } from "../../../_server/viewer.ts";
import { RegradeAnswerForm, RegradeWindowForm } from "./regrade-request-forms.tsx";
import "./regrade-requests.css";

function RequestSummary({ courseId, request }: { courseId: string; request: OpenRegradeRequest }) {
  return (
    <div>
      <Link href={`/courses/${courseId}/review/${request.submissionId}`}>{request.student.name}</Link> · {request.setTitle} · {request.exerciseTitle} ·{" "}
      <span data-testid="regrade-request-points">
        {request.points} / {request.maxPoints} points
      </span>
      <div className="muted small">
        asked <LocalTime iso={request.createdAt} relative />
      </div>
      <blockquote className="regrade-message">{request.message}</blockquote>
    </div>
  );
}

/** The review queue's regrade requests: the open ones to answer, then the latest answered. */
export async function RegradeRequestsPanel({ viewer, courseId }: { viewer: Viewer; courseId: string }) {
  const [{ role }, { open, answered, windowDays }] = await Promise.all([staffContext(viewer, courseId), courseRegradeRequests(viewer, courseId)]);
  return (
    <section id="regrade-requests" className="card regrade-requests" aria-labelledby="regrade-requests-title" data-testid="staff-regrade-requests" data-open={open.length}>
      <h2 id="regrade-requests-title" style={{ marginTop: 0 }}>
        Regrade requests{" "}
        <span className={open.length ? "badge warn" : "badge"} data-testid="open-regrade-count">
          {open.length} open
        </span>
      </h2>
      <p className="muted small">
        {windowDays === 0
          ? "Students cannot ask for regrades in this course."
          : `Students may ask up to ${windowDays} day${windowDays === 1 ? "" : "s"} after the due date, or after grading if later.`}{" "}
        Answering with a new score records an override, like one made on the submission&apos;s page; the student is notified either way.
      </p>
      {role === "instructor" ? <RegradeWindowForm courseId={courseId} days={windowDays} /> : null}
      {open.length === 0 ? (
        <p className="muted" data-testid="no-open-regrade-requests">
          No request waits for an answer.
        </p>
      ) : (
        <ul className="regrade-request-list">
          {open.map((request) => (
            <li key={request.id} data-testid="open-regrade-request" data-request-id={request.id}>
              <RequestSummary courseId={courseId} request={request} />
              <RegradeAnswerForm requestId={request.id} points={request.points} maxPoints={request.maxPoints} />
            </li>
          ))}
        </ul>
      )}
      {answered.length > 0 ? (
        <details>
          <summary>Recently answered ({answered.length})</summary>
          <ul className="regrade-request-list">
            {answered.map((request) => (
              <li key={request.id} data-testid="answered-regrade-request">
                <RequestSummary courseId={courseId} request={request} />
                <div className="small">
                  <strong>{request.answeredByName}</strong>: {request.answer}{" "}
                  {request.pointsBefore !== request.pointsAfter ? (
                    <span className="badge info">
                      {request.pointsBefore} → {request.pointsAfter} points
                    </span>
                  ) : (
                    <span className="badge">score kept</span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
