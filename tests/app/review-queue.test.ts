/**
 * The review queue at course scale: 10,000 Submits (200 students × 10 exercises × 5 attempts)
 * filtered, sorted and paged in the database, checked against the same answer worked out here
 * from the seeded rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const review = await import("../../app/_server/staff/review.ts");
const { listExercises } = await import("../../exercises/registry.ts");
const { statusOf } = await import("../support/request-status.ts");

const COURSE = "rq-course";
const STUDENTS = 200;
const ATTEMPTS = 5;
const ta: Viewer = { id: "rq-ta", email: "rq-ta@epoch.test", name: "Queue TA" };
const DAY = 24 * 3600_000;
const VERDICTS = ["passed", "failed", "compile_error", "failed", "passed"] as const;

interface Seeded {
  id: string;
  userId: string;
  itemId: string;
  exerciseId: string;
  verdict: string;
  createdAt: Date;
  reviewed: boolean;
}
const seeded: Seeded[] = [];
let exerciseIds: string[] = [];

beforeAll(async () => {
  const db = await database();
  exerciseIds = listExercises()
    .slice(0, 10)
    .map((e) => e.id);
  expect(exerciseIds).toHaveLength(10);
  await db.user.create({ data: { id: ta.id, email: ta.email, name: ta.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "RQ-1", title: "Queue course", term: "Now" } });
  await db.enrollment.create({ data: { userId: ta.id, courseId: COURSE, role: "ta" } });
  for (const [setIndex, setId] of ["rq-set-a", "rq-set-b"].entries()) {
    await db.problemSet.create({
      data: {
        id: setId,
        courseId: COURSE,
        title: `Set ${setIndex + 1}`,
        opensAt: new Date(Date.now() - (20 - setIndex) * DAY),
        dueAt: new Date(Date.now() + 5 * DAY),
        items: { create: exerciseIds.slice(setIndex * 5, setIndex * 5 + 5).map((exerciseId, position) => ({ id: `${setId}-${exerciseId}`, exerciseId, points: 10, position })) },
      },
    });
  }
  const users = Array.from({ length: STUDENTS }, (_, i) => ({ id: `rq-s${i}`, email: `rq-s${i}@epoch.test`, name: `Student ${String(i).padStart(3, "0")}`, passwordHash: "x" }));
  await db.user.createMany({ data: users });
  await db.enrollment.createMany({ data: users.map((u) => ({ userId: u.id, courseId: COURSE, role: "student" })) });
  const base = Date.now() - 10 * DAY;
  const rows = [];
  let n = 0;
  for (const [s, user] of users.entries()) {
    for (const [e, exerciseId] of exerciseIds.entries()) {
      const itemId = `${e < 5 ? "rq-set-a" : "rq-set-b"}-${exerciseId}`;
      for (let a = 0; a < ATTEMPTS; a++) {
        const id = `rq-${s}-${e}-${a}`;
        const createdAt = new Date(base + n++ * 1000);
        const verdict = VERDICTS[(s + e + a) % VERDICTS.length]!;
        // Every seventh latest Submit is reviewed already.
        const reviewed = a === ATTEMPTS - 1 && (s + e) % 7 === 0;
        seeded.push({ id, userId: user.id, itemId, exerciseId, verdict, createdAt, reviewed });
        rows.push({
          id,
          userId: user.id,
          itemId,
          exerciseId,
          kind: "submit",
          language: "typescript",
          code: "export {}",
          seed: 1,
          status: "graded",
          verdict,
          score: verdict === "passed" ? 1 : 0,
          maxScore: 1,
          createdAt,
          reviewedAt: reviewed ? createdAt : null,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await db.submission.createMany({ data: rows.slice(i, i + 1000) });
}, 120_000);

/** The expected queue, worked out from the seeded rows: each pair's latest Submit. */
function latestPairs(): Seeded[] {
  const latest = new Map<string, Seeded>();
  for (const row of seeded) {
    const key = `${row.userId}:${row.itemId}`;
    const seen = latest.get(key);
    if (!seen || row.createdAt > seen.createdAt) latest.set(key, row);
  }
  return [...latest.values()];
}

