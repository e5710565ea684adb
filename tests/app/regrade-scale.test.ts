/**
 * Regrades at course scale on a real database and a real grader host: entries are claimed in
 * batches under one lease, graded in parallel in the pool, written in batches (each result once,
 * only by the holder of its claim), the run's progress is visible while it grades, and students'
 * own submissions still go first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import { solution } from "../support/solutions.ts";
import type { Viewer } from "../../app/_server/viewer.ts";
import { bareResult } from "../support/grade-results.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const regrade = await import("../../app/_server/staff/regrade.ts");
const queue = await import("../../prisma/queue.ts");
const { GraderHost } = await import("../../grader/host/host.ts");

const instructor: Viewer = { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing" };
const COURSE = "ml101";
const ITEM = "ml101-week1-forward-pass";
const correct = solution("forward-pass", "correct");
const mistaken = solution("forward-pass", "missing-bias");

async function seedGraded(prefix: string, count: number): Promise<void> {
  const db = await database();
  await db.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, email: `${prefix}-${i}@scale.test`, name: `${prefix} ${i}`, passwordHash: "x" })),
  });
  await db.enrollment.createMany({ data: Array.from({ length: count }, (_, i) => ({ userId: `${prefix}-${i}`, courseId: COURSE, role: "student" })) });
  await db.submission.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      userId: `${prefix}-${i}`,
      itemId: ITEM,
      exerciseId: "forward-pass",
      kind: "submit",
      language: "typescript",
      code: i % 2 === 0 ? correct : mistaken,
      seed: i,
      status: "graded",
      verdict: "failed",
      score: 0,
      maxScore: 1,
    })),
  });
}

beforeAll(async () => {
  const db = await database();
  // Only this test's submissions: the demo's queued work would otherwise go first.
  await db.submission.deleteMany({});
});

describe("the regrade queue", () => {
  it("claims a batch in one go under one lease, never the same entry twice, and stores each result once", async () => {
    await seedGraded("q", 30);
    const { runId } = await regrade.requestRegrade(instructor, COURSE, { exerciseId: "forward-pass" });
    const db = await database();
    const first = await queue.claimQueuedRegrades(db, 20, 60_000);
    const second = await queue.claimQueuedRegrades(db, 20, 60_000);
    expect(first).toHaveLength(20);
    expect(new Set(first.map((c) => c.claimToken)).size).toBe(1);
    expect(second).toHaveLength(10);
    expect(new Set([...first, ...second].map((c) => c.entryId)).size).toBe(30);
    expect(first[0]!.submission.code.length).toBeGreaterThan(0);
    expect(await queue.claimQueuedRegrades(db, 20, 60_000)).toEqual([]);

    // A stale claim (its lease was taken over) stores nothing; the current holder's batch stores all.
    const stale = { ...first[0]!, claimToken: "not-the-current-claim" };
    expect(await queue.completeRegrades(db, [{ claim: stale, result: bareResult("passed", 1) }])).toBe(0);
    expect(
      await queue.completeRegrades(
        db,
        first.map((claim) => ({ claim, result: bareResult("passed", 1) })),
      ),
    ).toBe(20);
    expect(
      await queue.completeRegrades(
        db,
        first.map((claim) => ({ claim, result: bareResult("failed", 0) })),
      ),
    ).toBe(0); // written once
    expect((await regrade.regradeRun(instructor, runId)).status).toBe("grading");
    expect(
      await queue.completeRegrades(
        db,
        second.map((claim) => ({ claim, result: bareResult("failed", 0) })),
      ),
    ).toBe(10);
    const run = await regrade.regradeRun(instructor, runId);
    expect(run).toMatchObject({ status: "ready", done: 30, total: 30, changed: 20 });

    // Apply writes every entry's result onto its submission in one statement.
    await regrade.applyRegrade(instructor, runId);
    expect(await db.submission.count({ where: { exerciseId: "forward-pass", verdict: "passed", score: 1 } })).toBe(20);
    await db.submission.deleteMany({});
  });

  it("a host releases claims it has not graded when it stops, for another host to take", async () => {
    await seedGraded("r", 6);
    const db = await database();
    const { runId } = await regrade.requestRegrade(instructor, COURSE, { exerciseId: "forward-pass" });
    const claims = await queue.claimQueuedRegrades(db, 10, 60_000);
    await queue.releaseRegrades(db, claims);
    expect(await db.regradeEntry.count({ where: { runId, status: "queued", claimToken: null } })).toBe(6);
    await regrade.discardRegrade(instructor, runId);
    await db.submission.deleteMany({});
  });
});

describe("a regrade through the grader host", () => {
  let host: InstanceType<typeof GraderHost>;
  beforeAll(async () => {
    host = new GraderHost(await database(), { poolSize: 2, log: () => {}, checkExercises: false });
    await host.start();
  });
  afterAll(async () => {
    await host.stop();
  });

  it("grades 120 submissions in parallel, shows progress while it runs, and lets a student's submission go first", async () => {
    await seedGraded("h", 120);
    const db = await database();
    const started = performance.now();
    const { runId } = await regrade.requestRegrade(instructor, COURSE, { exerciseId: "forward-pass" });
    // A student submits while the regrade runs.
    let seenProgress = false;
    let studentId: string | null = null;
    let studentGradedWithEntriesLeft = false;
    for (;;) {
      const run = await regrade.regradeRun(instructor, runId);
      if (run.done > 0 && run.done < run.total) seenProgress = true;
      if (studentId === null && run.done > 0) {
        studentId = (
          await db.submission.create({ data: { userId: "demo-student", itemId: ITEM, exerciseId: "forward-pass", kind: "run", language: "typescript", code: correct, seed: 1 } })
        ).id;
      }
      if (studentId !== null && !studentGradedWithEntriesLeft) {
        const student = await db.submission.findUniqueOrThrow({ where: { id: studentId } });
        if (student.status === "graded" && run.done < run.total) studentGradedWithEntriesLeft = true;
      }
      if (run.status === "ready") break;
      expect(performance.now() - started).toBeLessThan(25_000);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const seconds = (performance.now() - started) / 1000;
    console.warn(`regrade of 120 submissions through a host with a pool of 2: ${seconds.toFixed(2)} s`);
    const run = await regrade.regradeRun(instructor, runId);
    expect(run).toMatchObject({ total: 120, done: 120 });
    expect(run.entries.filter((e) => e.newVerdict === "passed")).toHaveLength(60);
    expect(seenProgress).toBe(true);
    expect(studentGradedWithEntriesLeft).toBe(true);
    // Two per second, as regrades were claimed before, would take a minute.
    expect(seconds).toBeLessThan(20);
  }, 60_000);
});
