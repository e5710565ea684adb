import "server-only";
import type { Database } from "../../prisma/client.ts";
import { notFound } from "./errors.ts";
import { RoleSchema, isStaff, type Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

/** The viewer's role in a course, or null when not enrolled. */
export async function roleIn(db: Database, viewer: Viewer, courseId: string): Promise<Role | null> {
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseId: { userId: viewer.id, courseId } }, select: { role: true } });
  return enrollment ? RoleSchema.parse(enrollment.role) : null;
}

/** The viewer's role, if it is one of `allowed`; otherwise "not found" (other courses stay invisible). */
export async function requireRole(db: Database, viewer: Viewer, courseId: string, allowed: readonly Role[] = ["student", "ta", "instructor"]): Promise<Role> {
  const role = await roleIn(db, viewer, courseId);
  if (!role || !allowed.includes(role)) throw notFound("This course");
  return role;
}

export interface ProblemSetVisibility {
  readonly published: boolean;
  readonly opensAt: Date;
}

/** Students see a set once it is published and open; staff see every set. */
export function canSeeProblemSet(role: Role, set: ProblemSetVisibility, now = new Date()): boolean {
  return isStaff(role) || (set.published && set.opensAt <= now);
}

/** Loads an item with its set and course, checking that the viewer may open it. */
export async function loadItem(db: Database, viewer: Viewer, itemId: string) {
  const item = await db.problemSetItem.findUnique({
    where: { id: itemId },
    include: { problemSet: { include: { course: true } } },
  });
  if (!item) throw notFound("This exercise");
  const role = await roleIn(db, viewer, item.problemSet.courseId);
  if (!role || !canSeeProblemSet(role, item.problemSet)) throw notFound("This exercise");
  return { item, set: item.problemSet, course: item.problemSet.course, role };
}
