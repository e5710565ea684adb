import "server-only";
import { z } from "zod";
import { jsonArray, sql } from "../../../prisma/sql.ts";
import { database } from "../db.ts";
import { notFound } from "../errors.ts";
import { graderChannel } from "../grader-channel.ts";
import { RoleSchema, isStaff } from "../roles.ts";
import type { Viewer } from "../viewer.ts";
import { effectiveTerms } from "../extensions/terms.ts";
import { toView, type StoredRow, type SubmissionView } from "./view.ts";

interface ReadRow extends StoredRow {
  points: number;
  dueAt: Date;
  lateWork: string;
  latePenaltyPerDay: number;
  latePenaltyCap: number;
  feedback: string;
  setKind: string;
  /** The submitter's extended due date on this set, if staff gave one. */
  extensionDueAt: Date | string | null;
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
           i."points", s."dueAt", s."lateWork", s."latePenaltyPerDay", s."latePenaltyCap", s."feedback", s."kind" AS "setKind", x."dueAt" AS "extensionDueAt", e."role",
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
    LEFT JOIN "Extension" x ON x."problemSetId" = s."id" AND x."userId" = sub."userId"
    WHERE sub."id" = ${id}`;
  if (!row) throw notFound("This submission");
  const role = row.role === null ? null : RoleSchema.parse(row.role);
  // Enrolment is checked even for the owner: someone removed from a course loses access.
  if (!role || (row.userId !== viewer.id && !isStaff(role))) throw notFound("This submission");
  const comments = StoredCommentsSchema.parse(JSON.parse(row.commentsJson));
  const overrides = StoredOverrideSchema.parse(JSON.parse(row.overrideJson));
  const {
    points,
    dueAt: setDueAt,
    lateWork,
    latePenaltyPerDay,
    latePenaltyCap,
    feedback,
    setKind,
    extensionDueAt,
    role: _role,
    commentsJson: _c,
    overrideJson: _o,
    ...stored
  } = row;
  // The submitter's due date (an extension moves it), whoever reads: penalties and withheld feedback follow it.
  const extension = extensionDueAt === null ? null : { dueAt: new Date(extensionDueAt), extraAttempts: null, extraMinutes: null };
  const { dueAt } = effectiveTerms({ kind: setKind, dueAt: new Date(setDueAt), maxAttempts: null, timeLimitMinutes: null }, extension, null);
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
 * when the line to it is up, or by the channel's sweep of the database (grader-channel.ts), and
 * reads the submission only then.
 */
export async function readSubmissionWhenGraded(viewer: Viewer, id: string, waitMs: number, justStored?: SubmissionView): Promise<SubmissionView> {
  const deadline = Date.now() + waitMs;
  const nextWake = () => graderChannel().waitForGraded(id, Math.max(1, deadline - Date.now()));
  // Listening before each look at the database, so a message in between is not missed.
  let wake = nextWake();
  // A submission stored by this very request is queued: no need to read it back before a wake-up.
  let current = justStored ?? (await readSubmission(viewer, id));
  while (current.status !== "graded" && Date.now() < deadline) {
    await wake;
    wake = nextWake();
    current = await readSubmission(viewer, id);
  }
  return current;
}
