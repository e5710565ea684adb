/**
 * The submission queue, kept in the database: the web app inserts rows with status "queued";
 * grader hosts claim them ("running"), grade them and write the result ("graded"). Any number
 * of hosts share the queue:
 *
 * - A claim is a lease: the row says which host holds it (`graderHost`) and until when
 *   (`leaseUntil`). The host renews its leases while grading; when a host dies, its leases
 *   lapse and another host takes those submissions over. Nobody re-queues work wholesale.
 * - A claim carries a token, and a result is stored only by the holder of the current token,
 *   so every result is written once, even when a slow host's lease was taken over.
 * - On PostgreSQL, claims lock the rows they take with `FOR UPDATE SKIP LOCKED`: under READ
 *   COMMITTED a plain conditional update lets two hosts take the same row. SQLite runs one
 *   writer at a time, so one UPDATE statement is atomic there.
 *
 * Lease times come from each host's clock: keep hosts' clocks in sync (NTP), well within a lease.
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "./generated/client.ts";
import { providerOf, type Database } from "./client.ts";

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
  /** The exercise version the submission is graded with (null for submissions from before versions). */
  readonly exerciseVersion: string | null;
  readonly claimToken: string;
  /** Claims so far, this one included. */
  readonly gradingAttempts: number;
}

export interface ClaimOptions {
  /** The claiming host's name, stored on the submission. */
  readonly host: string;
  readonly limit: number;
  /** How long the claim lasts unless renewed. */
  readonly leaseMs: number;
}

/**
 * Claims up to `limit` submissions, oldest first: queued ones, and running ones whose lease
 * lapsed (their host died). One statement. Raw SQL: this runs for every submission, and one
 * statement costs a fraction of the several ORM queries it replaces.
 */
export async function claimQueued(db: Database, { host, limit, leaseMs }: ClaimOptions): Promise<ClaimedSubmission[]> {
  if (limit <= 0) return [];
  const claimToken = randomUUID();
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  // A running row without a lease was claimed before leases existed: its host is gone too.
  const claimable = Prisma.sql`("status" = 'queued' OR ("status" = 'running' AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})))`;
  const set = Prisma.sql`SET "status" = 'running', "claimToken" = ${claimToken}, "graderHost" = ${host}, "leaseUntil" = ${leaseUntil},
      "startedAt" = ${now}, "gradingAttempts" = "gradingAttempts" + 1`;
  const returning = Prisma.sql`RETURNING "id", "exerciseId", "kind", "language", "code", "seed", "exerciseVersion", "gradingAttempts"`;
  // On PostgreSQL, rows another host is locking right now are skipped, not waited for; a row
  // that host took meanwhile fails the condition, which is checked again once locked.
  const lock = providerOf(db) === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  // The chosen ids are a MATERIALIZED CTE, picked once: PostgreSQL may run a LIMIT subquery
  // inside IN more than once, and with SKIP LOCKED each run can pick other rows, claiming
  // more than `limit`.
  const rows = await db.$queryRaw<Omit<ClaimedSubmission, "claimToken">[]>`
    WITH "picked" AS MATERIALIZED (SELECT "id" FROM "Submission" WHERE ${claimable} ORDER BY "createdAt" LIMIT ${limit} ${lock})
    UPDATE "Submission" ${set}
    WHERE "id" IN (SELECT "id" FROM "picked") ${returning}`;
  return rows.map((row) => ({ ...row, seed: Number(row.seed), gradingAttempts: Number(row.gradingAttempts), claimToken }));
}

/**
 * Extends the leases of the claims a host still holds (its heartbeat). Returns how many
 * submissions and regrade entries were renewed: fewer than held means a lease lapsed and was
 * taken over, and that result will be discarded.
 */
export async function renewLeases(db: Database, claimTokens: readonly string[], leaseMs: number): Promise<number> {
  if (claimTokens.length === 0) return 0;
  const leaseUntil = new Date(Date.now() + leaseMs);
  const tokens = Prisma.join(claimTokens);
  const submissions = await db.$executeRaw`UPDATE "Submission" SET "leaseUntil" = ${leaseUntil} WHERE "status" = 'running' AND "claimToken" IN (${tokens})`;
  const regrades = await db.$executeRaw`UPDATE "RegradeEntry" SET "leaseUntil" = ${leaseUntil} WHERE "status" = 'running' AND "claimToken" IN (${tokens})`;
  return submissions + regrades;
}

