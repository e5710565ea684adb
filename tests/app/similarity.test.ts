/**
 * Similarity reports on a real database file: only the course's TAs and instructors may run
 * one; over a seeded set of kmeans-step submissions the renamed copies rank first and the honest
 * pair that shares only the starter ranks low; each student's latest Submit is what counts; who
 * ran it is logged; no score changes; the side-by-side view maps matches to lines.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import * as code from "../support/similarity-submissions.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { statusOf } = await import("../support/request-status.ts");
const { exerciseFiles } = await import("../../exercises/registry.ts");
const { runSimilarityReport, similarityComparison, similarityTargets } = await import("../../app/_server/staff/similarity.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("s-instructor");
const ta = viewer("s-ta");
const otherTa = viewer("s-other-ta");
const COURSE = "s-course";
const ITEM = "s-week-kmeans";
const OTHER_ITEM = "s-week-fp";

/** Student handle → [language, code] of their Submits, oldest first. */
const SUBMITS: Record<string, [string, string][]> = {
  copier: [["typescript", code.COPY_ORIGINAL]],
  renamer: [["javascript", code.COPY_RENAMED]],
  // Submitted the copy once, then wrote their own: only the latest Submit counts.
  changed: [
    ["typescript", code.COPY_ORIGINAL],
    ["typescript", code.HONEST_LOOPS],
  ],
  helper: [["typescript", code.HONEST_HELPERS]],
  idle: [["typescript", exerciseFiles("kmeans-step").starters.typescript]],
  pyOne: [["python", code.PYTHON_ORIGINAL]],
  pyTwo: [["python", code.PYTHON_RENAMED]],
};
const student = (handle: string) => viewer(`s-${handle}`);

beforeAll(async () => {
  const db = await database();
  const people = [instructor, ta, otherTa, ...Object.keys(SUBMITS).map(student)];
  for (const user of people) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "S-1", title: "Similarity course", term: "Now" } });
  await db.course.create({ data: { id: "s-other", code: "S-2", title: "Other course", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      { userId: otherTa.id, courseId: "s-other", role: "ta" },
      ...Object.keys(SUBMITS).map((handle) => ({ userId: student(handle).id, courseId: COURSE, role: "student" })),
    ],
  });
  await db.problemSet.create({
    data: {
      id: "s-week",
      courseId: COURSE,
      title: "Week 3",
      opensAt: new Date(Date.now() - 86_400_000),
      dueAt: new Date(Date.now() + 86_400_000),
      items: {
        create: [
          { id: ITEM, exerciseId: "kmeans-step", points: 10, position: 0 },
          { id: OTHER_ITEM, exerciseId: "forward-pass", points: 10, position: 1 },
        ],
      },
    },
  });
  let minute = 0;
  for (const [handle, submits] of Object.entries(SUBMITS)) {
    for (const [index, [language, source]] of submits.entries()) {
      await db.submission.create({
        data: {
          id: `s-${handle}-${index}`,
          userId: student(handle).id,
          itemId: ITEM,
          exerciseId: "kmeans-step",
          kind: "submit",
          language,
          code: source,
          seed: 1,
          status: "graded",
          verdict: "passed",
          score: 9,
          maxScore: 9,
          createdAt: new Date(Date.now() - 3_600_000 + minute++ * 60_000),
        },
      });
    }
  }
  // A TA trying the exercise is not a student: never compared.
  await db.submission.create({
    data: { id: "s-ta-try", userId: ta.id, itemId: ITEM, exerciseId: "kmeans-step", kind: "submit", language: "typescript", code: code.COPY_ORIGINAL, seed: 1, status: "graded" },
  });
  await db.submission.create({
    data: { id: "s-other-item", userId: student("copier").id, itemId: OTHER_ITEM, exerciseId: "forward-pass", kind: "submit", language: "typescript", code: "x", seed: 1 },
  });
});

const pairOf = (p: { a: { student: { id: string } }; b: { student: { id: string } } }) => [p.a.student.id, p.b.student.id].sort().join("+");
const pairKey = (x: string, y: string) => [student(x).id, student(y).id].sort().join("+");

