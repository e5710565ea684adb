"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { LocalTime } from "../../../../_components/local-time.tsx";
import { sendJson } from "../../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../../_components/use-action.tsx";
import type { CommentView } from "../../../../_server/submissions.ts";
import { useLineSelection } from "./line-context.tsx";

/** Staff comments on the submission, oldest first; "line N" shows that line in the code. */
export function CommentList({ comments }: { comments: readonly CommentView[] }) {
  const { show } = useLineSelection();
  return (
    <div data-testid="comments" data-count={comments.length}>
      {comments.length === 0 ? (
        <p className="muted small">No comments yet. The student sees comments next to this submission&apos;s results.</p>
      ) : (
        <ul className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} data-testid="comment" data-line={comment.line ?? ""}>
              <div className="small">
                <strong>{comment.authorName}</strong> · <LocalTime iso={comment.createdAt} />
                {comment.line !== null ? (
                  <>
                    {" · "}
                    <button type="button" className="link-button" onClick={() => show(comment.line!)} title="Show this line in the code">
                      line {comment.line}
                    </button>
                  </>
                ) : null}
              </div>
              <div className="comment-body">{comment.body}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CommentForm({ submissionId, lines }: { submissionId: string; lines: number }) {
  const router = useRouter();
  const id = useId();
  const { picked, pick } = useLineSelection();
  const [body, setBody] = useState("");
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === "") {
      setError("Write a comment first.");
      return;
    }
    await run(async () => {
      await sendJson(`/api/submissions/${submissionId}/comments`, "POST", { body, line: picked });
      setBody("");
      pick(null);
      router.refresh();
    });
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="comment-form" aria-label="Add a comment">
      <div className="field">
        <label htmlFor={`${id}-body`}>Comment</label>
        <textarea id={`${id}-body`} value={body} onChange={(event) => setBody(event.target.value)} rows={4} maxLength={10_000} placeholder="Feedback for the student" />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-line`}>On line (optional)</label>
          <input
            id={`${id}-line`}
            type="number"
            min={1}
            max={lines}
            step={1}
            inputMode="numeric"
            style={{ width: "7rem" }}
            value={picked ?? ""}
            onChange={(event) => {
              const value = event.target.valueAsNumber;
              pick(Number.isFinite(value) && value >= 1 ? Math.trunc(value) : null);
            }}
          />
        </div>
        <div className="field">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? <span className="spinner" aria-hidden /> : null} Add comment
          </button>
        </div>
      </div>
      <p className="muted small" style={{ marginTop: 0 }}>
        Commenting also marks the submission as reviewed.
      </p>
      <ActionError message={error} />
    </form>
  );
}

export function OverrideForm({ submissionId, maxPoints, currentPoints }: { submissionId: string; maxPoints: number; currentPoints: number | null }) {
  const router = useRouter();
  const id = useId();
  const [points, setPoints] = useState(currentPoints === null ? "" : String(currentPoints));
  const [reason, setReason] = useState("");
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(points);
    if (points.trim() === "" || !Number.isFinite(value) || value < 0 || value > maxPoints) {
      setError(`Points must be a number from 0 to ${maxPoints}.`);
      return;
    }
    if (reason.trim().length < 3) {
      setError("Give a reason: it is kept with the score, for the record.");
      return;
    }
    await run(async () => {
      await sendJson(`/api/submissions/${submissionId}/override`, "POST", { points: value, reason });
      setReason("");
      router.refresh();
    });
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="override-form" aria-label="Override the score">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-points`}>Points (0–{maxPoints})</label>
          <input
            id={`${id}-points`}
            type="number"
            min={0}
            max={maxPoints}
            step="any"
            required
            style={{ width: "8rem" }}
            value={points}
            onChange={(event) => setPoints(event.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason (required)</label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={2}
          required
          minLength={3}
          maxLength={2000}
          placeholder="Why the score changes"
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null} Override score
      </button>
      <ActionError message={error} />
    </form>
  );
}

export function ReviewedToggle({ submissionId, reviewed }: { submissionId: string; reviewed: boolean }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const toggle = () =>
    run(async () => {
      await sendJson(`/api/submissions/${submissionId}/reviewed`, "PUT", { reviewed: !reviewed });
      router.refresh();
    });
  return (
    <div>
      <button type="button" className={reviewed ? "button" : "button primary"} onClick={() => void toggle()} disabled={busy} data-testid="reviewed-toggle" data-reviewed={reviewed}>
        {busy ? <span className="spinner" aria-hidden /> : null} {reviewed ? "Mark as not reviewed" : "Mark as reviewed"}
      </button>
      <ActionError message={error} />
    </div>
  );
}

export function RegradeButton({ courseId, submissionId }: { courseId: string; submissionId: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const regrade = () =>
    run(
      async () => {
        const { runId } = await sendJson<{ runId: string }>(`/api/courses/${courseId}/regrades`, "POST", { submissionId });
        router.push(`/courses/${courseId}/regrades/${runId}`);
      },
      { keepBusy: true },
    );
  return (
    <div>
      <button
        type="button"
        className="button"
        onClick={() => void regrade()}
        disabled={busy}
        data-testid="regrade-button"
        title="Grade this code again with the current tests; you see the result before anything changes"
      >
        {busy ? <span className="spinner" aria-hidden /> : null} Regrade this submission
      </button>
      <ActionError message={error} />
    </div>
  );
}
