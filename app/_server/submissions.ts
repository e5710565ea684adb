import "server-only";
import { z } from "zod";
import { findExercise } from "../../exercises/registry.ts";
import { effectiveLimits } from "../../exercises/spec/limits.ts";
import { GradeResultSchema, type GradeResult } from "../../grader/result.ts";
import { redactForStudent } from "../../grader/student-view.ts";
import { loadItem, roleIn } from "./access.ts";
import { database } from "./db.ts";
import { env } from "./env.ts";
import { notFound, payloadTooLarge, rateLimited } from "./errors.ts";
import { isStaff } from "./roles.ts";
import { variantSeed } from "./variant.ts";
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
  /** Points earned out of the item's points, once graded. */
  readonly points: number | null;
  readonly maxPoints: number;
  /** Redacted for students: hidden tests show only their status. */
  readonly result: GradeResult | null;
}

/** Stores a submission (queued) and returns at once; the grader host grades it. */
export async function createSubmission(viewer: Viewer, input: CreateSubmissionInput): Promise<SubmissionView> {
  const db = await database();
  const { item, set } = await loadItem(db, viewer, input.itemId);
  const exercise = findExercise(item.exerciseId);
  if (!exercise) throw notFound("This exercise");

  const limits = effectiveLimits(exercise.limits);
  const bytes = Buffer.byteLength(input.code, "utf8");
  if (bytes > limits.maxSourceBytes) {
    throw payloadTooLarge(`Your code is ${(bytes / 1024).toFixed(1)} KB; the limit for this exercise is ${limits.maxSourceBytes / 1024} KB. Nothing was submitted.`);
  }

  const perMinute = input.kind === "submit" ? env().SUBMISSIONS_PER_MINUTE : env().RUNS_PER_MINUTE;
  const windowStart = new Date(Date.now() - 60_000);
  const recent = await db.submission.findMany({
    where: { userId: viewer.id, kind: input.kind, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
    take: perMinute,
  });
  if (recent.length >= perMinute) {
    const retryAfter = (recent[0]!.createdAt.getTime() + 60_000 - Date.now()) / 1000;
    throw rateLimited(`You can ${input.kind === "submit" ? "submit" : "run your code"} ${perMinute} times a minute. Try again in ${Math.ceil(retryAfter)} s; your code is saved as a draft.`, retryAfter);
  }

  const now = new Date();
  const submission = await db.submission.create({
    data: {
      userId: viewer.id,
      itemId: item.id,
      exerciseId: item.exerciseId,
      kind: input.kind,
      language: input.language,
      code: input.code,
      seed: variantSeed(viewer.id, item.id),
      late: input.kind === "submit" && now > set.dueAt,
    },
  });
  return toView(submission, item.points, false);
}

type SubmissionRow = Awaited<ReturnType<Awaited<ReturnType<typeof database>>["submission"]["create"]>>;

function toView(row: SubmissionRow, maxPoints: number, forStaff: boolean): SubmissionView {
  let result: GradeResult | null = null;
  if (row.result) {
    const parsed = GradeResultSchema.safeParse(JSON.parse(row.result));
    if (parsed.success) result = forStaff ? parsed.data : redactForStudent(parsed.data);
    else console.error(`Submission ${row.id} has a result that does not match the schema`, parsed.error.issues.slice(0, 3));
  }
  const points = row.status === "graded" && row.score !== null && row.maxScore ? (maxPoints * row.score) / row.maxScore : row.status === "graded" ? 0 : null;
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
    points,
    maxPoints,
    result,
  };
}

/** A submission for its owner, or for staff of its course; anyone else gets "not found". */
export async function readSubmission(viewer: Viewer, id: string): Promise<SubmissionView> {
  const db = await database();
  const row = await db.submission.findUnique({ where: { id }, include: { item: { include: { problemSet: true } } } });
  if (!row) throw notFound("This submission");
  const role = await roleIn(db, viewer, row.item.problemSet.courseId);
  // Enrolment is checked even for the owner: someone removed from a course loses access.
  if (!role || (row.userId !== viewer.id && !isStaff(role))) throw notFound("This submission");
  const { item, ...submission } = row;
  return toView(submission, item.points, isStaff(role));
}

/** Waits (polling the database) until the submission is graded or `waitMs` passes. */
export async function readSubmissionWhenGraded(viewer: Viewer, id: string, waitMs: number): Promise<SubmissionView> {
  const first = await readSubmission(viewer, id);
  if (first.status === "graded" || waitMs <= 0) return first;
  const db = await database();
  const deadline = Date.now() + waitMs;
  let delay = 15;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, deadline - Date.now())));
    const row = await db.submission.findUnique({ where: { id }, select: { status: true } });
    if (row?.status === "graded") break;
    delay = Math.min(delay * 1.5, 200);
  }
  return readSubmission(viewer, id);
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
  const { item } = await loadItem(db, viewer, itemId);
  const rows = await db.submission.findMany({
    where: { userId: viewer.id, itemId, kind: "submit" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, status: true, verdict: true, score: true, maxScore: true, late: true },
    take: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    status: SubmissionStatusSchema.parse(row.status),
    verdict: row.verdict,
    points: row.status === "graded" ? (row.maxScore ? (item.points * (row.score ?? 0)) / row.maxScore : 0) : null,
    maxPoints: item.points,
    late: row.late,
  }));
}
