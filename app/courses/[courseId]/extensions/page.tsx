import type { Metadata } from "next";
import { orNotFound } from "../../../_server/page-errors.ts";
import { courseExtensions } from "../../../_server/extensions/grant.ts";
import { staffContext } from "../../../_server/staff/course.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import { ExtensionsManager } from "./extensions-manager.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Extensions" };

/** Students' own terms: extensions on a set and course-wide accommodations. TAs look; instructors give and take them. */
export default async function ExtensionsPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}/extensions`);
  const [{ role }, data] = await orNotFound(() => Promise.all([staffContext(viewer, courseId), courseExtensions(viewer, courseId)]));
  return (
    <div>
      <h1>Extensions and accommodations</h1>
      <p className="muted">
        An extension gives one student a later due date, extra attempts or extra exam minutes on one set. An accommodation multiplies a student&apos;s exam time on every timed set
        of the course, unless an extension on that set gives extra minutes of its own. Students see their own terms on the set&apos;s and the exercises&apos; pages; the reason
        stays with staff.
        {role === "instructor" ? null : " Only instructors can change them."}
      </p>
      <ExtensionsManager courseId={courseId} data={data} canManage={role === "instructor"} />
    </div>
  );
}
