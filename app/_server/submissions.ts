import "server-only";
import { z } from "zod";
import { findExercise } from "../../exercises/registry.ts";
import { effectiveLimits } from "../../exercises/spec/limits.ts";
import { GradeResultSchema, type GradeResult } from "../../grader/result.ts";
import { redactForStudent } from "../../grader/student-view.ts";
import { randomUUID } from "node:crypto";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { jsonArray, sql } from "../../prisma/sql.ts";
import { env } from "../../config.ts";
import { forbidden, notFound, payloadTooLarge, rateLimited } from "./errors.ts";
import { examState } from "./exams.ts";
import { graderChannel } from "./grader-channel.ts";
import { applyFeedbackPolicy, feedbackWithheld } from "./feedback.ts";
import { scoreSubmission } from "./policies.ts";
import { RoleSchema, isStaff } from "./roles.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import type { Viewer } from "./viewer.ts";

export const SubmissionKindSchema = z.enum(["run", "submit"]);
export const LanguageSchema = z.enum(["typescript", "javascript"]);
export const SubmissionStatusSchema = z.enum(["queued", "running", "graded"]);

export const CreateSubmissionSchema = z.strictObject({
  itemId: z.string().min(1).max(64),
  kind: SubmissionKindSchema,
  language: LanguageSchema.default("typescript"),
  code: z.string().max(1024 * 1024),
});
export type CreateSubmissionInput = z.infer<typeof CreateSubmissionSchema>;

/** Largest request body the submission endpoint reads: code up to the largest limit, JSON-escaped. */
export const SUBMISSION_BODY_LIMIT = 512 * 1024;

export interface CommentView {
  readonly id: string;
  readonly authorName: string;
  readonly body: string;
  readonly line: number | null;
  readonly createdAt: string;
}

export interface OverrideView {
  readonly points: number;
  readonly reason: string;
  readonly authorName: string;
  readonly createdAt: string;
}

export interface SubmissionView {
  readonly id: string;
  readonly itemId: string;
  readonly exerciseId: string;
  readonly kind: "run" | "submit";
  readonly language: "typescript" | "javascript";
  readonly code: string;
  readonly status: "queued" | "running" | "graded";
  readonly late: boolean;
  readonly createdAt: string;
  readonly gradedAt: string | null;
  /** Points this submission is worth (late penalty applied, or the override), once graded and shown. */
  readonly points: number | null;
  readonly maxPoints: number;
  /** Autograded points before any late penalty. */
  readonly autoPoints: number | null;
  readonly penaltyPercent: number;
  /** The newest manual score, which replaces the autograded one. */
  readonly override: OverrideView | null;
  readonly comments: readonly CommentView[];
  /** Redacted for students (hidden tests show only their status) and cut to the set's feedback policy. */
  readonly result: GradeResult | null;
  /** Why less is shown than usual (the set's feedback policy), if it is. */
  readonly feedbackNote: string | null;
  /** Tests passed and run, when the policy shows only counts. */
  readonly counts: { readonly passed: number; readonly total: number } | null;
}

