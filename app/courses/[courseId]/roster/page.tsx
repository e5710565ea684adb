import type { Metadata } from "next";
import { orNotFound } from "../../../_server/page-errors.ts";
import { courseRoster } from "../../../_server/staff/roster.ts";
import { staffContext } from "../../../_server/staff/course.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import { RosterManager } from "./roster-manager.tsx";
import "./roster.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roster" };

/** Everyone in the course. TAs may look; instructors add and remove people. */
export default async function RosterPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/roster`);
  const [{ role }, roster] = await orNotFound(() => Promise.all([staffContext(viewer, courseId), courseRoster(viewer, courseId)]));
  return (
    <div>
      <h1>Roster</h1>
      <RosterManager courseId={courseId} roster={roster} canManage={role === "instructor"} viewerId={viewer.id} />
    </div>
  );
}
