import "server-only";
import type { Database } from "../../prisma/client.ts";
import { Prisma } from "../../prisma/generated/client.ts";
import { AccessDenied, notFound } from "./errors.ts";
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

/**
 * Runs an access check whose refusal should name `what` (the thing asked for) rather than the
 * course. Only a refusal is renamed: a failing database or a bug passes through unchanged.
 */
export async function refusedAs<T>(what: string, check: Promise<T>): Promise<T> {
  try {
    return await check;
  } catch (error) {
    if (error instanceof AccessDenied) throw notFound(what);
    throw error;
  }
}

export interface ProblemSetVisibility {
  readonly published: boolean;
  readonly opensAt: Date;
}

/** Students see a set once it is published and open; staff see every set. */
export function canSeeProblemSet(role: Role, set: ProblemSetVisibility, now = new Date()): boolean {
  return isStaff(role) || (set.published && set.opensAt <= now);
}

export interface ItemRow {
  readonly id: string;
  readonly exerciseId: string;
  readonly points: number;
  readonly position: number;
  readonly problemSetId: string;
}

export interface SetRow {
  readonly id: string;
  readonly courseId: string;
  readonly title: string;
  readonly kind: string;
  readonly opensAt: Date;
  readonly dueAt: Date;
  readonly published: boolean;
  readonly scorePolicy: string;
  readonly maxAttempts: number | null;
  readonly lateWork: string;
  readonly latePenaltyPerDay: number;
  readonly latePenaltyCap: number;
  readonly timeLimitMinutes: number | null;
  readonly feedback: string;
  /** Comma-separated languages the set allows, empty for all: read through `allowedLanguages`. */
  readonly languages: string;
}

export interface CourseRow {
  readonly id: string;
  readonly code: string;
  readonly title: string;
}

interface ItemQueryRow extends SetRow {
  itemId: string;
  exerciseId: string;
  points: number;
  position: number;
  courseCode: string;
  courseTitle: string;
  role: string | null;
}

export interface LoadedItem {
  readonly item: ItemRow;
  readonly set: SetRow;
  readonly course: CourseRow;
  readonly role: Role;
}

/**
 * Loads an item with its set, course and the viewer's role, checking that the viewer may open
 * it. One SQL statement: it runs on every Run, Submit and draft save, where the ORM's several
 * queries cost several times as much.
 */
export async function loadItem(db: Database, viewer: Viewer, itemId: string): Promise<LoadedItem> {
  return (await loadItemWith(db, viewer, itemId, Prisma.empty, Prisma.empty)).loaded;
}

/**
 * loadItem with more in the same statement: `columns` (each starting with a comma) may use the
 * aliases i (item), s (set), c (course) and e (enrolment), and `joins` may add tables; the
 * extra columns come back as `extra`, raw.
 */
export async function loadItemWith<Extra extends object>(
  db: Database,
  viewer: Viewer,
  itemId: string,
  columns: Prisma.Sql,
  joins: Prisma.Sql,
): Promise<{ loaded: LoadedItem; extra: Extra }> {
  const [row] = await db.$queryRaw<(ItemQueryRow & Extra)[]>`
    SELECT i."id" AS "itemId", i."exerciseId", i."points", i."position",
           s."id", s."courseId", s."title", s."kind", s."opensAt", s."dueAt", s."published", s."scorePolicy", s."maxAttempts",
           s."lateWork", s."latePenaltyPerDay", s."latePenaltyCap", s."timeLimitMinutes", s."feedback", s."languages",
           c."code" AS "courseCode", c."title" AS "courseTitle", e."role" ${columns}
    FROM "ProblemSetItem" i
    JOIN "ProblemSet" s ON s."id" = i."problemSetId"
    JOIN "Course" c ON c."id" = s."courseId"
    LEFT JOIN "Enrollment" e ON e."courseId" = s."courseId" AND e."userId" = ${viewer.id}
    ${joins}
    WHERE i."id" = ${itemId}`;
  if (!row || row.role === null) throw notFound("This exercise");
  const role = RoleSchema.parse(row.role);
  const { itemId: id, exerciseId, points, position, courseCode, courseTitle, role: _role, ...rest } = row;
  const set: SetRow = {
    id: rest.id,
    courseId: rest.courseId,
    title: rest.title,
    kind: rest.kind,
    opensAt: rest.opensAt,
    dueAt: rest.dueAt,
    published: Boolean(rest.published),
    scorePolicy: rest.scorePolicy,
    maxAttempts: rest.maxAttempts === null ? null : Number(rest.maxAttempts),
    lateWork: rest.lateWork,
    latePenaltyPerDay: rest.latePenaltyPerDay,
    latePenaltyCap: rest.latePenaltyCap,
    timeLimitMinutes: rest.timeLimitMinutes === null ? null : Number(rest.timeLimitMinutes),
    feedback: rest.feedback,
    languages: rest.languages,
  };
  if (!canSeeProblemSet(role, set)) throw notFound("This exercise");
  return {
    loaded: {
      item: { id, exerciseId, points: Number(points), position: Number(position), problemSetId: set.id },
      set,
      course: { id: set.courseId, code: courseCode, title: courseTitle },
      role,
    },
    extra: rest as unknown as Extra,
  };
}
