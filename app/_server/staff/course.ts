import "server-only";
import { exerciseTitle } from "../../../exercises/registry.ts";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import type { Role } from "../roles.ts";
import type { Viewer } from "../viewer.ts";
import { STAFF_ROLES } from "../roles.ts";
import { latestUnreviewed, studentSubmitsOf } from "./counted-submissions.ts";

export interface StaffCourseOverview {
  readonly course: { readonly id: string; readonly code: string; readonly title: string; readonly term: string };
  readonly role: Role;
  readonly counts: { readonly students: number; readonly tas: number; readonly instructors: number; readonly unreviewed: number };
  readonly sets: readonly {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly published: boolean;
    readonly opensAt: string;
    readonly dueAt: string;
    readonly items: readonly { readonly id: string; readonly exerciseId: string; readonly title: string; readonly points: number }[];
    readonly submissions: number;
  }[];
  /** Courses where the viewer teaches, as targets for duplicating a set. */
  readonly teachingCourses: readonly { readonly id: string; readonly code: string; readonly title: string; readonly term: string }[];
}

/** The course's home page for TAs and instructors. */
export async function staffCourseOverview(viewer: Viewer, courseId: string): Promise<StaffCourseOverview> {
  const db = await database();
  const role = await requireRole(db, viewer, courseId, STAFF_ROLES);
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    include: { problemSets: { orderBy: [{ opensAt: "asc" }, { id: "asc" }], include: { items: { orderBy: { position: "asc" } } } } },
  });
  const [roles, submissionCounts, unreviewed, teaching] = await Promise.all([
    db.enrollment.groupBy({ by: ["role"], where: { courseId }, _count: true }),
    db.submission.groupBy({ by: ["itemId"], where: studentSubmitsOf(courseId), _count: true }),
    latestUnreviewed(db, courseId),
    db.enrollment.findMany({ where: { userId: viewer.id, role: "instructor" }, include: { course: true } }),
  ]);
  const count = (r: string) => roles.find((x) => x.role === r)?._count ?? 0;
  const perItem = new Map(submissionCounts.map((c) => [c.itemId, c._count]));
  return {
    course: { id: course.id, code: course.code, title: course.title, term: course.term },
    role,
    counts: { students: count("student"), tas: count("ta"), instructors: count("instructor"), unreviewed },
    sets: course.problemSets.map((set) => ({
      id: set.id,
      title: set.title,
      kind: set.kind,
      published: set.published,
      opensAt: set.opensAt.toISOString(),
      dueAt: set.dueAt.toISOString(),
      items: set.items.map((i) => ({ id: i.id, exerciseId: i.exerciseId, title: exerciseTitle(i.exerciseId) ?? i.exerciseId, points: i.points })),
      submissions: set.items.reduce((sum, i) => sum + (perItem.get(i.id) ?? 0), 0),
    })),
    teachingCourses: teaching.map((e) => ({ id: e.course.id, code: e.course.code, title: e.course.title, term: e.course.term })),
  };
}

/** The course and the viewer's staff role, for the staff pages' frame; anyone else gets "not found". */
export async function staffContext(viewer: Viewer, courseId: string): Promise<{ course: { id: string; code: string; title: string; term: string }; role: Role }> {
  const db = await database();
  const role = await requireRole(db, viewer, courseId, STAFF_ROLES);
  const course = await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { id: true, code: true, title: true, term: true } });
  return { course, role };
}
