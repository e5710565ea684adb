import "server-only";
import { z } from "zod";
import type { Database } from "../../../prisma/client.ts";
import { exerciseFiles, exerciseTitle, findCalculation, findExercise } from "../../../exercises/registry.ts";
import { answersForReview, type AnswersForReview } from "./review-answers.ts";
import { requireRole, refusedAs } from "../access.ts";
import { database } from "../db.ts";
import { badRequest, notFound } from "../errors.ts";
import { roundPoints, scoreSubmission } from "../policies.ts";
import { parseStoredResult, type SubmissionView } from "../submissions.ts";
import { readSubmission } from "../submissions.ts";
import type { Viewer } from "../viewer.ts";
import { recordAudit } from "./audit.ts";
import { STAFF_ROLES } from "../roles.ts";
import { LanguageSchema, parseLanguage, type Language } from "../../../exercises/spec/languages.ts";
import { noticeOfComment, noticeOfOverride } from "../notifications/grading-notices.ts";

export const ReviewFiltersSchema = z.object({
  setId: z.string().max(64).optional(),
  exerciseId: z.string().max(80).optional(),
  verdict: z.string().max(40).optional(),
  late: z.enum(["yes", "no"]).optional(),
  reviewed: z.enum(["yes", "no"]).optional(),
  language: LanguageSchema.optional(),
});
export type ReviewFilters = z.infer<typeof ReviewFiltersSchema>;

export interface QueueEntry {
  readonly submissionId: string;
  readonly student: { readonly id: string; readonly name: string; readonly email: string };
  readonly setId: string;
  readonly setTitle: string;
  readonly itemId: string;
  readonly exerciseId: string;
  readonly exerciseTitle: string;
  /** The language the latest Submit is written in. */
  readonly language: Language;
  /** Answered with numbers (a calculation): `language` means nothing for it. */
  readonly calculation: boolean;
  readonly createdAt: string;
  readonly status: string;
  readonly verdict: string | null;
  readonly points: number | null;
  readonly maxPoints: number;
  readonly late: boolean;
  readonly overridden: boolean;
  readonly reviewed: boolean;
  readonly comments: number;
  readonly attempts: number;
}

/** Staff of the course only; everyone else is told it does not exist. */
async function staffOfCourse(db: Database, viewer: Viewer, courseId: string): Promise<void> {
  await requireRole(db, viewer, courseId, STAFF_ROLES);
}

/** The latest Submit of each student for each item, newest first, filtered. */
export async function reviewQueue(viewer: Viewer, courseId: string, filters: ReviewFilters): Promise<QueueEntry[]> {
  const db = await database();
  await staffOfCourse(db, viewer, courseId);
  const students = await db.enrollment.findMany({ where: { courseId, role: "student" }, select: { userId: true } });
  const rows = await db.submission.findMany({
    where: {
      kind: "submit",
      userId: { in: students.map((s) => s.userId) },
      item: { problemSet: { courseId, ...(filters.setId ? { id: filters.setId } : {}) } },
      ...(filters.exerciseId ? { exerciseId: filters.exerciseId } : {}),
    },
    orderBy: { createdAt: "desc" },
    include: {
      user: { select: { id: true, name: true, email: true } },
      item: { include: { problemSet: true } },
      overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } },
      _count: { select: { comments: true } },
    },
  });
  const latest = new Map<string, (typeof rows)[number] & { attempts: number }>();
  for (const row of rows) {
    const key = `${row.userId}:${row.itemId}`;
    const seen = latest.get(key);
    if (seen) seen.attempts++;
    else latest.set(key, { ...row, attempts: 1 });
  }
  return [...latest.values()]
    .map((row) => {
      const scored = row.status === "graded" ? scoreSubmission({ ...row, overridePoints: row.overrides[0]?.points ?? null }, row.item.points, row.item.problemSet) : null;
      return {
        submissionId: row.id,
        student: row.user,
        setId: row.item.problemSetId,
        setTitle: row.item.problemSet.title,
        itemId: row.itemId,
        exerciseId: row.exerciseId,
        exerciseTitle: exerciseTitle(row.exerciseId) ?? row.exerciseId,
        language: parseLanguage(row.language),
        calculation: findCalculation(row.exerciseId) !== undefined,
        createdAt: row.createdAt.toISOString(),
        status: row.status,
        verdict: row.verdict,
        points: scored?.points ?? null,
        maxPoints: row.item.points,
        late: row.late,
        overridden: scored?.overridden ?? false,
        reviewed: row.reviewedAt !== null,
        comments: row._count.comments,
        attempts: row.attempts,
      };
    })
    .filter((entry) => (filters.verdict ? entry.verdict === filters.verdict : true))
    .filter((entry) => (filters.late ? entry.late === (filters.late === "yes") : true))
    .filter((entry) => (filters.language ? entry.language === filters.language : true))
    .filter((entry) => (filters.reviewed ? entry.reviewed === (filters.reviewed === "yes") : true));
}