/** Stores a submission (queued) and returns at once; the grader host grades it. */
export async function createSubmission(viewer: Viewer, input: CreateSubmissionInput): Promise<SubmissionView> {
  const db = await database();
  const { item, set, role } = await loadItem(db, viewer, input.itemId);
  const exercise = findExercise(item.exerciseId);
  if (!exercise) throw notFound("This exercise");
  const now = new Date();

  // Staff may try anything; a student's submission must fit the set's rules.
  if (!isStaff(role)) {
    const exam = await examState(db, viewer, set, now);
    if (exam.kind === "not_started") throw forbidden("Start the exam from the problem set's page first; the clock starts then.");
    if (exam.kind === "finished") throw forbidden("Your time for this exam is up; nothing was submitted.");
    if (input.kind === "submit" && set.lateWork === "refuse" && now > set.dueAt) {
      throw forbidden("This set does not accept late work: the due date has passed. Nothing was submitted.");
    }
    if (input.kind === "submit" && set.maxAttempts !== null) {
      const [used] = await db.$queryRaw<{ n: number }[]>`SELECT COUNT(*) AS "n" FROM "Submission" WHERE "userId" = ${viewer.id} AND "itemId" = ${item.id} AND "kind" = 'submit'`;
      if (Number(used?.n ?? 0) >= set.maxAttempts) throw forbidden(`You have used all ${set.maxAttempts} attempts for this exercise. Run still checks the visible tests.`);
    }
  }

  const limits = effectiveLimits(exercise.limits);
  const bytes = Buffer.byteLength(input.code, "utf8");
  if (bytes > limits.maxSourceBytes) {
    throw payloadTooLarge(`Your code is ${(bytes / 1024).toFixed(1)} KB; the limit for this exercise is ${limits.maxSourceBytes / 1024} KB. Nothing was submitted.`);
  }

  // Raw SQL on this path (and below): it runs for every Run and Submit.
  const perMinute = input.kind === "submit" ? env().SUBMISSIONS_PER_MINUTE : env().RUNS_PER_MINUTE;
  const windowStart = new Date(Date.now() - 60_000);
  const recent = await db.$queryRaw<{ createdAt: Date }[]>`
    SELECT "createdAt" FROM "Submission" WHERE "userId" = ${viewer.id} AND "kind" = ${input.kind} AND "createdAt" > ${windowStart}
    ORDER BY "createdAt" LIMIT ${perMinute}`;
  if (recent.length >= perMinute) {
    const retryAfter = (recent[0]!.createdAt.getTime() + 60_000 - Date.now()) / 1000;
    throw rateLimited(`You can ${input.kind === "submit" ? "submit" : "run your code"} ${perMinute} times a minute. Try again in ${Math.ceil(retryAfter)} s; your code is saved as a draft.`, retryAfter);
  }

  const submission: StoredRow = {
    id: randomUUID(),
    userId: viewer.id,
    itemId: item.id,
    exerciseId: item.exerciseId,
    kind: input.kind,
    language: input.language,
    code: input.code,
    seed: variantSeed(viewer.id, item.id),
    status: "queued",
    score: null,
    maxScore: null,
    result: null,
    late: input.kind === "submit" && now > set.dueAt,
    createdAt: now,
    gradedAt: null,
  };
  await db.$executeRaw`
    INSERT INTO "Submission" ("id", "userId", "itemId", "exerciseId", "kind", "language", "code", "seed", "status", "late", "createdAt")
    VALUES (${submission.id}, ${submission.userId}, ${submission.itemId}, ${submission.exerciseId}, ${submission.kind}, ${submission.language},
            ${submission.code}, ${submission.seed}, 'queued', ${submission.late}, ${submission.createdAt})`;
  graderChannel().notifyQueued();
  return toView({ ...submission, comments: [], overrides: [] }, item.points, set, false);
}

/** A submission's own columns, as the views need them. */
interface StoredRow {
  id: string;
  userId: string;
  itemId: string;
  exerciseId: string;
  kind: string;
  language: string;
  code: string;
  seed: number;
  status: string;
  score: number | null;
  maxScore: number | null;
  result: string | null;
  late: boolean;
  createdAt: Date;
  gradedAt: Date | null;
}

type SubmissionRow = StoredRow & {
  comments: { id: string; body: string; line: number | null; createdAt: Date; author: { name: string } }[];
  overrides: { points: number; reason: string; createdAt: Date; author: { name: string } }[];
};

interface SetPolicy {
  readonly dueAt: Date;
  readonly lateWork: string;
  readonly latePenaltyPerDay: number;
  readonly latePenaltyCap: number;
  readonly feedback: string;
}

