"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";

/** Regrades every graded submission of one of the course's exercises, as a preview run. */
export function RegradeForm({ courseId, exercises }: { courseId: string; exercises: readonly { id: string; title: string }[] }) {
  const router = useRouter();
  const id = useId();
  const [exerciseId, setExerciseId] = useState("");
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (exerciseId === "") {
      setError("Choose an exercise to regrade.");
      return;
    }
    await run(
      async () => {
        const { runId } = await sendJson<{ runId: string }>(`/api/courses/${courseId}/regrades`, "POST", { exerciseId });
        router.push(`/courses/${courseId}/regrades/${runId}`);
      },
      { keepBusy: true },
    );
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="regrade-form" aria-label="Regrade an exercise">
      <div className="regrade-form">
        <div className="field">
          <label htmlFor={`${id}-exercise`}>Exercise</label>
          <select id={`${id}-exercise`} value={exerciseId} onChange={(event) => setExerciseId(event.target.value)} required>
            <option value="">Choose an exercise…</option>
            {exercises.map((exercise) => (
              <option key={exercise.id} value={exercise.id}>
                {exercise.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? <span className="spinner" aria-hidden /> : null} Regrade every graded submission
        </button>
      </div>
      <ActionError message={error} />
    </form>
  );
}