export interface ReviewView {
  readonly submission: SubmissionView;
  readonly course: { readonly id: string; readonly code: string };
  readonly set: { readonly id: string; readonly title: string; readonly dueAt: string };
  readonly exercise: { readonly id: string; readonly title: string; readonly signature: string };
  readonly student: { readonly id: string; readonly name: string; readonly email: string };
  /** The student's earlier Submit for the same item, for the diff. */
  readonly previous: { readonly id: string; readonly code: string; readonly createdAt: string } | null;
  readonly attempts: readonly { readonly id: string; readonly createdAt: string; readonly verdict: string | null; readonly points: number | null }[];
  readonly overrides: readonly { readonly points: number; readonly reason: string; readonly authorName: string; readonly createdAt: string }[];
  readonly history: readonly { readonly action: string; readonly actorName: string; readonly details: string; readonly createdAt: string }[];
  readonly reviewed: { readonly at: string; readonly byName: string } | null;
  /** How long grading took, from the result's timing. */
  readonly gradingMs: number | null;
  /** A calculation's statement and typed answers, shown instead of code; null for code. */
  readonly answers: AnswersForReview | null;
}

async function loadForStaff(db: Database, viewer: Viewer, submissionId: string) {
  const row = await db.submission.findUnique({ where: { id: submissionId }, include: { item: { include: { problemSet: { include: { course: true } } } }, user: true } });
  if (!row) throw notFound("This submission");
  await refusedAs("This submission", staffOfCourse(db, viewer, row.item.problemSet.courseId));
  return row;
}