describe("who may run a similarity report", () => {
  it("refuses students and staff of other courses, on every similarity call", async () => {
    for (const outsider of [student("copier"), otherTa]) {
      expect(await statusOf(runSimilarityReport(outsider, COURSE, ITEM))).toBe(404);
      expect(await statusOf(similarityTargets(outsider, COURSE))).toBe(404);
      expect(await statusOf(similarityComparison(outsider, COURSE, "s-copier-0", "s-renamer-0"))).toBe(404);
    }
    const db = await database();
    expect(await db.auditEvent.count({ where: { action: "similarity.report" } })).toBe(0);
  });

  it("lets the course's TA and instructor run it, and refuses an exercise of another course", async () => {
    expect(await statusOf(runSimilarityReport(ta, COURSE, ITEM))).toBe(200);
    expect(await statusOf(runSimilarityReport(instructor, COURSE, ITEM))).toBe(200);
    const db = await database();
    await db.problemSet.create({
      data: {
        id: "s-other-set",
        courseId: "s-other",
        title: "Elsewhere",
        opensAt: new Date(),
        dueAt: new Date(),
        items: { create: [{ id: "s-elsewhere", exerciseId: "kmeans-step", points: 1, position: 0 }] },
      },
    });
    expect(await statusOf(runSimilarityReport(ta, COURSE, "s-elsewhere"))).toBe(404);
    expect(await statusOf(runSimilarityReport(ta, COURSE, "no-such-item"))).toBe(404);
  });
});

describe("a report over seeded submissions", () => {
  it("ranks the renamed copies first and the honest pair that shares the starter low", async () => {
    const report = await runSimilarityReport(ta, COURSE, ITEM);
    expect(report.compared).toBe(Object.keys(SUBMITS).length);
    const ranked = report.pairs.map(pairOf);
    expect(ranked.slice(0, 2).sort()).toEqual([pairKey("copier", "renamer"), pairKey("pyOne", "pyTwo")].sort());
    expect(report.pairs[0]!.score).toBeGreaterThan(0.8);
    const honest = report.pairs.find((p) => pairOf(p) === pairKey("changed", "helper"));
    expect(honest?.score ?? 0).toBeLessThan(0.15);
    // The untouched starter shares nothing with anyone once the starter is left out.
    expect(ranked.some((key) => key.includes(student("idle").id))).toBe(false);
  });

  it("compares each student's latest Submit only, and students only", async () => {
    const report = await runSimilarityReport(ta, COURSE, ITEM);
    const ids = report.pairs.flatMap((p) => [p.a.submissionId, p.b.submissionId]);
    expect(ids).not.toContain("s-changed-0");
    expect(ids).not.toContain("s-ta-try");
    expect(report.pairs.find((p) => pairOf(p) === pairKey("changed", "copier"))?.score ?? 0).toBeLessThan(0.15);
  });

  it("logs who ran it and changes no score", async () => {
    const db = await database();
    const before = await db.submission.findMany({ where: { itemId: ITEM }, select: { id: true, score: true, verdict: true }, orderBy: { id: "asc" } });
    const auditBefore = await db.auditEvent.count({ where: { action: "similarity.report" } });
    const overridesBefore = await db.scoreOverride.count();
    await runSimilarityReport(instructor, COURSE, ITEM);
    const events = await db.auditEvent.findMany({ where: { action: "similarity.report" }, orderBy: { createdAt: "desc" } });
    expect(events).toHaveLength(auditBefore + 1);
    expect(events[0]).toMatchObject({ courseId: COURSE, actorId: instructor.id, targetType: "item", targetId: ITEM });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ exerciseId: "kmeans-step", compared: Object.keys(SUBMITS).length });
    expect(await db.submission.findMany({ where: { itemId: ITEM }, select: { id: true, score: true, verdict: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.scoreOverride.count()).toBe(overridesBefore);
  });

  it("lists the course's exercises with how many students submitted each", async () => {
    const sets = await similarityTargets(ta, COURSE);
    expect(sets).toEqual([
      {
        setTitle: "Week 3",
        items: [
          { id: ITEM, title: expect.any(String), submitted: Object.keys(SUBMITS).length },
          { id: OTHER_ITEM, title: expect.any(String), submitted: 1 },
        ],
      },
    ]);
  });
});

describe("side by side", () => {
  it("maps the copies' matching regions to lines of each submission", async () => {
    const comparison = await similarityComparison(ta, COURSE, "s-copier-0", "s-renamer-0");
    expect(comparison.a.student.id).toBe(student("copier").id);
    expect(comparison.b.language).toBe("javascript");
    expect(comparison.regions.length).toBeGreaterThan(0);
    expect(comparison.regions[0]).toMatchObject({ a: { from: 1 }, b: { from: 1 } });
  });

  it("shows no region between an honest solution and the untouched starter", async () => {
    expect((await similarityComparison(ta, COURSE, "s-changed-1", "s-idle-0")).regions).toEqual([]);
  });

  it("refuses two submissions to different exercises", async () => {
    expect(await statusOf(similarityComparison(ta, COURSE, "s-copier-0", "s-other-item"))).toBe(404);
    expect(await statusOf(similarityComparison(ta, COURSE, "s-copier-0", "missing"))).toBe(404);
  });
});
