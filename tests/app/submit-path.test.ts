/**
 * The busiest path of the app, Run and Submit, on a real database: a submission is checked in
 * one statement and stored in another; requests that wait for its verdict (`?wait=`) read it
 * only when it is graded or their time is up, and a grader host whose wake-up messages never
 * reach the web server (no line between them) still wakes them, through one sweep of the
 * database for all of them. The check's counts read an index, not the student's stored
 * submissions, so it does not slow down as they pile up.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { createSubmission, readSubmissionWhenGraded } = await import("../../app/_server/submissions.ts");
const { GraderHost } = await import("../../grader/host/host.ts");
const { DEMO_USERS } = await import("../../prisma/seed.ts");
const { readSolution } = await import("../../exercises/fixtures.ts");
const { Prisma } = await import("../../prisma/generated/client.ts");
const { providerOf } = await import("../../prisma/client.ts");

const student: Viewer = DEMO_USERS[0];
const ITEM = "ml101-week1-backprop-warmup";
const WAITERS = 12;
let host: InstanceType<typeof GraderHost> | null = null;

afterAll(async () => {
  await host?.stop();
});

async function submitMany(count = WAITERS): Promise<Awaited<ReturnType<typeof createSubmission>>[]> {
  const code = readSolution("backprop-warmup", "correct");
  const created = [];
  for (let i = 0; i < count; i++) created.push(await createSubmission(student, { itemId: ITEM, kind: "run", language: "typescript", code: `${code}\n// try ${i}\n` }));
  return created;
}

beforeAll(async () => {
  // The demo's classmates' submissions are queued too: grade them first, out of the way.
  const db = await database();
  await db.submission.updateMany({ where: { status: "queued" }, data: { status: "graded" } });
});

describe("storing a submission", () => {
  it("checks every rule in one statement and stores it in another", async () => {
    const db = await database();
    const reads = vi.spyOn(db, "$queryRaw");
    const writes = vi.spyOn(db, "$executeRaw");
    const [created] = await submitMany(1);
    expect(created!.status).toBe("queued");
    expect([reads.mock.calls.length, writes.mock.calls.length]).toEqual([1, 1]);
    reads.mockRestore();
    writes.mockRestore();
    await db.submission.update({ where: { id: created!.id }, data: { status: "graded" } });
  });
});

/** How the database runs `statement`: SQLite's plan, or PostgreSQL's with scans of whole tables ruled out (its tables here are too small to use an index otherwise). */
async function planOf(db: Awaited<ReturnType<typeof database>>, statement: InstanceType<typeof Prisma.Sql>): Promise<string> {
  if (providerOf(db) === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${statement.sql}`, ...statement.values);
    return rows.map((row) => row.detail).join("\n");
  }
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
    return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement.text}`, ...statement.values);
  });
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("the check before storing", () => {
  it("counts the student's attempts and recent submissions from an index, never reading their stored submissions", async () => {
    const db = await database();
    // A student who has worked a while: the planner chooses by the table's statistics.
    const history = Array.from({ length: 600 }, (_, i) => ({
      userId: student.id,
      itemId: i % 3 === 0 ? ITEM : "ml101-week1-forward-pass",
      exerciseId: i % 3 === 0 ? "backprop-warmup" : "forward-pass",
      kind: i % 2 === 0 ? "run" : "submit",
      language: "typescript",
      code: "export const answer = 1;\n".repeat(40),
      seed: 1,
      status: "graded",
      result: JSON.stringify({ tests: "x".repeat(2000) }),
      createdAt: new Date(Date.now() - 86_400_000 - i * 60_000),
    }));
    await db.submission.createMany({ data: history });
    await db.$executeRawUnsafe("ANALYZE");
    const reads = vi.spyOn(db, "$queryRaw");
    const [created] = await submitMany(1);
    const [strings, ...values] = reads.mock.calls[0] as [TemplateStringsArray, ...unknown[]];
    reads.mockRestore();
    await db.submission.update({ where: { id: created!.id }, data: { status: "graded" } });
    const plan = await planOf(db, Prisma.sql(strings, ...values));
    // Each submission's row holds its code and its result: reading them made every Run and
    // Submit cost more with each attempt the student had made.
    if (providerOf(db) === "sqlite") {
      expect(plan).toMatch(/SEARCH u USING COVERING INDEX Submission_userId_itemId_kind_createdAt_idx \(userId=\? AND itemId=\? AND kind=\?\)/);
      expect(plan).toMatch(/SEARCH r USING COVERING INDEX Submission_userId_kind_createdAt_idx \(userId=\? AND kind=\? AND createdAt>\?\)/);
    } else {
      expect(plan).toMatch(/Index Only Scan using "Submission_userId_itemId_kind_createdAt_idx" on "Submission" u/);
      expect(plan).toMatch(/Index Only Scan using "Submission_userId_kind_createdAt_idx" on "Submission" r/);
    }
  });
});

describe("waiting for a verdict", () => {
  it("reads each submission once when nothing grades it before its time is up, however many wait", async () => {
    const created = await submitMany();
    const db = await database();
    const reads = vi.spyOn(db, "$queryRaw");
    const answers = await Promise.all(created.map((submission) => readSubmissionWhenGraded(student, submission.id, 1200, submission)));
    expect(answers.map((a) => a.status)).toEqual(created.map(() => "queued"));
    // One read each, at the deadline; polling each one every 250 ms would make about five each.
    expect(reads.mock.calls.length).toBe(WAITERS);
    reads.mockRestore();
    // Out of the way of the next test.
    await db.submission.updateMany({ where: { id: { in: created.map((c) => c.id) } }, data: { status: "graded" } });
  });

  it("wakes every waiting request when a grader host it has no line to grades their submissions", async () => {
    const created = await submitMany();
    const db = await database();
    const waiting = created.map((submission) => readSubmissionWhenGraded(student, submission.id, 30_000, submission));
    // No channel path: the host's "graded" messages go nowhere, as with a host on another machine.
    host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
    await host.start();
    const answers = await Promise.all(waiting);
    expect(answers.map((a) => [a.status, a.result?.verdict])).toEqual(created.map(() => ["graded", "passed"]));
    const stored = await db.submission.findMany({ where: { id: { in: created.map((c) => c.id) } }, select: { gradedAt: true } });
    const lastGraded = Math.max(...stored.map((row) => row.gradedAt!.getTime()));
    // Woken by the sweep, not by the 30 s deadline.
    expect(Date.now() - lastGraded).toBeLessThan(5000);
  });
});
