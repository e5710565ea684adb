import "server-only";
import type { Database } from "../../prisma/client.ts";
import { canSeeProblemSet, requireRole, refusedAs } from "./access.ts";
import { database } from "./db.ts";
import { examEndsAt, studentSet } from "./extensions/terms.ts";
import { badRequest, conflict, forbidden, notFound } from "./errors.ts";
import { isStaff } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

export type ExamState =
  | { readonly kind: "not_timed" }
  | { readonly kind: "not_started"; readonly minutes: number }
  | { readonly kind: "running"; readonly startedAt: string; readonly endsAt: string }
  | { readonly kind: "finished"; readonly endsAt: string };

interface TimedSet {
  readonly id: string;
  readonly kind: string;
  readonly timeLimitMinutes: number | null;
  readonly dueAt: Date;
}

export function isTimed(set: TimedSet): boolean {
  return set.kind === "exam_practice" && set.timeLimitMinutes !== null && set.timeLimitMinutes > 0;
}

/** Where a student stands on a timed set (given with the student's own terms: extensions/terms.ts). The clock is the server's. */
export async function examState(db: Database, viewer: Viewer, set: TimedSet, now = new Date()): Promise<ExamState> {
  if (!isTimed(set)) return { kind: "not_timed" };
  const session = await db.examSession.findUnique({ where: { userId_problemSetId: { userId: viewer.id, problemSetId: set.id } } });
  return examStateOf(set, session, now);
}

/** examState, given the student's exam session on the set (null when not started), read elsewhere. */
export function examStateOf(set: TimedSet, session: { readonly startedAt: Date; readonly endsAt: Date } | null, now = new Date()): ExamState {
  if (!isTimed(set)) return { kind: "not_timed" };
  if (!session) return now >= set.dueAt ? { kind: "finished", endsAt: set.dueAt.toISOString() } : { kind: "not_started", minutes: set.timeLimitMinutes! };
  if (now >= session.endsAt) return { kind: "finished", endsAt: session.endsAt.toISOString() };
  return { kind: "running", startedAt: session.startedAt.toISOString(), endsAt: session.endsAt.toISOString() };
}

/** Starts the student's clock (once): it runs for their time limit on the set, and never past their due date. */
export async function startExam(viewer: Viewer, setId: string, now = new Date()): Promise<ExamState> {
  const db = await database();
  const found = await db.problemSet.findUnique({ where: { id: setId } });
  if (!found) throw notFound("This problem set");
  const set = await studentSet(db, viewer.id, found);
  const role = await refusedAs("This problem set", requireRole(db, viewer, set.courseId));
  if (!canSeeProblemSet(role, set, now)) throw notFound("This problem set");
  if (!isTimed(set)) throw badRequest("This set has no time limit to start.");
  if (isStaff(role)) throw forbidden("Staff preview exam sets without a clock.");
  if (now >= set.dueAt) throw conflict("This set has closed.");
  const endsAt = examEndsAt(now, set);
  await db.examSession.upsert({
    where: { userId_problemSetId: { userId: viewer.id, problemSetId: set.id } },
    create: { userId: viewer.id, problemSetId: set.id, startedAt: now, endsAt },
    update: {},
  });
  return examState(db, viewer, set, now);
}
