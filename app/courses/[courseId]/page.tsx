import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../_components/local-time.tsx";
import { orNotFound } from "../../_server/page-errors.ts";
import { staffCourseOverview } from "../../_server/staff/course.ts";
import { requirePageViewer } from "../../_server/viewer.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Course" };

export default async function StaffCoursePage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}`);
  const overview = await orNotFound(() => staffCourseOverview(viewer, courseId));
  const { counts, sets, role } = overview;
  return (
    <div>
      <p className="muted">
        {counts.students} students · {counts.tas} TAs · {counts.instructors} instructors ·{" "}
        <Link href={`/courses/${courseId}/review?reviewed=no`}>{counts.unreviewed} graded submissions not reviewed yet</Link>
      </p>
      <div className="toolbar">
        <h2 style={{ margin: 0, flex: 1 }}>Problem sets</h2>
        {role === "instructor" ? (
          <Link className="button primary" href={`/courses/${courseId}/sets/new`}>
            New problem set
          </Link>
        ) : null}
      </div>
      <table className="data" data-testid="staff-sets">
        <thead>
          <tr>
            <th>Set</th>
            <th>Opens</th>
            <th>Due</th>
            <th className="num">Exercises</th>
            <th className="num">Submissions</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sets.map((set) => (
            <tr key={set.id}>
              <td>
                <Link href={`/sets/${set.id}`}>{set.title}</Link> {set.kind === "exam_practice" ? <span className="badge info">Exam practice</span> : null}{" "}
                {set.published ? <span className="badge pass">Published</span> : <span className="badge warn">Unpublished</span>}
              </td>
              <td>
                <LocalTime iso={set.opensAt} />
              </td>
              <td>
                <LocalTime iso={set.dueAt} />
              </td>
              <td className="num">{set.items.length}</td>
              <td className="num">{set.submissions}</td>
              <td className="num">{role === "instructor" ? <Link href={`/courses/${courseId}/sets/${set.id}/edit`}>Edit</Link> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