/** Stores a result; false when the claim was lost (another host took the submission over). */
export async function completeSubmission(db: Database, claim: ClaimedSubmission, result: StoredResult): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Submission"
    SET "status" = 'graded', "verdict" = ${result.verdict}, "score" = ${result.score}, "maxScore" = ${result.maxScore},
        "result" = ${JSON.stringify(result)}, "gradedAt" = ${new Date()}, "claimToken" = NULL, "leaseUntil" = NULL
    WHERE "id" = ${claim.id} AND "status" = 'running' AND "claimToken" = ${claim.claimToken}`;
  return count === 1;
}

/** Puts a submission back in the queue, e.g. after the grader failed on it or its host is stopping. */
export async function releaseSubmission(db: Database, claim: ClaimedSubmission): Promise<void> {
  await db.$executeRaw`
    UPDATE "Submission" SET "status" = 'queued', "claimToken" = NULL, "leaseUntil" = NULL
    WHERE "id" = ${claim.id} AND "status" = 'running' AND "claimToken" = ${claim.claimToken}`;
}

/**
 * Releases whatever is still claimed in `host`'s name: run when a host starts, so a host that
 * restarts under a fixed name (GRADER_HOST_NAME) need not wait for its old leases to lapse.
 * Host names are unique among running hosts, so this never takes work from a live one.
 */
export async function releaseHostClaims(db: Database, host: string): Promise<number> {
  const submissions = await db.$executeRaw`
    UPDATE "Submission" SET "status" = 'queued', "claimToken" = NULL, "leaseUntil" = NULL WHERE "status" = 'running' AND "graderHost" = ${host}`;
  return submissions;
}

export interface ClaimedRegrade {
  readonly entryId: string;
  readonly runId: string;
  readonly submission: Omit<ClaimedSubmission, "claimToken" | "gradingAttempts">;
  readonly claimToken: string;
}

/**
 * Claims up to `limit` regrade entries of runs still grading, oldest first, under one lease
 * token: one statement to claim, one to read their submissions. The host keeps them in a
 * backlog and grades them only with capacity students leave free, renewing their leases meanwhile.
 */
export async function claimQueuedRegrades(db: Database, limit: number, leaseMs: number): Promise<ClaimedRegrade[]> {
  if (limit <= 0) return [];
  const claimToken = randomUUID();
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimable = (entry: Prisma.Sql) =>
    Prisma.sql`(${entry}"status" = 'queued' OR (${entry}"status" = 'running' AND (${entry}"leaseUntil" IS NULL OR ${entry}"leaseUntil" < ${now})))`;
  const lock = providerOf(db) === "postgresql" ? Prisma.sql`FOR UPDATE OF e SKIP LOCKED` : Prisma.empty;
  // The outer condition is checked again on a row another claim changed meanwhile (PostgreSQL).
  // Picked once, as a MATERIALIZED CTE (see claimQueued).
  const rows = await db.$queryRaw<{ id: string; runId: string; submissionId: string }[]>`
    WITH "picked" AS MATERIALIZED (
      SELECT e."id" FROM "RegradeEntry" e JOIN "RegradeRun" r ON r."id" = e."runId"
      WHERE r."status" = 'grading' AND ${claimable(Prisma.raw("e."))}
      ORDER BY e."createdAt" LIMIT ${limit} ${lock})
    UPDATE "RegradeEntry" SET "status" = 'running', "claimToken" = ${claimToken}, "leaseUntil" = ${leaseUntil}
    WHERE ${claimable(Prisma.empty)} AND "id" IN (SELECT "id" FROM "picked")
    RETURNING "id", "runId", "submissionId"`;
  if (rows.length === 0) return [];
  // Raw, as the claim: this runs for every batch, and the ORM compiles each query anew.
  const submissions = await db.$queryRaw<ClaimedRegrade["submission"][]>`
    SELECT "id", "exerciseId", "kind", "language", "code", "seed", "exerciseVersion" FROM "Submission" WHERE "id" IN (${Prisma.join(rows.map((row) => row.submissionId))})`;
  const byId = new Map(submissions.map((s) => [s.id, s]));
  return rows.flatMap((row) => {
    const submission = byId.get(row.submissionId);
    // An entry's submission cannot go while the entry exists (the entry cascades with it).
    return submission ? [{ entryId: row.id, runId: row.runId, submission: { ...submission, seed: Number(submission.seed) }, claimToken }] : [];
  });
}

export interface RegradeOutcome {
  readonly claim: ClaimedRegrade;
  readonly result: StoredResult;
  /** The exercise version the regrade graded with (null for a calculation, which has none); recorded on the submission when applied. */
  readonly exerciseVersion?: string | null;
}

/**
 * Stores regrades' new results (not on the submissions: that waits for "apply") in one
 * statement, each only by the holder of its current claim, then closes every run whose last
 * entry this was. Returns how many results were stored. One statement, not a transaction of
 * many: the entries are independent, and on SQLite each transaction costs a connection.
 */
export async function completeRegrades(db: Database, outcomes: readonly RegradeOutcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  // VALUES columns are named column1… on both databases; the casts give PostgreSQL their types.
  const rows = Prisma.join(
    outcomes.map(
      ({ claim, result, exerciseVersion }) =>
        Prisma.sql`(CAST(${claim.entryId} AS TEXT), CAST(${claim.claimToken} AS TEXT), CAST(${result.verdict} AS TEXT), CAST(${result.score} AS DOUBLE PRECISION), CAST(${result.maxScore} AS DOUBLE PRECISION), CAST(${JSON.stringify(result)} AS TEXT), CAST(${exerciseVersion ?? null} AS TEXT))`,
    ),
  );
  const stored = await db.$executeRaw`
    UPDATE "RegradeEntry"
    SET "status" = 'done', "newVerdict" = v.column3, "newScore" = v.column4, "newMaxScore" = v.column5, "newResult" = v.column6, "newExerciseVersion" = v.column7, "claimToken" = NULL, "leaseUntil" = NULL
    FROM (VALUES ${rows}) AS v
    WHERE "RegradeEntry"."id" = v.column1 AND "RegradeEntry"."status" = 'running' AND "RegradeEntry"."claimToken" = v.column2`;
  // After the write: of two hosts finishing a run's last entries at once, the later one sees both done.
  for (const runId of new Set(outcomes.map((o) => o.claim.runId))) {
    await db.$executeRaw`
      UPDATE "RegradeRun" SET "status" = 'ready', "finishedAt" = ${new Date()}
      WHERE "id" = ${runId} AND "status" = 'grading' AND NOT EXISTS (SELECT 1 FROM "RegradeEntry" WHERE "runId" = ${runId} AND "status" <> 'done')`;
  }
  return stored;
}

/** Stores one regrade's new result; false when the claim was lost. */
export async function completeRegrade(db: Database, claim: ClaimedRegrade, result: StoredResult): Promise<boolean> {
  return (await completeRegrades(db, [{ claim, result }])) === 1;
}

/** Puts regrade entries back in the queue (their host is stopping before it graded them). */
export async function releaseRegrades(db: Database, claims: readonly ClaimedRegrade[]): Promise<void> {
  for (const [token, group] of Map.groupBy(claims, (claim) => claim.claimToken)) {
    const ids = Prisma.join(group.map((claim) => claim.entryId));
    await db.$executeRaw`
      UPDATE "RegradeEntry" SET "status" = 'queued', "claimToken" = NULL, "leaseUntil" = NULL
      WHERE "id" IN (${ids}) AND "status" = 'running' AND "claimToken" = ${token}`;
  }
}

/** Puts a regrade entry back in the queue. */
export async function releaseRegrade(db: Database, claim: ClaimedRegrade): Promise<void> {
  await releaseRegrades(db, [claim]);
}

export interface QueueStatus {
  readonly queued: number;
  /** Age of the oldest queued submission, in ms (0 when none is queued). */
  readonly oldestQueuedMs: number;
  readonly running: number;
  /** Running submissions whose lease lapsed: waiting for a host to take them over. */
  readonly lapsed: number;
  readonly hosts: readonly HostStatus[];
}

export interface HostStatus {
  readonly name: string;
  readonly poolSize: number;
  readonly startedAt: Date;
  readonly heartbeatAgeMs: number;
  readonly stopped: boolean;
  /** Submissions this host holds a lease on now. */
  readonly leases: number;
  /** When its earliest lease lapses unless renewed (null when it holds none). */
  readonly nextLeaseExpiry: Date | null;
  readonly graded: number;
}

/** The queue and its hosts, for `npm run grader:status`. Hosts stopped over an hour ago are left out. */
export async function queueStatus(db: Database): Promise<QueueStatus> {
  const now = Date.now();
  const [queued, oldest, running, lapsed, hosts, leases] = await Promise.all([
    db.submission.count({ where: { status: "queued" } }),
    db.submission.findFirst({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.submission.count({ where: { status: "running" } }),
    db.submission.count({ where: { status: "running", OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date(now) } }] } }),
    db.graderHost.findMany({ where: { OR: [{ stoppedAt: null }, { stoppedAt: { gt: new Date(now - 3600_000) } }] }, orderBy: { startedAt: "asc" } }),
    db.submission.groupBy({ by: ["graderHost"], where: { status: "running" }, _count: { _all: true }, _min: { leaseUntil: true } }),
  ]);
  const leasesBy = new Map(leases.map((l) => [l.graderHost, l]));
  return {
    queued,
    oldestQueuedMs: oldest ? now - oldest.createdAt.getTime() : 0,
    running,
    lapsed,
    hosts: hosts.map((host) => ({
      name: host.name,
      poolSize: host.poolSize,
      startedAt: host.startedAt,
      heartbeatAgeMs: now - host.heartbeatAt.getTime(),
      stopped: host.stoppedAt !== null,
      leases: leasesBy.get(host.name)?._count._all ?? 0,
      nextLeaseExpiry: leasesBy.get(host.name)?._min.leaseUntil ?? null,
      graded: host.graded,
    })),
  };
}
