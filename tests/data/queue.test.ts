/**
 * The submission queue shared by many grader hosts, on both databases: a real SQLite file and a
 * throwaway PostgreSQL server. Hosts are simulated at the queue's level (claim, renew, complete)
 * where the timing is the point, and real grader hosts with real sandboxes drain a burst.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { claimQueued, completeSubmission, queueStatus, releaseHostClaims, renewLeases, type ClaimedSubmission } from "../../prisma/queue.ts";
import { GraderHost } from "../../grader/host/host.ts";
import type { GradeResult } from "../../grader/engine/result.ts";
import { applyPostgresMigrations, startPostgres, type PostgresServer } from "../support/postgres.ts";
import { solution } from "../support/solutions.ts";

const run = promisify(execFile);
const PROVIDERS = ["sqlite", "postgresql"] as const;
const ITEM = { itemId: "ml101-week1-forward-pass", exerciseId: "forward-pass" };

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

async function migratedAndSeeded(provider: (typeof PROVIDERS)[number]): Promise<string> {
  let url: string;
  if (provider === "postgresql") {
    url = await server.createDatabase("queue");
    await applyPostgresMigrations(url);
  } else {
    url = `file:${join(mkdtempSync(join(tmpdir(), "epoch-queue-")), "epoch.db")}`;
    await run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" } });
  }
  await run(process.execPath, ["prisma/seed.ts"], { env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" } });
  return url;
}

function result(verdict: GradeResult["verdict"] = "passed"): GradeResult {
  return { exerciseId: ITEM.exerciseId, seed: 1, mode: "submit", verdict, score: 1, maxScore: 1, summary: "", tests: [], hidden: { total: 0, passed: 0 }, timing: { totalMs: 0 }, redacted: false };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(PROVIDERS)("the queue on %s", (provider) => {
  let url: string;
  let db: Database;
  let other: Database;

  beforeAll(async () => {
    url = await migratedAndSeeded(provider);
    // On PostgreSQL each simulated host has its own client (its own connections), as separate
    // processes would. SQLite's lock waits block the thread that waits, so two clients of one
    // file in one process can wait on each other: there, hosts in one process share a client.
    db = await createDatabase(url);
    other = provider === "postgresql" ? await createDatabase(url) : db;
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    if (other !== db) await other?.$disconnect();
  });
  beforeEach(async () => {
    await db.submission.deleteMany({});
  });

  async function enqueue(count: number, code = "export {}"): Promise<string[]> {
    const base = Date.now();
    const rows = Array.from({ length: count }, (_, i) => ({ userId: "demo-student", ...ITEM, kind: "submit", language: "typescript", code, seed: 3_000_000_000 + i, createdAt: new Date(base + i) }));
    await db.submission.createMany({ data: rows });
    return (await db.submission.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map((r) => r.id);
  }

  it("lets two hosts drain a burst with every submission claimed and graded once", async () => {
    const ids = await enqueue(300);
    const seen = new Map<string, string[]>();
    const drain = async (client: Database, host: string) => {
      for (let idle = 0; idle < 5; ) {
        const claims = await claimQueued(client, { host, limit: 8, leaseMs: 30_000 });
        if (claims.length === 0) {
          idle++;
          await sleep(5);
          continue;
        }
        for (const claim of claims) {
          seen.set(claim.id, [...(seen.get(claim.id) ?? []), host]);
          expect(await completeSubmission(client, claim, result())).toBe(true);
        }
      }
    };
    await Promise.all([drain(db, "host-a"), drain(other, "host-b"), drain(db, "host-c"), drain(other, "host-d")]);
    expect([...seen.values()].filter((hosts) => hosts.length > 1)).toEqual([]);
    expect(seen.size).toBe(300);
    const rows = await db.submission.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "graded" && r.gradingAttempts === 1 && r.claimToken === null && r.leaseUntil === null)).toBe(true);
    expect(new Set(rows.map((r) => r.graderHost)).size).toBeGreaterThan(1);
    expect(rows.every((r) => r.seed >= 3_000_000_000)).toBe(true);
  });

  it("gives a dead host's leased submissions to another host once the lease lapses, and refuses the dead host's late result", async () => {
    await enqueue(5);
    const leaseMs = 600;
    const dead = await claimQueued(db, { host: "dies", limit: 5, leaseMs });
    expect(dead).toHaveLength(5);
    const started = Date.now();
    const takenOver: ClaimedSubmission[] = [];
    let earliest = Number.POSITIVE_INFINITY;
    while (takenOver.length < 5 && Date.now() - started < leaseMs + 3000) {
      const claims = await claimQueued(other, { host: "survives", limit: 5, leaseMs: 30_000 });
      if (claims.length > 0) earliest = Math.min(earliest, Date.now() - started);
      takenOver.push(...claims);
      await sleep(20);
    }
    expect(takenOver.map((c) => c.id).sort()).toEqual(dead.map((c) => c.id).sort());
    // Not before the lease lapsed, and soon after.
    expect(earliest).toBeGreaterThanOrEqual(leaseMs - 50);
    expect(Date.now() - started).toBeLessThan(leaseMs + 1500);
    expect(takenOver.every((c) => c.gradingAttempts === 2)).toBe(true);
    for (const claim of takenOver) expect(await completeSubmission(other, claim, result("passed"))).toBe(true);
    // The first host comes back after all: its result is not written over the new one.
    for (const claim of dead) expect(await completeSubmission(db, claim, result("failed"))).toBe(false);
    const rows = await db.submission.findMany({});
    expect(rows.map((r) => [r.status, r.verdict, r.graderHost])).toEqual(rows.map(() => ["graded", "passed", "survives"]));
  });

  it("keeps a slow submission with the host that renews its lease", async () => {
    await enqueue(1);
    // Renewed six times a lease: a busy machine may delay a renewal by a second without the lease lapsing.
    const leaseMs = 1500;
    const [slow] = await claimQueued(db, { host: "slow", limit: 1, leaseMs });
    const started = Date.now();
    let stolen = 0;
    while (Date.now() - started < leaseMs * 3) {
      expect(await renewLeases(db, [slow!.claimToken], leaseMs)).toBe(1);
      stolen += (await claimQueued(other, { host: "greedy", limit: 5, leaseMs })).length;
      await sleep(leaseMs / 6);
    }
    expect(stolen).toBe(0);
    expect(await completeSubmission(db, slow!, result())).toBe(true);
    const row = await db.submission.findFirstOrThrow({});
    expect([row.status, row.gradingAttempts, row.graderHost]).toEqual(["graded", 1, "slow"]);
  });

  it("releases at start only what the same host name held, not other hosts' work", async () => {
    await enqueue(4);
    await claimQueued(db, { host: "restarting", limit: 2, leaseMs: 60_000 });
    await claimQueued(db, { host: "busy", limit: 2, leaseMs: 60_000 });
    expect(await releaseHostClaims(db, "restarting")).toBe(2);
    const status = await queueStatus(db);
    expect([status.queued, status.running, status.lapsed]).toEqual([2, 2, 0]);
    expect(await db.submission.count({ where: { status: "running", graderHost: "busy" } })).toBe(2);
  });

  it("has a real grader host renew the leases of everything it claimed, so slow work is not taken over", async () => {
    // Claimed together (one claim token), graded one after the other by a pool of one, each
    // running every test into its time limit (about 4 s a submission): the second waits for the
    // first, holding its lease more than twice as long as the lease lasts.
    await enqueue(2, "export function forward() {\n  for (;;) {}\n}\n");
    // The host renews every third of a lease, so two seconds of scheduling delay (seen on a
    // loaded two-core CI machine running other test files beside this one) is no lapse.
    const logged: string[] = [];
    const host = new GraderHost(db, { name: "steady", poolSize: 1, leaseMs: 3000, checkExercises: false, log: (line) => logged.push(line) });
    await host.start();
    let stolen = 0;
    try {
      const started = Date.now();
      while ((await db.submission.count({ where: { status: "graded" } })) < 2 && Date.now() - started < 30_000) {
        stolen += (await claimQueued(other, { host: "greedy", limit: 5, leaseMs: 60_000 })).length;
        await sleep(100);
      }
    } finally {
      await host.stop();
    }
    expect(stolen, `taken over; the host logged:\n${logged.join("\n")}`).toBe(0);
    const rows = await db.submission.findMany({});
    expect(rows.map((r) => [r.status, r.gradingAttempts, r.graderHost])).toEqual([
      ["graded", 1, "steady"],
      ["graded", 1, "steady"],
    ]);
  }, 60_000);

  it("puts back what a stopping host did not finish within its grace period, for other hosts to take at once", async () => {
    await enqueue(1, `${solution("forward-pass", "correct")}\nlet spun = 0;\nfor (let spin = 0; spin < 6e8; spin++) spun = (spun * 31 + spin) | 0;\nexport const spinResult = spun;\n`);
    const host = new GraderHost(db, { name: "leaving", poolSize: 1, leaseMs: 60_000, checkExercises: false, log: () => {} });
    await host.start();
    const started = Date.now();
    while ((await db.submission.count({ where: { status: "running" } })) === 0 && Date.now() - started < 10_000) await sleep(20);
    await host.stop(100);
    const row = await db.submission.findFirstOrThrow({});
    expect([row.status, row.claimToken, row.leaseUntil]).toEqual(["queued", null, null]);
    expect((await claimQueued(other, { host: "next", limit: 1, leaseMs: 60_000 })).map((c) => c.id)).toEqual([row.id]);
    expect((await db.graderHost.findUniqueOrThrow({ where: { name: "leaving" } })).stoppedAt).not.toBeNull();
  }, 30_000);

  it("has real grader hosts share a burst, grade each submission once and take over a dead host's lease", async () => {
    const ids = await enqueue(8, solution("forward-pass", "correct"));
    // A host that claimed two and died: its lease lapses after a second.
    const abandoned = await claimQueued(db, { host: "killed", limit: 2, leaseMs: 1000 });
    const hosts = [new GraderHost(db, { name: "real-a", poolSize: 1, leaseMs: 2000, checkExercises: false, log: () => {} }), new GraderHost(other, { name: "real-b", poolSize: 1, leaseMs: 2000, checkExercises: false, log: () => {} })];
    await Promise.all(hosts.map((h) => h.start()));
    try {
      const started = Date.now();
      while ((await db.submission.count({ where: { status: "graded" } })) < ids.length && Date.now() - started < 40_000) await sleep(50);
      const status = await queueStatus(db);
      expect(status.hosts.filter((h) => !h.stopped).map((h) => h.name).sort()).toEqual(["real-a", "real-b"]);
      const rows = await db.submission.findMany({});
      expect(rows.map((r) => r.verdict)).toEqual(rows.map(() => "passed"));
      const retaken = new Set(abandoned.map((c) => c.id));
      expect(rows.map((r) => r.gradingAttempts)).toEqual(rows.map((r) => (retaken.has(r.id) ? 2 : 1)));
      expect(rows.every((r) => r.graderHost === "real-a" || r.graderHost === "real-b")).toBe(true);
    } finally {
      await Promise.all(hosts.map((h) => h.stop()));
    }
    const stopped = await db.graderHost.findMany({ where: { name: { in: ["real-a", "real-b"] } } });
    expect(stopped.every((h) => h.stoppedAt !== null)).toBe(true);
    expect(stopped.reduce((sum, h) => sum + h.graded, 0)).toBe(ids.length);
  }, 60_000);
});
