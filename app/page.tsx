import Link from "next/link";
import { LocalTime } from "./_components/local-time.tsx";
import { formatPoints } from "./_components/score.ts";
import { dashboard, type DashboardItem } from "./_server/dashboard.ts";
import { ROLE_LABELS, isStaff } from "./_server/roles.ts";
import { requirePageViewer } from "./_server/viewer.ts";

export const dynamic = "force-dynamic";

const STATUS_BADGES: Record<DashboardItem["status"], [string, string]> = {
  passed: ["Passed", "pass"],
  attempted: ["Attempted", "warn"],
  pending: ["Grading", "info"],
  submitted: ["Submitted", "info"],
  not_started: ["Not started", ""],
};

export default async function DashboardPage() {
  const viewer = await requirePageViewer("/");
  const courses = await dashboard(viewer);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: "now" is the request's time.
  const now = Date.now();
  return (
    <div className="narrow" style={{ maxWidth: 1000 }}>
      <h1>Your courses</h1>
      {courses.length === 0 ? <p className="muted">You are not enrolled in any course yet.</p> : null}
      {courses.map((course) => (
        <section key={course.id} className="card" aria-labelledby={`course-${course.id}`}>
          <h2 id={`course-${course.id}`} style={{ marginTop: 0 }}>
            {course.code} · {course.title} <span className="muted small">({course.term})</span> <span className="badge">{ROLE_LABELS[course.role]}</span>
            {isStaff(course.role) ? (
              <Link href={`/courses/${course.id}`} className="button" style={{ marginLeft: "0.75rem", fontSize: "0.85rem" }}>
                Manage course
              </Link>
            ) : null}
          </h2>
          {course.sets.length === 0 ? <p className="muted">No problem sets are open yet.</p> : null}
          {course.sets.map((set) => {
            const pastDue = new Date(set.dueAt).getTime() < now;
            return (
              <div key={set.id} style={{ marginBottom: "1rem" }} data-testid={`set-${set.id}`}>
                <h3>
                  <Link href={`/sets/${set.id}`}>{set.title}</Link> {set.kind === "exam_practice" ? <span className="badge info">Exam practice</span> : null}
                  {!set.published ? <span className="badge warn">Unpublished</span> : null}
                  {pastDue ? <span className="badge fail">Past due</span> : null}
                </h3>
                <p className="muted small" style={{ margin: "0 0 0.3rem" }}>
                  Due <LocalTime iso={set.dueAt} relative />
                  {isStaff(course.role) ? null : <> · {formatPoints(set.earned, set.possible)} points</>}
                </p>
                <ul className="set-list">
                  {set.items.map((item) => {
                    const [label, tone] = STATUS_BADGES[item.status];
                    return (
                      <li key={item.id}>
                        <Link href={`/items/${item.id}`} className="grow">
                          {item.title}
                        </Link>
                        {isStaff(course.role) ? (
                          <span className="muted small">{item.points} points</span>
                        ) : (
                          <>
                            <span className="muted small">
                              {item.attempts} {item.attempts === 1 ? "attempt" : "attempts"}
                            </span>
                            <span className={`badge ${tone}`}>{label}</span>
                            <span className="small" style={{ minWidth: "5.5rem", textAlign: "right" }}>
                              {formatPoints(item.bestPoints, item.points)}
                            </span>
                          </>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
