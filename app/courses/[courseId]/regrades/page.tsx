import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../../_components/local-time.tsx";
import { orNotFound } from "../../../_server/page-errors.ts";
import { staffCourseOverview } from "../../../_server/staff/course.ts";
import { regradeRuns } from "../../../_server/staff/regrade.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import { RegradeForm } from "./regrade-form.tsx";
import "./regrades.css";
import { RegradeStatusBadge } from "./status-badge.tsx";
import { VersionNotes } from "../version-notes.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Regrades" };

export default async function RegradesPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/regrades`);
  const [overview, runs] = await orNotFound(() => Promise.all([staffCourseOverview(viewer, courseId), regradeRuns(viewer, courseId)]));
  // The course's exercises, once each, in the order the sets use them.
  const exercises = new Map<string, string>();
  for (const set of overview.sets) for (const item of set.items) if (!exercises.has(item.exerciseId)) exercises.set(item.exerciseId, item.title);

  return (
    <div>
      <h1>Regrades</h1>
      <p className="muted">
        A regrade grades submissions again with the exercise&apos;s current tests. Nothing changes until you look at the preview and apply it; overrides stay in place.
      </p>
      <VersionNotes viewer={viewer} courseId={courseId} exerciseIds={[...exercises.keys()]} />
      <section className="card" aria-labelledby="new-regrade">
        <h2 id="new-regrade" style={{ marginTop: 0 }}>
          Regrade an exercise
        </h2>
        <p className="small muted">Every graded submission of the exercise in this course, in every set that uses it. To regrade one submission, use its review page.</p>
        <RegradeForm courseId={courseId} exercises={[...exercises].map(([id, title]) => ({ id, title }))} />
      </section>

      <h2>Runs</h2>
      {runs.length === 0 ? (
        <p className="muted" data-testid="regrade-runs" data-count={0}>
          No regrade yet.
        </p>
      ) : (
        <table className="data" data-testid="regrade-runs" data-count={runs.length}>
          <thead>
            <tr>
              <th scope="col">Requested</th>
              <th scope="col">What</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="regrade-run-row" data-run-id={run.id} data-status={run.status}>
                <td>
                  <LocalTime iso={run.createdAt.toISOString()} />
                </td>
                <td>
                  <Link href={`/courses/${courseId}/regrades/${run.id}`}>{run.description}</Link>
                </td>
                <td>
                  <RegradeStatusBadge status={run.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