describe("the review queue with 10,000 submissions", () => {
  it("pages the latest Submit per student and exercise, newest first, with attempts counted", async () => {
    const started = performance.now();
    const first = await review.reviewQueuePage(ta, COURSE, {});
    const ms = performance.now() - started;
    console.warn(`review queue, first page of ${first.total} pairs from ${seeded.length} submissions: ${ms.toFixed(0)} ms`);
    const expected = latestPairs().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(first.total).toBe(STUDENTS * 10);
    expect(first.pages).toBe(Math.ceil((STUDENTS * 10) / review.REVIEW_PAGE_SIZE));
    expect(first.entries.map((e) => e.submissionId)).toEqual(expected.slice(0, review.REVIEW_PAGE_SIZE).map((e) => e.id));
    expect(first.entries.every((e) => e.attempts === ATTEMPTS)).toBe(true);
    expect(first.unreviewed).toBe(expected.filter((e) => !e.reviewed).length);
    const third = await review.reviewQueuePage(ta, COURSE, { page: 3 });
    expect(third.entries.map((e) => e.submissionId)).toEqual(expected.slice(100, 150).map((e) => e.id));
    // Past the last page: the last page.
    expect((await review.reviewQueuePage(ta, COURSE, { page: 999 })).page).toBe(first.pages);
    expect(ms).toBeLessThan(5000);
  });

  it("filters by student, exercise, verdict and 'needs review' in the query, across every page", async () => {
    const byStudent = await review.reviewQueuePage(ta, COURSE, { student: "student 017" });
    expect(byStudent.total).toBe(10);
    expect(new Set(byStudent.entries.map((e) => e.student.id))).toEqual(new Set(["rq-s17"]));
    // Email matches too, in any case; LIKE's wildcards are taken literally.
    expect((await review.reviewQueuePage(ta, COURSE, { student: "RQ-S199@" })).total).toBe(10);
    expect((await review.reviewQueuePage(ta, COURSE, { student: "%" })).total).toBe(0);

    const exerciseId = exerciseIds[3]!;
    const failed = await review.reviewQueuePage(ta, COURSE, { exerciseId, verdict: "failed", pageSize: 500 });
    const expectedFailed = latestPairs().filter((e) => e.exerciseId === exerciseId && e.verdict === "failed");
    expect(failed.total).toBe(expectedFailed.length);
    expect(new Set(failed.entries.map((e) => e.submissionId))).toEqual(new Set(expectedFailed.map((e) => e.id)));

    const started = performance.now();
    const needs = await review.reviewQueuePage(ta, COURSE, { needsReview: "yes", sort: "student" });
    console.warn(`review queue, "needs review" sorted by student: ${(performance.now() - started).toFixed(0)} ms`);
    const expectedNeeds = latestPairs().filter((e) => !e.reviewed && e.verdict !== "passed");
    expect(needs.total).toBe(expectedNeeds.length);
    expect(needs.entries.every((e) => !e.reviewed && e.verdict !== "passed")).toBe(true);
    const names = needs.entries.map((e) => e.student.name);
    expect(names).toEqual([...names].sort());
    expect(needs.entries[0]!.student.name).toBe("Student 000");
  });

  it("sorts by set and exercise, and refuses a student", async () => {
    const bySet = await review.reviewQueuePage(ta, COURSE, { sort: "exercise", pageSize: 200 });
    expect(bySet.entries.every((e) => e.setId === "rq-set-a" && e.exerciseId === exerciseIds[0])).toBe(true);
    expect(await statusOf(review.reviewQueuePage({ id: "rq-s1", email: "rq-s1@epoch.test", name: "x" }, COURSE, {}))).toBe(404);
  });
});
