/**
 * Staff give students their own terms: on one set (a later due date, extra Submits, extra exam
 * minutes), one student at a time or from CSV, and course-wide (a multiple of every timed set's
 * exam time). Instructors change terms; TAs see them (terms move grades, like the set builder,
 * which is the instructors' too). Every change is audit-logged, re-times a clock already running,
 * and is handed to `afterTermsChanged` in the same transaction.
 */
import "server-only";
import { z } from "zod";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import { badRequest, notFound, partlyApplied } from "../errors.ts";
import { STAFF_ROLES } from "../roles.ts";
import { recordAudit } from "../staff/audit.ts";
import { splitCsvLine } from "../staff/roster.ts";
import type { Viewer } from "../viewer.ts";
import { afterTermsChanged, type TermsChange, type Transaction } from "./changed.ts";
import { examEndsAt, studentTerms, type SetTerms } from "./terms.ts";
import { inBatches } from "../../../prisma/batches.ts";

const EmailSchema = z.string().trim().toLowerCase().email("Write the student's email address.").max(254);
const ReasonSchema = z.string().trim().min(1, "Give a reason.").max(500, "Keep the reason under 500 characters.");

/** A moment with its time zone, so no server's zone guesses it: "2026-12-10T23:59Z", "2026-12-10 23:59+01:00". */
const MomentSchema = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i,
    "Write the due date with its time and time zone, e.g. 2026-12-10T23:59Z or 2026-12-10 23:59+01:00.",
  )
  .transform((text) => new Date(text.replace(" ", "T").toUpperCase()))
  .refine((date) => !Number.isNaN(date.getTime()), "This is not a real date.");

/** The terms of one extension; each left out keeps the set's own. */
const ExtensionTermsSchema = z.strictObject({
  dueAt: MomentSchema.nullable().optional(),
  extraAttempts: z.number().int().min(1, "Extra attempts: at least 1.").max(100, "Extra attempts: at most 100.").nullable().optional(),
  extraMinutes: z.number().int().min(0, "Extra minutes: 0 or more.").max(1440, "Extra minutes: at most 1440 (a day).").nullable().optional(),
  reason: ReasonSchema,
});
type ExtensionTerms = z.infer<typeof ExtensionTermsSchema>;

export const GrantExtensionSchema = ExtensionTermsSchema.extend({ email: EmailSchema, setId: z.string().min(1).max(64) });
export const GrantExtensionsSchema = z.union([
  GrantExtensionSchema,
  z.strictObject({
    csv: z
      .string()
      .min(1)
      .max(512 * 1024),
  }),
]);
export const RevokeExtensionSchema = z.strictObject({ email: EmailSchema, setId: z.string().min(1).max(64) });
export const SetAccommodationSchema = z.strictObject({
  email: EmailSchema,
  timeMultiplier: z.number().min(1.05, "The time multiplier is at least 1.05 (5% more time).").max(4, "The time multiplier is at most 4."),
  reason: ReasonSchema,
});
export const RemoveAccommodationSchema = z.strictObject({ email: EmailSchema });

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

interface CourseSet extends SetTerms {
  readonly id: string;
  readonly courseId: string;
  readonly title: string;
}

interface Student {
  readonly id: string;
  readonly email: string;
}

interface CheckedGrant {
  readonly student: Student;
  readonly set: CourseSet;
  readonly terms: ExtensionTerms;
}

const utc = (date: Date): string => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** What is wrong with these terms on this set, in plain words (empty when nothing is). */
function termProblems(set: CourseSet, terms: ExtensionTerms): string[] {
  const problems: string[] = [];
  const none = !terms.dueAt && !terms.extraAttempts && (terms.extraMinutes === null || terms.extraMinutes === undefined);
  if (none) problems.push("Give at least one of: a later due date, extra attempts, extra exam minutes.");
  if (terms.dueAt && terms.dueAt <= set.dueAt) problems.push(`The new due date (${utc(terms.dueAt)}) must be later than the set's (${utc(set.dueAt)}).`);
  if (terms.extraAttempts && set.maxAttempts === null) problems.push(`"${set.title}" has no attempt limit: extra attempts would change nothing.`);
  const timed = set.kind === "exam_practice" && (set.timeLimitMinutes ?? 0) > 0;
  if (terms.extraMinutes !== null && terms.extraMinutes !== undefined && !timed) problems.push(`"${set.title}" has no time limit: extra exam minutes would change nothing.`);
  return problems;
}

