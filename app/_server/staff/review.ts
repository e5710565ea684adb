import "server-only";
import { z } from "zod";
import type { Database } from "../../../prisma/client.ts";
import { Prisma } from "../../../prisma/generated/client.ts";
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

/** How the queue can be ordered; the first is the default. */
export const REVIEW_SORTS = ["newest", "oldest", "student", "exercise", "verdict"] as const;
export const REVIEW_SORT_LABELS: Record<(typeof REVIEW_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  student: "Student (A–Z)",
  exercise: "Set and exercise",
  verdict: "Verdict",
};
export const REVIEW_PAGE_SIZE = 50;

export const ReviewFiltersSchema = z.object({
  setId: z.string().max(64).optional(),
  exerciseId: z.string().max(80).optional(),
  verdict: z.string().max(40).optional(),
  late: z.enum(["yes", "no"]).optional(),
  reviewed: z.enum(["yes", "no"]).optional(),
  language: LanguageSchema.optional(),
  /** Part of a student's name or email, any case. */
  student: z.string().trim().max(120).optional(),
  /** Graded, not reviewed yet, and not a full pass: what a TA still has to look at. */
  needsReview: z.enum(["yes"]).optional(),
  sort: z.enum(REVIEW_SORTS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
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

export interface ReviewQueuePage {
  readonly entries: QueueEntry[];
  /** Entries matching the filters, on every page. */
  readonly total: number;
  /** Of those, not reviewed yet. */
  readonly unreviewed: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pages: number;
  readonly sort: (typeof REVIEW_SORTS)[number];
}

/** `%text%` for LIKE, with the text's own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The latest Submit of each student for each item, filtered, sorted and one page of it, all in
 * the database: a window function picks each pair's latest Submit and counts its attempts, so a
 * course with tens of thousands of submissions costs two queries and one page of rows.
 */
export async function reviewQueuePage(viewer: Viewer, courseId: string, filters: ReviewFilters): Promise<ReviewQueuePage> {
  const db = await database();
  await staffOfCourse(db, viewer, courseId);
  const sort = filters.sort ?? "newest";
  const pageSize = filters.pageSize ?? REVIEW_PAGE_SIZE;
  // Filters on the pair (who, which item) go inside, before the latest is picked; filters on the latest Submit go outside.
  const inner: Prisma.Sql[] = [Prisma.sql`s."kind" = 'submit'`, Prisma.sql`p."courseId" = ${courseId}`];
  if (filters.setId) inner.push(Prisma.sql`p."id" = ${filters.setId}`);
  if (filters.exerciseId) inner.push(Prisma.sql`s."exerciseId" = ${filters.exerciseId}`);
  if (filters.student) {
    const pattern = containsPattern(filters.student);
    inner.push(Prisma.sql`(LOWER(u."name") LIKE ${pattern} ESCAPE '\\' OR LOWER(u."email") LIKE ${pattern} ESCAPE '\\')`);
  }
  const outer: Prisma.Sql[] = [Prisma.sql`r."latest" = 1`];
  if (filters.verdict) outer.push(Prisma.sql`r."verdict" = ${filters.verdict}`);
  if (filters.late) outer.push(filters.late === "yes" ? Prisma.sql`r."late" = TRUE` : Prisma.sql`r."late" = FALSE`);
  if (filters.language) outer.push(Prisma.sql`r."language" = ${filters.language}`);
  if (filters.reviewed) outer.push(filters.reviewed === "yes" ? Prisma.sql`r."reviewedAt" IS NOT NULL` : Prisma.sql`r."reviewedAt" IS NULL`);
  if (filters.needsReview) outer.push(Prisma.sql`r."status" = 'graded' AND r."reviewedAt" IS NULL AND (r."verdict" IS NULL OR r."verdict" <> 'passed')`);
  const ranked = Prisma.sql`
    WITH ranked AS (
      SELECT s."id", s."status", s."verdict", s."late", s."language", s."reviewedAt", s."createdAt",
             u."name" AS "studentName", p."opensAt" AS "setOpensAt", p."id" AS "setId", i."position" AS "position",
             ROW_NUMBER() OVER (PARTITION BY s."userId", s."itemId" ORDER BY s."createdAt" DESC, s."id" DESC) AS "latest",
             COUNT(*) OVER (PARTITION BY s."userId", s."itemId") AS "attempts"
      FROM "Submission" s
      JOIN "ProblemSetItem" i ON i."id" = s."itemId"
      JOIN "ProblemSet" p ON p."id" = i."problemSetId"
      JOIN "Enrollment" e ON e."userId" = s."userId" AND e."courseId" = p."courseId" AND e."role" = 'student'
      JOIN "User" u ON u."id" = s."userId"
      WHERE ${Prisma.join(inner, " AND ")}
    )`;
  const where = Prisma.join(outer, " AND ");
  const orderBy = {
    newest: Prisma.sql`r."createdAt" DESC, r."id" DESC`,
    oldest: Prisma.sql`r."createdAt" ASC, r."id" ASC`,
    student: Prisma.sql`r."studentName" ASC, r."setOpensAt" ASC, r."position" ASC, r."id" ASC`,
    exercise: Prisma.sql`r."setOpensAt" ASC, r."setId" ASC, r."position" ASC, r."studentName" ASC, r."id" ASC`,
    verdict: Prisma.sql`r."verdict" ASC, r."createdAt" DESC, r."id" ASC`,
  }[sort];
  const [counts] = await db.$queryRaw<{ total: bigint | number; unreviewed: bigint | number | null }[]>`
    ${ranked} SELECT COUNT(*) AS "total", SUM(CASE WHEN r."reviewedAt" IS NULL THEN 1 ELSE 0 END) AS "unreviewed" FROM ranked r WHERE ${where}`;
  const total = Number(counts?.total ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page ?? 1, pages);
  const picked = await db.$queryRaw<{ id: string; attempts: bigint | number }[]>`
    ${ranked} SELECT r."id", r."attempts" FROM ranked r WHERE ${where} ORDER BY ${orderBy} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const rows = await db.submission.findMany({
    where: { id: { in: picked.map((row) => row.id) } },
    include: {
      user: { select: { id: true, name: true, email: true } },
      item: { include: { problemSet: true } },
      overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } },
      _count: { select: { comments: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const entries = picked.flatMap(({ id, attempts }): QueueEntry[] => {
    const row = byId.get(id);
    if (!row) return [];
    const scored = row.status === "graded" ? scoreSubmission({ ...row, overridePoints: row.overrides[0]?.points ?? null }, row.item.points, row.item.problemSet) : null;
    return [
      {
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
        attempts: Number(attempts),
      },
    ];
  });
  return { entries, total, unreviewed: Number(counts?.unreviewed ?? 0), page, pageSize, pages, sort };
}

/** One page of the queue (the first unless `filters.page` says otherwise). */
export async function reviewQueue(viewer: Viewer, courseId: string, filters: ReviewFilters): Promise<QueueEntry[]> {
  return (await reviewQueuePage(viewer, courseId, filters)).entries;
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
