"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";

/** Sends one change, then shows the page's server data again. */
function useSend() {
  const router = useRouter();
  const { busy, error: problem, run } = useAction();
  const send = (url: string, method: "POST" | "PUT", body: unknown) =>
    run(async () => {
      await sendJson(url, method, body);
      router.refresh();
    });
  return { busy, problem, send };
}

/** Answers one request: a message, and a new score or none (the score stays). */
export function RegradeAnswerForm(props: { requestId: string; points: number; maxPoints: number }) {
  const { busy, problem, send } = useSend();
  const [answer, setAnswer] = useState("");
  const [points, setPoints] = useState("");
  const answerId = `answer-${props.requestId}`;
  const pointsId = `points-${props.requestId}`;
  return (
    <form
      className="regrade-answer-form"
      data-testid="regrade-answer-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send(`/api/regrade-requests/${props.requestId}/answer`, "POST", { answer, points: points.trim() === "" ? null : Number(points) });
      }}
    >
      <div className="field">
        <label htmlFor={answerId}>Answer to the student</label>
        <textarea id={answerId} rows={2} value={answer} onChange={(e) => setAnswer(e.target.value)} required minLength={3} maxLength={4000} />
      </div>
      <div className="field">
        <label htmlFor={pointsId}>New score (empty: keep {props.points})</label>
        <input id={pointsId} type="number" min={0} max={props.maxPoints} step="any" value={points} onChange={(e) => setPoints(e.target.value)} />
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        Answer
      </button>
      <ActionError message={problem} />
    </form>
  );
}

/** Instructors: the window for requests, in days (0: no requests). */
export function RegradeWindowForm(props: { courseId: string; days: number }) {
  const { busy, problem, send } = useSend();
  const [days, setDays] = useState(String(props.days));
  return (
    <form
      className="regrade-window-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send(`/api/courses/${props.courseId}/regrade-window`, "PUT", { days: Number(days) });
      }}
    >
      <label htmlFor="regrade-window-days">Days students may ask</label>
      <input id="regrade-window-days" type="number" min={0} max={365} step={1} value={days} onChange={(e) => setDays(e.target.value)} style={{ width: "5rem" }} />
      <button type="submit" className="button" disabled={busy}>
        Save
      </button>
      <ActionError message={problem} inline />
    </form>
  );
}