async function courseStudents(db: Transaction, courseId: string, emails: readonly string[]): Promise<Map<string, Student>> {
  const enrolled = await inBatches(emails, (slice) =>
    db.enrollment.findMany({ where: { courseId, role: "student", user: { email: { in: slice } } }, select: { user: { select: { id: true, email: true } } } }),
  );
  return new Map(enrolled.map((e) => [e.user.email, e.user]));
}

const SET_FIELDS = { id: true, courseId: true, title: true, kind: true, dueAt: true, maxAttempts: true, timeLimitMinutes: true } as const;

/** Re-times the student's clocks already running on these sets to their terms now (more time, or less after a revoke). */
async function retimeClocks(tx: Transaction, userId: string, sets: readonly CourseSet[]): Promise<void> {
  const sessions = await tx.examSession.findMany({ where: { userId, problemSetId: { in: sets.map((s) => s.id) } } });
  for (const session of sessions) {
    const set = sets.find((s) => s.id === session.problemSetId)!;
    const endsAt = examEndsAt(session.startedAt, await studentTerms(tx, userId, set));
    if (endsAt.getTime() !== session.endsAt.getTime()) await tx.examSession.update({ where: { id: session.id }, data: { endsAt } });
  }
}

/** Marks the student's Submits on the set late or on time against their due date now, so a late Submit an extension covers is no longer flagged. */
async function relabelLate(tx: Transaction, userId: string, set: CourseSet): Promise<void> {
  const { dueAt } = await studentTerms(tx, userId, set);
  const mine = { userId, kind: "submit", item: { problemSetId: set.id } };
  await tx.submission.updateMany({ where: { ...mine, createdAt: { gt: dueAt }, late: false }, data: { late: true } });
  await tx.submission.updateMany({ where: { ...mine, createdAt: { lte: dueAt }, late: true }, data: { late: false } });
}

/** An extension's terms as the audit log records them. */
function extensionTerms(row: { readonly dueAt: Date | null; readonly extraAttempts: number | null; readonly extraMinutes: number | null; readonly reason: string }) {
  return { dueAt: row.dueAt?.toISOString() ?? null, extraAttempts: row.extraAttempts, extraMinutes: row.extraMinutes, reason: row.reason };
}

/**
 * After an extension was saved or removed: the student's running exam clock and the late marks
 * of their Submits follow the terms now in force, the audit log says what changed, and the
 * change (with those terms) is returned for the student to be told.
 */
async function extensionChanged(
  tx: Transaction,
  viewer: Viewer,
  courseId: string,
  student: { readonly id: string; readonly email: string },
  set: CourseSet,
  kind: "extension.grant" | "extension.revoke",
  terms: { readonly before: ReturnType<typeof extensionTerms> | null; readonly after?: ReturnType<typeof extensionTerms> },
): Promise<TermsChange> {
  await retimeClocks(tx, student.id, [set]);
  await relabelLate(tx, student.id, set);
  await recordAudit(tx, viewer, {
    courseId,
    action: kind,
    targetType: "user",
    targetId: student.id,
    details: { email: student.email, setId: set.id, setTitle: set.title, ...terms },
  });
  const effective = await studentTerms(tx, student.id, set);
  return {
    kind,
    courseId,
    userId: student.id,
    problemSetId: set.id,
    setTitle: set.title,
    dueAt: effective.dueAt.toISOString(),
    maxAttempts: effective.maxAttempts,
    timeLimitMinutes: effective.timeLimitMinutes,
    actorId: viewer.id,
  };
}

/**
 * Grants per transaction. A transaction holds SQLite's one write lock, so students' Submits wait
 * for it (up to the busy timeout), and Prisma ends one after 5 s: a CSV for a whole course (1,200
 * lines took longer) is written in slices. The lines were all checked first, and a grant replaces
 * the student's terms on the set, so sending the CSV again after a failure midway is safe.
 */
const GRANTS_PER_TRANSACTION = 100;

async function saveGrants(viewer: Viewer, courseId: string, grants: readonly CheckedGrant[]): Promise<void> {
  for (let from = 0; from < grants.length; from += GRANTS_PER_TRANSACTION) {
    try {
      await saveGrantSlice(viewer, courseId, grants.slice(from, from + GRANTS_PER_TRANSACTION));
    } catch (error) {
      if (from === 0) throw error;
      // Earlier slices are saved: say so (the generic fault says nothing was), and log the cause.
      console.error(`Saving extensions stopped after ${from} of ${grants.length}:`, error);
      throw partlyApplied(
        `Saving the extensions stopped after ${from} of ${grants.length} were saved. Send the same CSV again to apply the rest: lines already saved are left as they are (no second notice).`,
      );
    }
  }
}

