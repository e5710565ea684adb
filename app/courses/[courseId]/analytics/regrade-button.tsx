"use client";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";

/** Starts a regrade preview of every graded submission of an exercise, then opens the run. */
export function RegradeExerciseButton({ courseId, exerciseId, title }: { courseId: string; exerciseId: string; title: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const helpId = useId();

  // Stays busy on success: the button should not be pressed twice while the run page loads.
  const start = () =>
    run(
      async () => {
        const { runId } = await sendJson<{ runId: string }>(`/api/courses/${encodeURIComponent(courseId)}/regrades`, "POST", { exerciseId });
        router.push(`/courses/${encodeURIComponent(courseId)}/regrades/${encodeURIComponent(runId)}`);
      },
      { keepBusy: true },
    );

  return (
    <div className="an-regrade">
      <button type="button" className="button" onClick={() => void start()} disabled={busy} data-testid="regrade-exercise" aria-describedby={helpId}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {busy ? "Starting the regrade…" : "Regrade every submission of this exercise"}
      </button>
      <span id={helpId} className="muted small an-regrade-help">
        Grades every graded submission of {title} in this course again as a preview; nothing changes until the run is applied.
      </span>
      <ActionError message={error} />
    </div>
  );
}
