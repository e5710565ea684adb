/**
 * The submission queue, kept in the database: the web app inserts rows with status "queued";
 * a grader host claims them ("running"), grades them and writes the result ("graded"). A
 * claim carries a token, so a result is written once, by the host holding the latest claim.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "./client.ts";

/**
 * What the queue stores of a grading result: the headline columns, and the whole result as JSON
 * (the grader's result type; readers validate it with the grader's schema).
 */
export interface StoredResult {
  readonly verdict: string;
  readonly score: number;
  readonly maxScore: number;
}

export interface ClaimedSubmission {
  readonly id: string;
  readonly exerciseId: string;
  readonly kind: string;
  readonly language: string;
  readonly code: string;
  readonly seed: number;
  readonly claimToken: string;
  readonly gradingAttempts: number;
}

/** After a restart, what was running when the previous host stopped is queued again. */
export async function requeueInterrupted(db: Database): Promise<number> {
  const { count } = await db.submission.updateMany({ where: { status: "running" }, data: { status: "queued", claimToken: null } });
  return count;
}

/**
 * Claims up to `limit` queued submissions, oldest first, in one statement (atomic, so two hosts
 * never hold the same submission). Raw SQL: this runs for every submission, and one statement
 * here costs a fraction of the several ORM queries it replaces.
 */
export async function claimQueued(db: Database, limit: number): Promise<ClaimedSubmission[]> {
  if (limit <= 0) return [];
  const claimToken = randomUUID();
  const rows = await db.$queryRaw<Omit<ClaimedSubmission, "claimToken">[]>`
    UPDATE "Submission"
    SET "status" = 'running', "claimToken" = ${claimToken}, "startedAt" = ${new Date()}, "gradingAttempts" = "gradingAttempts" + 1
    WHERE "id" IN (SELECT "id" FROM "Submission" WHERE "status" = 'queued' ORDER BY "createdAt" LIMIT ${limit})
    RETURNING "id", "exerciseId", "kind", "language", "code", "seed", "gradingAttempts"`;
  return rows.map((row) => ({ ...row, seed: Number(row.seed), gradingAttempts: Number(row.gradingAttempts), claimToken }));
}

/** Stores a result; false when the claim was lost (another host now holds the submission). */
export async function completeSubmission(db: Database, claim: ClaimedSubmission, result: StoredResult): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Submission"
    SET "status" = 'graded', "verdict" = ${result.verdict}, "score" = ${result.score}, "maxScore" = ${result.maxScore},
        "result" = ${JSON.stringify(result)}, "gradedAt" = ${new Date()}, "claimToken" = NULL
    WHERE "id" = ${claim.id} AND "status" = 'running' AND "claimToken" = ${claim.claimToken}`;
  return count === 1;
}

/** Puts a submission back in the queue, e.g. after the grader failed on it. */
export async function releaseSubmission(db: Database, claim: ClaimedSubmission): Promise<void> {
  await db.submission.updateMany({ where: { id: claim.id, claimToken: claim.claimToken }, data: { status: "queued", claimToken: null } });
}

export interface ClaimedRegrade {
  readonly entryId: string;
  readonly runId: string;
  readonly submission: Omit<ClaimedSubmission, "claimToken" | "gradingAttempts">;
  readonly claimToken: string;
}

/** Regrade entries wait behind students' submissions: the loop claims them only with capacity to spare. */
export async function claimQueuedRegrades(db: Database, limit: number): Promise<ClaimedRegrade[]> {
  if (limit <= 0) return [];
  const candidates = await db.regradeEntry.findMany({
    where: { status: "queued", run: { status: "grading" } },
    orderBy: { createdAt: "asc" },
    take: limit,
    include: { submission: { select: { id: true, exerciseId: true, kind: true, language: true, code: true, seed: true } } },
  });
  const claimed: ClaimedRegrade[] = [];
  for (const candidate of candidates) {
    const claimToken = randomUUID();
    const { count } = await db.regradeEntry.updateMany({ where: { id: candidate.id, status: "queued" }, data: { status: "running", claimToken } });
    if (count === 1) claimed.push({ entryId: candidate.id, runId: candidate.runId, submission: candidate.submission, claimToken });
  }
  return claimed;
}

/** Stores a regrade's new result (not on the submission: that waits for "apply"), and closes the run when it is the last. */
export async function completeRegrade(db: Database, claim: ClaimedRegrade, result: StoredResult): Promise<void> {
  const { count } = await db.regradeEntry.updateMany({
    where: { id: claim.entryId, status: "running", claimToken: claim.claimToken },
    data: { status: "done", newVerdict: result.verdict, newScore: result.score, newMaxScore: result.maxScore, newResult: JSON.stringify(result), claimToken: null },
  });
  if (count !== 1) return;
  const remaining = await db.regradeEntry.count({ where: { runId: claim.runId, status: { not: "done" } } });
  if (remaining === 0) await db.regradeRun.updateMany({ where: { id: claim.runId, status: "grading" }, data: { status: "ready", finishedAt: new Date() } });
}

/** After a restart, regrade entries that were running are queued again. */
export async function requeueInterruptedRegrades(db: Database): Promise<number> {
  const { count } = await db.regradeEntry.updateMany({ where: { status: "running" }, data: { status: "queued", claimToken: null } });
  return count;
}