async function saveGrantSlice(viewer: Viewer, courseId: string, grants: readonly CheckedGrant[]): Promise<void> {
  const db = await database();
  await db.$transaction(async (tx) => {
    const changes: TermsChange[] = [];
    for (const { student, set, terms } of grants) {
      const data = {
        dueAt: terms.dueAt ?? null,
        extraAttempts: terms.extraAttempts ?? null,
        extraMinutes: terms.extraMinutes ?? null,
        reason: terms.reason,
        createdById: viewer.id,
      };
      const before = await tx.extension.findUnique({ where: { userId_problemSetId: { userId: student.id, problemSetId: set.id } } });
      // The same terms again (a CSV sent again after it stopped part-way, say): nothing changes, nobody is told twice.
      if (before && JSON.stringify(extensionTerms(before)) === JSON.stringify(extensionTerms(data))) continue;
      await tx.extension.upsert({
        where: { userId_problemSetId: { userId: student.id, problemSetId: set.id } },
        create: { userId: student.id, problemSetId: set.id, ...data },
        update: data,
      });
      changes.push(await extensionChanged(tx, viewer, courseId, student, set, "extension.grant", { before: before ? extensionTerms(before) : null, after: extensionTerms(data) }));
    }
    await afterTermsChanged(tx, changes);
  });
}

/** Instructors: gives one student their own terms on a set (replacing any they had there). */
export async function grantExtension(viewer: Viewer, courseId: string, input: z.infer<typeof GrantExtensionSchema>): Promise<void> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  const { email, setId, ...terms } = input;
  const set = await db.problemSet.findFirst({ where: { id: setId, courseId }, select: SET_FIELDS });
  if (!set) throw notFound("This problem set");
  const student = (await courseStudents(db, courseId, [email])).get(email);
  if (!student) throw badRequest(`${email} is not a student in this course.`);
  const problems = termProblems(set, terms);
  if (problems.length > 0) throw badRequest(problems.join(" "));
  await saveGrants(viewer, courseId, [{ student, set, terms }]);
}

const CSV_COLUMNS = ["email", "set", "due", "extra_attempts", "extra_minutes", "reason"] as const;

/**
 * Instructors: many extensions from CSV, one per line: email, set (its title or id), due,
 * extra_attempts, extra_minutes, reason (a header naming the columns may reorder them; empty
 * cells keep the set's term). Every line is checked first; if any is wrong, nothing is applied
 * and every problem is reported with its line number.
 */
