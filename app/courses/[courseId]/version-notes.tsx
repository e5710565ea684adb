import Link from "next/link";
import { courseVersionNotes } from "../../_server/staff/content.ts";
import type { Viewer } from "../../_server/viewer.ts";

const short = (hash: string) => hash.slice(0, 12);

/** For the set builder and the regrade page: content exercises served in a newer version than some submissions were graded with, and what changed. */
export async function VersionNotes({ viewer, courseId, exerciseIds }: { viewer: Viewer; courseId: string; exerciseIds: readonly string[] }) {
  const notes = (await courseVersionNotes(viewer, courseId, exerciseIds)).filter((note) => note.olderSubmissions > 0 || note.problems.length > 0);
  if (notes.length === 0) return null;
  return (
    <section className="notice" data-testid="version-notes" aria-label="Exercise versions">
      <ul>
        {notes.map((note) => (
          <li key={note.exerciseId} data-testid="version-note" data-exercise-id={note.exerciseId}>
            {note.olderSubmissions > 0 ? (
              <>
                <strong>{note.exerciseId}</strong>: a newer version (<code>{short(note.current)}</code>) is served than {note.olderSubmissions} submission
                {note.olderSubmissions === 1 ? " was" : "s were"} graded with; changed: {note.changedFiles.join(", ") || "—"}.{" "}
                <Link href={`/courses/${courseId}/regrades`}>Regrade</Link> to grade them with it.
              </>
            ) : null}
            {note.problems.length > 0 ? (
              <>
                {" "}
                <strong>{note.exerciseId}</strong>: the newest files in the content folder failed the last sync (
                {note.problems.map((problem) => `${problem.file}${problem.field ? ` › ${problem.field}` : ""}`).join("; ")}); version <code>{short(note.current)}</code> keeps
                serving.
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