/** Parses a stored result; a malformed one is logged and treated as missing rather than crashing a page. */
export function parseStoredResult(id: string, stored: string | null): GradeResult | null {
  if (!stored) return null;
  const parsed = GradeResultSchema.safeParse(JSON.parse(stored));
  if (parsed.success) return parsed.data;
  console.error(`Submission ${id} has a result that does not match the schema`, parsed.error.issues.slice(0, 3));
  return null;
}

function toView(row: SubmissionRow, maxPoints: number, set: SetPolicy, forStaff: boolean, now = new Date()): SubmissionView {
  const stored = parseStoredResult(row.id, row.result);
  const shown = forStaff ? { result: stored, note: null, counts: null } : applyFeedbackPolicy(stored && redactForStudent(stored), set, now);
  const withheld = !forStaff && feedbackWithheld(set, now);
  const latest = row.overrides[0];
  const scored =
    row.status === "graded" && !withheld
      ? scoreSubmission({ id: row.id, createdAt: row.createdAt, status: row.status, score: row.score, maxScore: row.maxScore, overridePoints: latest?.points ?? null }, maxPoints, set)
      : null;
  return {
    id: row.id,
    itemId: row.itemId,
    exerciseId: row.exerciseId,
    kind: SubmissionKindSchema.parse(row.kind),
    language: LanguageSchema.parse(row.language),
    code: row.code,
    status: SubmissionStatusSchema.parse(row.status),
    late: row.late,
    createdAt: row.createdAt.toISOString(),
    gradedAt: row.gradedAt?.toISOString() ?? null,
    points: scored?.points ?? null,
    maxPoints,
    autoPoints: scored?.autoPoints ?? null,
    penaltyPercent: scored?.penaltyPercent ?? 0,
    override: latest && !withheld ? { points: latest.points, reason: latest.reason, authorName: latest.author.name, createdAt: latest.createdAt.toISOString() } : null,
    comments: row.comments.map((c) => ({ id: c.id, authorName: c.author.name, body: c.body, line: c.line, createdAt: c.createdAt.toISOString() })),
    result: shown.result,
    feedbackNote: shown.note,
    counts: shown.counts,
  };
}

interface ReadRow extends StoredRow {
  points: number;
  dueAt: Date;
  lateWork: string;
  latePenaltyPerDay: number;
  latePenaltyCap: number;
  feedback: string;
  role: string | null;
  /** JSON arrays built by the database (prisma/sql.ts), so one statement brings everything. */
  commentsJson: string;
  overrideJson: string;
}

const StoredCommentsSchema = z.array(z.object({ id: z.string(), body: z.string(), line: z.number().nullable(), createdAt: z.string(), authorName: z.string() }));
const StoredOverrideSchema = z.array(z.object({ points: z.number(), reason: z.string(), createdAt: z.string(), authorName: z.string() }));

/**
 * A submission for its owner, or for staff of its course; anyone else gets "not found".
 * Raw SQL: the exercise page reads a submission at least twice per Run or Submit.
 */
