"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LocalTime } from "../../_components/local-time.tsx";
import { sendJson } from "../../_components/send-json.ts";
import { ActionError, useAction } from "../../_components/use-action.tsx";

/** Asks staff to look again at the submission that counts. */
export function RegradeRequestForm(props: { submissionId: string; submittedAt: string; closesAt: string | null }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const { busy, error: problem, run } = useAction();
  return (
    <form
      data-testid="regrade-request-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await sendJson(`/api/submissions/${props.submissionId}/regrade-requests`, "POST", { message });
          setMessage("");
          router.refresh();
        });
      }}
    >
      <p className="muted small" style={{ marginTop: 0 }}>
        Think your submission of <LocalTime iso={props.submittedAt} /> (the one that counts) was graded wrongly? Tell the staff why
        {props.closesAt ? (
          <>
            {" "}
            until <LocalTime iso={props.closesAt} />
          </>
        ) : null}
        .
      </p>
      <label htmlFor="regrade-message">Your message to the staff</label>
      <textarea
        id="regrade-message"
        name="message"
        rows={3}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        required
        minLength={10}
        maxLength={4000}
        style={{ width: "100%" }}
      />
      <div className="actions" style={{ marginTop: "0.4rem" }}>
        <button type="submit" className="button" disabled={busy}>
          Ask for a regrade
        </button>
      </div>
      <ActionError message={problem} />
    </form>
  );
}
