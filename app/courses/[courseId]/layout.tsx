import Link from "next/link";
import type { ReactNode } from "react";
import { orNotFound } from "../../_server/page-errors.ts";
import { ROLE_LABELS } from "../../_server/roles.ts";
import { staffContext } from "../../_server/staff/course.ts";
import { requirePageViewer } from "../../_server/viewer.ts";
import { StaffNav } from "./staff-nav.tsx";

/** The frame of every staff page of a course. Each page checks the role again for its own data. */
export default async function StaffCourseLayout({ children, params }: { children: ReactNode; params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const viewer = await requirePageViewer(`/courses/${courseId}`);
  const { course, role } = await orNotFound(() => staffContext(viewer, courseId));
  return (
    <>
      <div className="breadcrumbs">
        <Link href="/">Your courses</Link> / {course.code} · {course.title} ({course.term}) <span className="badge">{ROLE_LABELS[role]}</span>
      </div>
      <StaffNav courseId={course.id} role={role} />
      {children}
    </>
  );
}
