"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { messageOf, sendJson } from "../../../_components/send-json.ts";
import { ActionError } from "../../../_components/use-action.tsx";

export interface TeachingCourse {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly term: string;
}

/** Copies the set (settings and exercises, no submissions) into one of the viewer's courses, then opens the copy. */
export function DuplicateSet({ setId, courseId, title, courses }: { setId: string; courseId: string; title: string; courses: readonly TeachingCourse[] }) {
  const router = useRouter();
  const id = useId();
  const [target, setTarget] = useState(courseId);
  const [shiftDays, setShiftDays] = useState("7");
  const [newTitle, setNewTitle] = useState(`${title} (copy)`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const shift = Number(shiftDays);
    if (shiftDays.trim() === "" || !Number.isInteger(shift) || Math.abs(shift) > 3650) {
      setError("Days to shift must be a whole number (negative moves the dates earlier).");
      return;
    }
    if (newTitle.trim() === "") {
      setError("Give the copy a title.");
      return;
    }
    setBusy(true);
    try {
      const { set } = await sendJson<{ set: { id: string; courseId: string } }>(`/api/sets/${setId}/duplicate`, "POST", {
        targetCourseId: target,
        shiftDays: shift,
        title: newTitle.trim(),
      });
      router.push(`/courses/${set.courseId}/sets/${set.id}/edit`);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <form className="card" data-testid="duplicate-set" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Duplicate</h2>
      <p className="muted small">Copies the settings and exercises (not submissions) into a new, unpublished set, with its dates shifted.</p>
      <div className="duplicate-fields">
        <div className="field">
          <label htmlFor={`${id}-course`}>Target course</label>
          <select id={`${id}-course`} value={target} onChange={(e) => setTarget(e.target.value)}>
            {courses.map((course) => (
              <option key={course.id} value={course.id}>
                {course.code} · {course.title} ({course.term})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-shift`}>Days to shift the dates</label>
          <input id={`${id}-shift`} type="number" step={1} min={-3650} max={3650} value={shiftDays} onChange={(e) => setShiftDays(e.target.value)} />
        </div>
        <div className="field duplicate-title">
          <label htmlFor={`${id}-title`}>Title of the copy</label>
          <input id={`${id}-title`} value={newTitle} onChange={(e) => setNewTitle(e.target.value)} maxLength={120} />
        </div>
      </div>
      <ActionError message={error} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null}
        Duplicate set
      </button>
    </form>
  );
}
