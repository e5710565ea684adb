/**
 * The submission queue, kept in the database: the web app inserts rows with status "queued";
 * a grader host claims them ("running"), grades them and writes the result ("graded"). A
 * claim carries a token, so a result is written once, by the host holding the latest claim.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../prisma/client.ts";
import type { GradeResult } from "./result.ts";

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

/** Claims up to `limit` queued submissions, oldest first. */
export async function claimQueued(db: Database, limit: number): Promise<ClaimedSubmission[]> {
  if (limit <= 0) return [];
  const candidates = await db.submission.findMany({
    where: { status: "queued" },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, exerciseId: true, kind: true, language: true, code: true, seed: true, gradingAttempts: true },
  });
  const claimed: ClaimedSubmission[] = [];
  for (const candidate of candidates) {
    const claimToken = randomUUID();
    // Conditional on still being queued: two hosts never hold the same submission.
    const { count } = await db.submission.updateMany({
      where: { id: candidate.id, status: "queued" },
      data: { status: "running", claimToken, startedAt: new Date(), gradingAttempts: { increment: 1 } },
    });
    if (count === 1) claimed.push({ ...candidate, claimToken, gradingAttempts: candidate.gradingAttempts + 1 });
  }
  return claimed;
}

/** Stores a result; false when the claim was lost (another host now holds the submission). */
export async function completeSubmission(db: Database, claim: ClaimedSubmission, result: GradeResult): Promise<boolean> {
  const { count } = await db.submission.updateMany({
    where: { id: claim.id, status: "running", claimToken: claim.claimToken },
    data: {
      status: "graded",
      verdict: result.verdict,
      score: result.score,
      maxScore: result.maxScore,
      result: JSON.stringify(result),
      gradedAt: new Date(),
      claimToken: null,
    },
  });
  return count === 1;
}

/** Puts a submission back in the queue, e.g. after the grader failed on it. */
export async function releaseSubmission(db: Database, claim: ClaimedSubmission): Promise<void> {
  await db.submission.updateMany({ where: { id: claim.id, claimToken: claim.claimToken }, data: { status: "queued", claimToken: null } });
}
