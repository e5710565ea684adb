/**
 * A student's effective terms on a set: the set's own due date, attempt limit and exam time,
 * changed by an extension staff gave them on that set and by their course-wide accommodation.
 * Every rule that reads a due date, an attempt limit or an exam time for a student (submit, run,
 * drafts, the exam clock, late flags and penalties, "no late work", feedback held until the set
 * closes, the pages) reads it from here, so the rules live in one function: `effectiveTerms`.
 */
import "server-only";
import type { Database } from "../../../prisma/client.ts";

/** The fields of a set that an extension or an accommodation can change. */
export interface SetTerms {
  readonly kind: string;
  readonly dueAt: Date;
  readonly maxAttempts: number | null;
  readonly timeLimitMinutes: number | null;
}

export interface ExtensionRow {
  readonly dueAt: Date | null;
  readonly extraAttempts: number | null;
  readonly extraMinutes: number | null;
}

export interface AccommodationRow {
  readonly timeMultiplier: number;
}

export interface EffectiveTerms {
  readonly dueAt: Date;
  readonly maxAttempts: number | null;
  readonly timeLimitMinutes: number | null;
  /** What differs from the set's own terms, so pages can say "due for you: …". */
  readonly adjusted: {
    readonly dueAt: boolean;
    readonly attempts: boolean;
    /** Where a changed exam time comes from: this set's extension or the course-wide accommodation. */
    readonly time: "extension" | "accommodation" | null;
  };
}

const timed = (set: SetTerms): boolean => set.kind === "exam_practice" && set.timeLimitMinutes !== null && set.timeLimitMinutes > 0;

/**
 * The rules, in one place. An extension's due date counts only when it is later than the set's
 * (staff may move the set past it afterwards: an extension never makes a set close earlier).
 * Extra attempts add to a set's limit (a set without one has nothing to add to). Exam time: an
 * extension's extra minutes on this set, if it names any (0 included), replace the course-wide
 * accommodation; otherwise the accommodation multiplies the set's limit, rounded up to the minute
 * so a student never gets less than the accommodation grants.
 */
export function effectiveTerms(set: SetTerms, extension: ExtensionRow | null, accommodation: AccommodationRow | null): EffectiveTerms {
  const laterDue = extension?.dueAt && extension.dueAt > set.dueAt ? extension.dueAt : null;
  const extraAttempts = set.maxAttempts !== null && extension?.extraAttempts ? extension.extraAttempts : 0;
  let timeLimitMinutes = set.timeLimitMinutes;
  let time: EffectiveTerms["adjusted"]["time"] = null;
  if (timed(set)) {
    if (extension?.extraMinutes !== null && extension?.extraMinutes !== undefined) {
      timeLimitMinutes = set.timeLimitMinutes! + extension.extraMinutes;
      time = extension.extraMinutes > 0 ? "extension" : null;
    } else if (accommodation && accommodation.timeMultiplier !== 1) {
      timeLimitMinutes = Math.ceil(set.timeLimitMinutes! * accommodation.timeMultiplier);
      time = "accommodation";
    }
  }
  return {
    dueAt: laterDue ?? set.dueAt,
    maxAttempts: set.maxAttempts === null ? null : set.maxAttempts + extraAttempts,
    timeLimitMinutes,
    adjusted: { dueAt: laterDue !== null, attempts: extraAttempts > 0, time },
  };
}

/** The set as this student must be held to it: the same set with their terms in place of its own. */
export function applyTerms<S extends SetTerms>(set: S, terms: EffectiveTerms): S & { readonly terms: EffectiveTerms } {
  return { ...set, dueAt: terms.dueAt, maxAttempts: terms.maxAttempts, timeLimitMinutes: terms.timeLimitMinutes, terms };
}

/** A student's terms on one set, read from the database. */
export async function studentTerms(
  db: Pick<Database, "extension" | "accommodation">,
  userId: string,
  set: SetTerms & { readonly id: string; readonly courseId: string },
): Promise<EffectiveTerms> {
  const [extension, accommodation] = await Promise.all([
    db.extension.findUnique({ where: { userId_problemSetId: { userId, problemSetId: set.id } }, select: { dueAt: true, extraAttempts: true, extraMinutes: true } }),
    timed(set) ? db.accommodation.findUnique({ where: { userId_courseId: { userId, courseId: set.courseId } }, select: { timeMultiplier: true } }) : null,
  ]);
  return effectiveTerms(set, extension, accommodation);
}

/** The set with the student's terms in place (see applyTerms). */
export async function studentSet<S extends SetTerms & { readonly id: string; readonly courseId: string }>(
  db: Database,
  userId: string,
  set: S,
): Promise<S & { readonly terms: EffectiveTerms }> {
  return applyTerms(set, await studentTerms(db, userId, set));
}

/** Every extension and accommodation of a course at once, for pages that show many students or sets (gradebook, dashboard). */
export async function courseTerms(
  db: Database,
  courseIds: readonly string[],
  userIds?: readonly string[],
): Promise<(userId: string, set: SetTerms & { readonly id: string; readonly courseId: string }) => EffectiveTerms> {
  const users = userIds ? { userId: { in: [...userIds] } } : {};
  const [extensions, accommodations] = await Promise.all([
    db.extension.findMany({
      where: { problemSet: { courseId: { in: [...courseIds] } }, ...users },
      select: { userId: true, problemSetId: true, dueAt: true, extraAttempts: true, extraMinutes: true },
    }),
    db.accommodation.findMany({ where: { courseId: { in: [...courseIds] }, ...users }, select: { userId: true, courseId: true, timeMultiplier: true } }),
  ]);
  const extensionOf = new Map(extensions.map((e) => [`${e.userId}:${e.problemSetId}`, e]));
  const accommodationOf = new Map(accommodations.map((a) => [`${a.userId}:${a.courseId}`, a]));
  return (userId, set) => effectiveTerms(set, extensionOf.get(`${userId}:${set.id}`) ?? null, accommodationOf.get(`${userId}:${set.courseId}`) ?? null);
}

/** When a started exam's clock stops under these terms: its time from the start, never past the due date. */
export function examEndsAt(startedAt: Date, terms: Pick<EffectiveTerms, "dueAt" | "timeLimitMinutes">): Date {
  return new Date(Math.min(startedAt.getTime() + (terms.timeLimitMinutes ?? 0) * 60_000, terms.dueAt.getTime()));
}

/** What a student is told about their own terms on a set; null when they are the set's. */
export interface TermsNotice {
  /** Their due date, when it is later than the set's. */
  readonly dueAt: string | null;
  readonly setDueAt: string;
  /** Their Submits per exercise, when they have extra ones. */
  readonly maxAttempts: number | null;
  readonly setMaxAttempts: number | null;
  /** Their exam time in minutes, when it differs from the set's. */
  readonly examMinutes: number | null;
  readonly setExamMinutes: number | null;
}

export function termsNotice(set: SetTerms, terms: EffectiveTerms): TermsNotice | null {
  const { adjusted } = terms;
  if (!adjusted.dueAt && !adjusted.attempts && adjusted.time === null) return null;
  return {
    dueAt: adjusted.dueAt ? terms.dueAt.toISOString() : null,
    setDueAt: set.dueAt.toISOString(),
    maxAttempts: adjusted.attempts ? terms.maxAttempts : null,
    setMaxAttempts: set.maxAttempts,
    examMinutes: adjusted.time !== null ? terms.timeLimitMinutes : null,
    setExamMinutes: set.timeLimitMinutes,
  };
}