export async function submissionForReview(viewer: Viewer, submissionId: string): Promise<ReviewView> {
  const db = await database();
  const row = await loadForStaff(db, viewer, submissionId);
  const submission = await readSubmission(viewer, submissionId);
  const set = row.item.problemSet;
  const [attempts, overrides, events, reviewer] = await Promise.all([
    db.submission.findMany({
      where: { userId: row.userId, itemId: row.itemId, kind: "submit" },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        createdAt: true,
        verdict: true,
        status: true,
        score: true,
        maxScore: true,
        code: true,
        overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } },
      },
    }),
    db.scoreOverride.findMany({ where: { submissionId }, orderBy: { createdAt: "desc" }, include: { author: { select: { name: true } } } }),
    db.auditEvent.findMany({ where: { targetType: "submission", targetId: submissionId }, orderBy: { createdAt: "desc" } }),
    row.reviewedById ? db.user.findUnique({ where: { id: row.reviewedById }, select: { name: true } }) : null,
  ]);
  const actors = new Map((await db.user.findMany({ where: { id: { in: events.map((e) => e.actorId) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const index = attempts.findIndex((a) => a.id === submissionId);
  const previous = index > 0 ? attempts[index - 1]! : null;
  const result = parseStoredResult(row.id, row.result);
  return {
    submission,
    course: { id: set.course.id, code: set.course.code },
    set: { id: set.id, title: set.title, dueAt: set.dueAt.toISOString() },
    exercise: {
      id: row.exerciseId,
      title: exerciseTitle(row.exerciseId) ?? row.exerciseId,
      signature: findExercise(row.exerciseId) ? exerciseFiles(row.exerciseId).signature : "",
    },
    student: { id: row.user.id, name: row.user.name, email: row.user.email },
    previous: previous ? { id: previous.id, code: previous.code, createdAt: previous.createdAt.toISOString() } : null,
    attempts: attempts.map((a) => ({
      id: a.id,
      createdAt: a.createdAt.toISOString(),
      verdict: a.verdict,
      points: a.status === "graded" ? scoreSubmission({ ...a, overridePoints: a.overrides[0]?.points ?? null }, row.item.points, set).points : null,
    })),
    overrides: overrides.map((o) => ({ points: o.points, reason: o.reason, authorName: o.author.name, createdAt: o.createdAt.toISOString() })),
    history: events.map((e) => ({ action: e.action, actorName: actors.get(e.actorId) ?? "someone", details: e.details, createdAt: e.createdAt.toISOString() })),
    reviewed: row.reviewedAt ? { at: row.reviewedAt.toISOString(), byName: reviewer?.name ?? "someone" } : null,
    gradingMs: result?.timing?.totalMs ?? null,
    answers: answersForReview(row.exerciseId, Number(row.seed), row.code, previous?.code ?? null),
  };
}

export const CommentSchema = z.strictObject({
  body: z.string().trim().min(1, "write something").max(10_000),
  line: z.number().int().min(1).max(100_000).nullable().optional(),
});

export const OverrideSchema = z.strictObject({
  points: z.number().min(0),
  reason: z.string().trim().min(3, "say why, for the record").max(2000),
});

export const ReviewedSchema = z.strictObject({ reviewed: z.boolean() });

export async function addComment(viewer: Viewer, submissionId: string, input: z.infer<typeof CommentSchema>) {
  const db = await database();
  const row = await loadForStaff(db, viewer, submissionId);
  if (input.line && input.line > row.code.split("\n").length) throw badRequest(`The code has ${row.code.split("\n").length} lines; there is no line ${input.line}.`);
  const comment = await db.$transaction(async (tx) => {
    const created = await tx.comment.create({ data: { submissionId, authorId: viewer.id, body: input.body, line: input.line ?? null } });
    await tx.submission.update({ where: { id: submissionId }, data: { reviewedAt: new Date(), reviewedById: viewer.id } });
    await recordAudit(tx, viewer, {
      courseId: row.item.problemSet.courseId,
      action: "submission.comment",
      targetType: "submission",
      targetId: submissionId,
      details: { line: input.line ?? null, length: input.body.length },
    });
    await noticeOfComment(tx, viewer, row, created);
    return created;
  });
  return comment;
}

/** A manual score, in the item's points; the autograded score is kept, and so is every earlier override. */
export async function overrideScore(viewer: Viewer, submissionId: string, input: z.infer<typeof OverrideSchema>, options: { notifyStudent?: boolean } = {}) {
  const db = await database();
  const row = await loadForStaff(db, viewer, submissionId);
  if (input.points > row.item.points) throw badRequest(`The item is worth ${row.item.points} points; an override cannot exceed that.`);
  const previous = await db.scoreOverride.findFirst({ where: { submissionId }, orderBy: { createdAt: "desc" } });
  const autoPoints = row.status === "graded" && row.maxScore ? (row.item.points * (row.score ?? 0)) / row.maxScore : null;
  return db.$transaction(async (tx) => {
    const created = await tx.scoreOverride.create({ data: { submissionId, authorId: viewer.id, points: input.points, reason: input.reason } });
    await tx.submission.update({ where: { id: submissionId }, data: { reviewedAt: new Date(), reviewedById: viewer.id } });
    await recordAudit(tx, viewer, {
      courseId: row.item.problemSet.courseId,
      action: "submission.override",
      targetType: "submission",
      targetId: submissionId,
      details: { from: previous?.points ?? null, to: input.points, autograded: autoPoints === null ? null : roundPoints(autoPoints), reason: input.reason },
    });
    if (options.notifyStudent !== false) await noticeOfOverride(tx, viewer, row, created);
    return created;
  });
}

export async function setReviewed(viewer: Viewer, submissionId: string, input: z.infer<typeof ReviewedSchema>): Promise<void> {
  const db = await database();
  const row = await loadForStaff(db, viewer, submissionId);
  await db.submission.update({
    where: { id: submissionId },
    data: input.reviewed ? { reviewedAt: new Date(), reviewedById: viewer.id } : { reviewedAt: null, reviewedById: null },
  });
  await recordAudit(db, viewer, {
    courseId: row.item.problemSet.courseId,
    action: "submission.reviewed",
    targetType: "submission",
    targetId: submissionId,
    details: { reviewed: input.reviewed },
  });
}