export async function readSubmission(viewer: Viewer, id: string): Promise<SubmissionView> {
  const db = await database();
  const [row] = await db.$queryRaw<ReadRow[]>`
    SELECT sub."id", sub."userId", sub."itemId", sub."exerciseId", sub."kind", sub."language", sub."code", sub."seed", sub."status",
           sub."score", sub."maxScore", sub."result", sub."late", sub."createdAt", sub."gradedAt",
           i."points", s."dueAt", s."lateWork", s."latePenaltyPerDay", s."latePenaltyCap", s."feedback", e."role",
           ${jsonArray(db, {
             fields: { id: sql`c."id"`, body: sql`c."body"`, line: sql`c."line"`, createdAt: { timestamp: sql`c."createdAt"` }, authorName: sql`u."name"` },
             from: sql`(SELECT * FROM "Comment" WHERE "submissionId" = sub."id" ORDER BY "createdAt") c JOIN "User" u ON u."id" = c."authorId"`,
             orderBy: sql`c."createdAt"`,
           })} AS "commentsJson",
           ${jsonArray(db, {
             fields: { points: sql`o."points"`, reason: sql`o."reason"`, createdAt: { timestamp: sql`o."createdAt"` }, authorName: sql`u."name"` },
             from: sql`(SELECT * FROM "ScoreOverride" WHERE "submissionId" = sub."id" ORDER BY "createdAt" DESC LIMIT 1) o JOIN "User" u ON u."id" = o."authorId"`,
             orderBy: sql`o."createdAt" DESC`,
           })} AS "overrideJson"
    FROM "Submission" sub
    JOIN "ProblemSetItem" i ON i."id" = sub."itemId"
    JOIN "ProblemSet" s ON s."id" = i."problemSetId"
    LEFT JOIN "Enrollment" e ON e."courseId" = s."courseId" AND e."userId" = ${viewer.id}
    WHERE sub."id" = ${id}`;
  if (!row) throw notFound("This submission");
  const role = row.role === null ? null : RoleSchema.parse(row.role);
  // Enrolment is checked even for the owner: someone removed from a course loses access.
  if (!role || (row.userId !== viewer.id && !isStaff(role))) throw notFound("This submission");
  const comments = StoredCommentsSchema.parse(JSON.parse(row.commentsJson));
  const overrides = StoredOverrideSchema.parse(JSON.parse(row.overrideJson));
  const { points, dueAt, lateWork, latePenaltyPerDay, latePenaltyCap, feedback, role: _role, commentsJson: _c, overrideJson: _o, ...stored } = row;
  return toView(
    {
      ...stored,
      seed: Number(stored.seed),
      late: Boolean(stored.late),
      comments: comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt), author: { name: c.authorName } })),
      overrides: overrides.map((o) => ({ ...o, createdAt: new Date(o.createdAt), author: { name: o.authorName } })),
    },
    Number(points),
    { dueAt, lateWork, latePenaltyPerDay, latePenaltyCap, feedback },
    isStaff(role),
  );
}

/**
 * Waits until the submission is graded or `waitMs` passes: woken by the grader host's message
 * when the line to it is up, and checking the database at least every 250 ms regardless.
 */
export async function readSubmissionWhenGraded(viewer: Viewer, id: string, waitMs: number): Promise<SubmissionView> {
  const deadline = Date.now() + waitMs;
  const nextWake = () => graderChannel().waitForGraded(id, Math.max(1, Math.min(250, deadline - Date.now())));
  // Listening before each look at the database, so a message in between is not missed.
  let wake = nextWake();
  let current = await readSubmission(viewer, id);
  while (current.status !== "graded" && Date.now() < deadline) {
    await wake;
    wake = nextWake();
    current = await readSubmission(viewer, id);
  }
  return current;
}

export interface HistoryEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly status: "queued" | "running" | "graded";
  readonly verdict: string | null;
  readonly points: number | null;
  readonly maxPoints: number;
  readonly late: boolean;
}

/** The viewer's own submissions (Submit presses) for an item, newest first. */
export async function submissionHistory(viewer: Viewer, itemId: string): Promise<HistoryEntry[]> {
  const db = await database();
  const { item, set } = await loadItem(db, viewer, itemId);
  const rows = await db.submission.findMany({
    where: { userId: viewer.id, itemId, kind: "submit" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, status: true, verdict: true, score: true, maxScore: true, late: true, overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } } },
    take: 200,
  });
  const withheld = feedbackWithheld(set);
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    status: SubmissionStatusSchema.parse(row.status),
    verdict: withheld ? null : row.verdict,
    points:
      row.status === "graded" && !withheld
        ? scoreSubmission({ ...row, overridePoints: row.overrides[0]?.points ?? null }, item.points, set).points
        : null,
    maxPoints: item.points,
    late: row.late,
  }));
}
