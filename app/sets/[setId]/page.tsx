import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../_components/local-time.tsx";
import { formatPoints } from "../../_components/score.ts";
import { orNotFound } from "../../_server/page-errors.ts";
import { problemSetOverview } from "../../_server/problem-sets.ts";
import { isStaff } from "../../_server/roles.ts";
import { requirePageViewer } from "../../_server/viewer.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Problem set" };

export default async function ProblemSetPage({ params }: { params: Promise<{ setId: string }> }) {
  const { setId } = await params;
  const viewer = await requirePageViewer(`/sets/${setId}`);
  const { course, set, role, items } = await orNotFound(() => problemSetOverview(viewer, setId));
  const pastDue = new Date(set.dueAt).getTime() < Date.now();
  return (
    <div className="narrow" style={{ maxWidth: 1000 }}>
      <div className="breadcrumbs">
        <Link href="/">{course.code}</Link> / {set.title}
      </div>
      <h1>{set.title}</h1>
      {set.description ? <p>{set.description}</p> : null}
      <p className="muted">
        Opens <LocalTime iso={set.opensAt} /> · Due <LocalTime iso={set.dueAt} relative />
      </p>
      {pastDue ? <p className="notice warn">The due date has passed: new submissions are marked late.</p> : null}
      <table className="data">
        <thead>
          <tr>
            <th>#</th>
            <th>Exercise</th>
            {isStaff(role) ? null : <th className="num">Attempts</th>}
            <th className="num">{isStaff(role) ? "Points" : "Best score"}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={item.id}>
              <td>{index + 1}</td>
              <td>
                <Link href={`/items/${item.id}`}>{item.title}</Link>
              </td>
              {isStaff(role) ? null : <td className="num">{item.attempts}</td>}
              <td className="num">{isStaff(role) ? item.points : formatPoints(item.bestPoints, item.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