export async function grantExtensionsFromCsv(viewer: Viewer, courseId: string, csv: string): Promise<{ applied: number }> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  const sets = await db.problemSet.findMany({ where: { courseId }, select: SET_FIELDS });
  const rows: { line: number; record: Record<string, string> }[] = [];
  let columns: readonly string[] = CSV_COLUMNS;
  const problems: CsvProblem[] = [];
  csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return;
      const cells = splitCsvLine(line).map((cell) => cell.trim());
      if (rows.length === 0 && problems.length === 0 && cells.some((c) => c.toLowerCase() === "email")) {
        const named = cells.map((c) => c.toLowerCase().replace(/\s+/g, "_"));
        const unknown = named.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
        if (unknown.length > 0)
          problems.push({ line: index + 1, message: `Unknown column ${unknown.map((u) => `"${u}"`).join(", ")}; the columns are ${CSV_COLUMNS.join(", ")}.` });
        columns = named;
        return;
      }
      rows.push({ line: index + 1, record: Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? ""])) });
    });
  if (rows.length === 0 && problems.length === 0) throw badRequest(`The CSV has no rows. Columns: ${CSV_COLUMNS.join(", ")}.`);
  const students = await courseStudents(
    db,
    courseId,
    rows.map((r) => r.record.email!.toLowerCase()),
  );
  const grants: CheckedGrant[] = [];
  const seen = new Map<string, number>();
  for (const { line, record } of rows) {
    const messages: string[] = [];
    const email = EmailSchema.safeParse(record.email);
    const student = email.success ? students.get(email.data) : undefined;
    if (!email.success) messages.push(`"${record.email}" is not an email address.`);
    else if (!student) messages.push(`${email.data} is not a student in this course.`);
    const wanted = (record.set ?? "").trim();
    const matches = sets.filter((s) => s.id === wanted || s.title.toLowerCase() === wanted.toLowerCase());
    const set = matches.length === 1 ? matches[0] : undefined;
    if (!wanted) messages.push("Name the set (its title or id).");
    else if (matches.length === 0) messages.push(`No set of this course is called "${wanted}".`);
    else if (matches.length > 1) messages.push(`Several sets are called "${wanted}": use the set's id instead.`);
    const number = (text: string | undefined): number | null => (text ? (/^\d+$/.test(text) ? Number(text) : NaN) : null);
    const attempts = number(record.extra_attempts);
    const minutes = number(record.extra_minutes);
    if (Number.isNaN(attempts)) messages.push(`Extra attempts must be a whole number, not "${record.extra_attempts}".`);
    if (Number.isNaN(minutes)) messages.push(`Extra minutes must be a whole number, not "${record.extra_minutes}".`);
    const parsed = ExtensionTermsSchema.safeParse({
      dueAt: record.due ? record.due : null,
      extraAttempts: Number.isNaN(attempts) ? null : attempts,
      extraMinutes: Number.isNaN(minutes) ? null : minutes,
      reason: record.reason ?? "",
    });
    if (!parsed.success) messages.push(...parsed.error.issues.map((issue) => issue.message));
    // Whether the terms fit the set is worth saying only once the line's numbers read.
    else if (set && !Number.isNaN(attempts) && !Number.isNaN(minutes)) messages.push(...termProblems(set, parsed.data));
    if (student && set) {
      const key = `${student.id}:${set.id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) messages.push(`Line ${earlier} already gives ${student.email} terms on "${set.title}".`);
      else seen.set(key, line);
    }
    if (messages.length > 0) problems.push({ line, message: messages.join(" ") });
    else grants.push({ student: student!, set: set!, terms: parsed.data! });
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `Line ${p.line}: ${p.message}`).join("\n");
    throw badRequest(`Nothing was applied: ${problems.length === 1 ? "1 line has a problem" : `${problems.length} lines have problems`}.\n${list}`);
  }
  await saveGrants(viewer, courseId, grants);
  return { applied: grants.length };
}

/** Instructors: takes a student's extension on a set away; the set's own terms hold again. */
export async function revokeExtension(viewer: Viewer, courseId: string, input: z.infer<typeof RevokeExtensionSchema>): Promise<void> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  const set = await db.problemSet.findFirst({ where: { id: input.setId, courseId }, select: SET_FIELDS });
  if (!set) throw notFound("This problem set");
  const student = (await courseStudents(db, courseId, [input.email])).get(input.email);
  const existing = student ? await db.extension.findUnique({ where: { userId_problemSetId: { userId: student.id, problemSetId: set.id } } }) : null;
  if (!student || !existing) throw notFound("This extension");
  await db.$transaction(async (tx) => {
    await tx.extension.delete({ where: { id: existing.id } });
    await afterTermsChanged(tx, [await extensionChanged(tx, viewer, courseId, student, set, "extension.revoke", { before: extensionTerms(existing) })]);
  });
}

/** Instructors: sets (or replaces) a student's course-wide exam-time multiplier. */
export async function setAccommodation(viewer: Viewer, courseId: string, input: z.infer<typeof SetAccommodationSchema>): Promise<void> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  const student = (await courseStudents(db, courseId, [input.email])).get(input.email);
  if (!student) throw badRequest(`${input.email} is not a student in this course.`);
  const sets = await db.problemSet.findMany({ where: { courseId }, select: SET_FIELDS });
  await db.$transaction(async (tx) => {
    const key = { userId_courseId: { userId: student.id, courseId } };
    const before = await tx.accommodation.findUnique({ where: key });
    const data = { timeMultiplier: input.timeMultiplier, reason: input.reason, createdById: viewer.id };
    await tx.accommodation.upsert({ where: key, create: { userId: student.id, courseId, ...data }, update: data });
    await retimeClocks(tx, student.id, sets);
    await recordAudit(tx, viewer, {
      courseId,
      action: "accommodation.set",
      targetType: "user",
      targetId: student.id,
      details: {
        email: student.email,
        before: before ? { timeMultiplier: before.timeMultiplier, reason: before.reason } : null,
        after: { timeMultiplier: data.timeMultiplier, reason: data.reason },
      },
    });
    await afterTermsChanged(tx, [{ kind: "accommodation.set", courseId, userId: student.id, timeMultiplier: input.timeMultiplier, actorId: viewer.id }]);
  });
}

/** Instructors: removes a student's course-wide accommodation. */
export async function removeAccommodation(viewer: Viewer, courseId: string, input: z.infer<typeof RemoveAccommodationSchema>): Promise<void> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  const student = (await courseStudents(db, courseId, [input.email])).get(input.email);
  const existing = student ? await db.accommodation.findUnique({ where: { userId_courseId: { userId: student.id, courseId } } }) : null;
  if (!student || !existing) throw notFound("This accommodation");
  const sets = await db.problemSet.findMany({ where: { courseId }, select: SET_FIELDS });
  await db.$transaction(async (tx) => {
    await tx.accommodation.delete({ where: { id: existing.id } });
    await retimeClocks(tx, student.id, sets);
    await recordAudit(tx, viewer, {
      courseId,
      action: "accommodation.remove",
      targetType: "user",
      targetId: student.id,
      details: { email: student.email, before: { timeMultiplier: existing.timeMultiplier, reason: existing.reason } },
    });
    await afterTermsChanged(tx, [{ kind: "accommodation.remove", courseId, userId: student.id, timeMultiplier: null, actorId: viewer.id }]);
  });
}

export interface ExtensionEntry {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly setId: string;
  readonly setTitle: string;
  readonly dueAt: string | null;
  readonly extraAttempts: number | null;
  readonly extraMinutes: number | null;
  readonly reason: string;
  readonly givenBy: string;
  readonly updatedAt: string;
}

export interface AccommodationEntry {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly timeMultiplier: number;
  readonly reason: string;
  readonly givenBy: string;
  readonly updatedAt: string;
}

export interface ExtensionSetEntry {
  readonly id: string;
  readonly title: string;
  readonly dueAt: string;
  readonly maxAttempts: number | null;
  /** The exam time in minutes of a timed set; null otherwise. */
  readonly timeLimitMinutes: number | null;
}

/** Staff (TAs read only): every extension and accommodation of the course, and its sets to give them on. */
export async function courseExtensions(
  viewer: Viewer,
  courseId: string,
): Promise<{ extensions: ExtensionEntry[]; accommodations: AccommodationEntry[]; sets: ExtensionSetEntry[] }> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const [extensions, accommodations, sets] = await Promise.all([
    db.extension.findMany({
      where: { problemSet: { courseId } },
      include: { user: { select: { email: true, name: true } }, problemSet: { select: { title: true, dueAt: true } } },
      orderBy: [{ problemSet: { dueAt: "asc" } }, { user: { name: "asc" } }],
    }),
    db.accommodation.findMany({ where: { courseId }, include: { user: { select: { email: true, name: true } } }, orderBy: { user: { name: "asc" } } }),
    db.problemSet.findMany({ where: { courseId }, select: SET_FIELDS, orderBy: [{ dueAt: "asc" }, { id: "asc" }] }),
  ]);
  const authorIds = [...new Set([...extensions, ...accommodations].map((e) => e.createdById))];
  const authors = new Map((await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    extensions: extensions.map((e) => ({
      userId: e.userId,
      email: e.user.email,
      name: e.user.name,
      setId: e.problemSetId,
      setTitle: e.problemSet.title,
      dueAt: e.dueAt?.toISOString() ?? null,
      extraAttempts: e.extraAttempts,
      extraMinutes: e.extraMinutes,
      reason: e.reason,
      givenBy: authors.get(e.createdById) ?? "(removed)",
      updatedAt: e.updatedAt.toISOString(),
    })),
    accommodations: accommodations.map((a) => ({
      userId: a.userId,
      email: a.user.email,
      name: a.user.name,
      timeMultiplier: a.timeMultiplier,
      reason: a.reason,
      givenBy: authors.get(a.createdById) ?? "(removed)",
      updatedAt: a.updatedAt.toISOString(),
    })),
    sets: sets.map((s) => ({
      id: s.id,
      title: s.title,
      dueAt: s.dueAt.toISOString(),
      maxAttempts: s.maxAttempts,
      timeLimitMinutes: s.kind === "exam_practice" && (s.timeLimitMinutes ?? 0) > 0 ? s.timeLimitMinutes : null,
    })),
  };
}
