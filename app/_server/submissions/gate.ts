/**
 * What Run, Submit and a calculation's answers check before a submission is stored, read in one
 * statement: the item with its set, course and the viewer's role (access.ts), the student's
 * extension, accommodation and exam session on the set, their submits of the item so far, and
 * their submissions of this kind in the last minute. These ran as up to six queries on the
 * busiest path of the app, and each query costs the web server more than the SQL itself.
 */
import "server-only";
import type { Database } from "../../../prisma/client.ts";
import { Prisma } from "../../../prisma/generated/client.ts";
import { env } from "../../../config.ts";
import { loadItemWith, type LoadedItem, type SetRow } from "../access.ts";
import { examStateOf, type ExamState } from "../exams.ts";
import { applyTerms, effectiveTerms, type EffectiveTerms } from "../extensions/terms.ts";
import { rateLimited } from "../errors.ts";
import { isStaff } from "../roles.ts";
import type { Viewer } from "../viewer.ts";

export type SubmissionKind = "run" | "submit";

export interface SubmitGate extends LoadedItem {
  /** The set as this viewer is held to it: a student's own terms (extensions, accommodations) in place, staff the set's. */
  readonly set: SetRow & { readonly terms?: EffectiveTerms };
  readonly exam: ExamState;
  /** The viewer's submits of this item so far. */
  readonly attemptsUsed: number;
  /** The viewer's submissions of the kind asked for in the last minute, counted up to the limit. */
  readonly recentOfKind: number;
}

interface GateColumns {
  readonly extensionUserId: string | null;
  readonly extensionDueAt: Date | string | null;
  readonly extensionExtraAttempts: number | bigint | null;
  readonly extensionExtraMinutes: number | bigint | null;
  readonly accommodationTimeMultiplier: number | null;
  readonly examStartedAt: Date | string | null;
  readonly examEndsAt: Date | string | null;
  readonly attemptsUsed: number | bigint;
  readonly recentOfKind: number | bigint;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const asCount = (value: number | bigint | null): number | null => (value === null ? null : Number(value));

export function perMinuteLimit(kind: SubmissionKind): number {
  return kind === "submit" ? env().SUBMISSIONS_PER_MINUTE : env().RUNS_PER_MINUTE;
}

/** Reads everything the rules need about `viewer` submitting to `itemId` now, checking that they may open it. */
export async function openSubmitGate(db: Database, viewer: Viewer, itemId: string, kind: SubmissionKind, now: Date): Promise<SubmitGate> {
  const windowStart = new Date(now.getTime() - 60_000);
  const { loaded, extra } = await loadItemWith<GateColumns>(
    db,
    viewer,
    itemId,
    Prisma.sql`, x."userId" AS "extensionUserId", x."dueAt" AS "extensionDueAt", x."extraAttempts" AS "extensionExtraAttempts",
      x."extraMinutes" AS "extensionExtraMinutes", a."timeMultiplier" AS "accommodationTimeMultiplier",
      es."startedAt" AS "examStartedAt", es."endsAt" AS "examEndsAt",
      (SELECT COUNT(*) FROM "Submission" u WHERE u."userId" = ${viewer.id} AND u."itemId" = i."id" AND u."kind" = 'submit') AS "attemptsUsed",
      (SELECT COUNT(*) FROM (SELECT 1 FROM "Submission" r WHERE r."userId" = ${viewer.id} AND r."kind" = ${kind} AND r."createdAt" > ${windowStart}
                             LIMIT ${perMinuteLimit(kind)}) "recent") AS "recentOfKind"`,
    Prisma.sql`
      LEFT JOIN "Extension" x ON x."problemSetId" = s."id" AND x."userId" = ${viewer.id}
      LEFT JOIN "Accommodation" a ON a."courseId" = s."courseId" AND a."userId" = ${viewer.id}
      LEFT JOIN "ExamSession" es ON es."problemSetId" = s."id" AND es."userId" = ${viewer.id}`,
  );
  const extension =
    extra.extensionUserId === null
      ? null
      : {
          dueAt: extra.extensionDueAt === null ? null : asDate(extra.extensionDueAt),
          extraAttempts: asCount(extra.extensionExtraAttempts),
          extraMinutes: asCount(extra.extensionExtraMinutes),
        };
  const accommodation = extra.accommodationTimeMultiplier === null ? null : { timeMultiplier: Number(extra.accommodationTimeMultiplier) };
  const set = isStaff(loaded.role) ? loaded.set : applyTerms(loaded.set, effectiveTerms(loaded.set, extension, accommodation));
  const session = extra.examStartedAt === null || extra.examEndsAt === null ? null : { startedAt: asDate(extra.examStartedAt), endsAt: asDate(extra.examEndsAt) };
  return {
    ...loaded,
    set,
    exam: examStateOf(set, session, now),
    attemptsUsed: Number(extra.attemptsUsed),
    recentOfKind: Number(extra.recentOfKind),
  };
}

/**
 * At most RUNS_PER_MINUTE runs and SUBMISSIONS_PER_MINUTE submits in any minute per viewer.
 * The gate counted them; only a viewer at the limit costs one more query (when to try again).
 */
export async function enforceRateLimit(db: Database, viewer: Viewer, kind: SubmissionKind, gate: Pick<SubmitGate, "recentOfKind">, now: Date): Promise<void> {
  const perMinute = perMinuteLimit(kind);
  if (gate.recentOfKind < perMinute) return;
  const windowStart = new Date(now.getTime() - 60_000);
  const [oldest] = await db.$queryRaw<{ createdAt: Date }[]>`
    SELECT "createdAt" FROM "Submission" WHERE "userId" = ${viewer.id} AND "kind" = ${kind} AND "createdAt" > ${windowStart}
    ORDER BY "createdAt" LIMIT 1`;
  const retryAfter = Math.max(1, ((oldest ? asDate(oldest.createdAt).getTime() : now.getTime()) + 60_000 - Date.now()) / 1000);
  throw rateLimited(
    `You can ${kind === "submit" ? "submit" : "run your code"} ${perMinute} times a minute. Try again in ${Math.ceil(retryAfter)} s; your code is saved as a draft.`,
    retryAfter,
  );
}
