"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

interface ApiError {
  error?: { message?: string };
}

/** Starts a regrade preview of every graded submission of an exercise, then opens the run. */
export function RegradeExerciseButton({ courseId, exerciseId, title }: { courseId: string; exerciseId: string; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const helpId = useId();

  async function start() {
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/courses/${encodeURIComponent(courseId)}/regrades`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ exerciseId }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as ApiError;
        setProblem(body.error?.message ?? `The server answered ${response.status}.`);
        setBusy(false);
        return;
      }
      const { runId } = (await response.json()) as { runId: string };
      // Stays busy: the button should not be pressed twice while the run page loads.
      router.push(`/courses/${encodeURIComponent(courseId)}/regrades/${encodeURIComponent(runId)}`);
    } catch {
      setProblem("Could not reach the server. Check your connection and try again.");
      setBusy(false);
    }
  }

  return (
    <div className="an-regrade">
      <button type="button" className="button" onClick={start} disabled={busy} data-testid="regrade-exercise" aria-describedby={helpId}>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {busy ? "Starting the regrade…" : "Regrade every submission of this exercise"}
      </button>
      <span id={helpId} className="muted small an-regrade-help">
        Grades every graded submission of {title} in this course again as a preview; nothing changes until the run is applied.
      </span>
      {problem ? (
        <p role="alert" className="notice error small">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
