/**
 * The gradebook's course total counts what the course counts: published, open, weekly sets by
 * default; a set's own setting includes or excludes it and weights it; the page data and the
 * CSV say which sets count, and agree.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { courseGradebook, gradebookCsv, setCountsInTotal } = await import("../../app/_server/staff/gradebook.ts");
const builder = await import("../../app/_server/staff/builder.ts");
const { statusOf } = await import("../support/request-status.ts");

const COURSE = "gt-course";
const DAY = 24 * 3600_000;
const instructor: Viewer = { id: "gt-instructor", email: "gt-instructor@epoch.test", name: "Instructor" };
const student: Viewer = { id: "gt-student", email: "gt-student@epoch.test", name: "Student" };

/** One set of one 10-point exercise, with the student's full marks on it. */
async function setWithFullMarks(id: string, fields: { published?: boolean; opensAt?: Date; kind?: string; inTotal?: string; totalWeight?: number }): Promise<void> {
  const db = await database();
  await db.problemSet.create({
    data: {
      id,
      courseId: COURSE,
      title: id,
      opensAt: fields.opensAt ?? new Date(Date.now() - 5 * DAY),
      dueAt: new Date(Date.now() + 5 * DAY),
      published: fields.published ?? true,
      kind: fields.kind ?? "weekly",
      ...(fields.inTotal ? { inTotal: fields.inTotal } : {}),
      ...(fields.totalWeight ? { totalWeight: fields.totalWeight } : {}),
      items: { create: [{ id: `${id}-item`, exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
  await db.submission.create({
    data: {
      userId: student.id,
      itemId: `${id}-item`,
      exerciseId: "forward-pass",
      kind: "submit",
      language: "typescript",
      code: "export {}",
      seed: 1,
      status: "graded",
      verdict: "passed",
      score: 1,
      maxScore: 1,
      createdAt: new Date(Date.now() - DAY),
    },
  });
}

beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, student]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "GT-1", title: "Totals", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: student.id, courseId: COURSE, role: "student" },
    ],
  });
  await setWithFullMarks("a-weekly", {});
  await setWithFullMarks("b-unpublished", { published: false });
  await setWithFullMarks("c-not-open", { opensAt: new Date(Date.now() + DAY) });
  await setWithFullMarks("d-exam-practice", { kind: "exam_practice" });
  await setWithFullMarks("e-excluded", { inTotal: "no" });
  await setWithFullMarks("f-exam-counted-double", { kind: "exam_practice", inTotal: "yes", totalWeight: 2 });
});

describe("the course total", () => {
  it("leaves out unpublished, not-yet-open and exam-practice sets by default, and sets excluded by hand", async () => {
    const book = await courseGradebook(instructor, COURSE);
    const bySet = Object.fromEntries(book.sets.map((s) => [s.id, s]));
    expect(bySet["a-weekly"]).toMatchObject({ inTotal: true, totalNote: null, weight: 1 });
    expect(bySet["b-unpublished"]).toMatchObject({ inTotal: false, totalNote: "unpublished: not in the total" });
    expect(bySet["c-not-open"]).toMatchObject({ inTotal: false, totalNote: "not open yet: not in the total" });
    expect(bySet["d-exam-practice"]).toMatchObject({ inTotal: false, totalNote: "exam practice: not in the total" });
    expect(bySet["e-excluded"]).toMatchObject({ inTotal: false, totalNote: "excluded from the total" });
    expect(bySet["f-exam-counted-double"]).toMatchObject({ inTotal: true, totalNote: "counts ×2", weight: 2 });
    const row = book.rows.find((r) => r.student.id === student.id)!;
    // Every set still shows its own total; only a-weekly (10) and f (10 × 2) make up the course total.
    expect(Object.values(row.setTotals)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(row.total).toBe(30);
    expect(book.possible).toBe(30);
  });

  it("writes the same in the CSV, saying in each set's header whether it counts", async () => {
    const csv = gradebookCsv(await courseGradebook(instructor, COURSE));
    const [header, line] = csv
      .trimEnd()
      .split("\r\n")
      .filter((l) => l.startsWith("student_id") || l.startsWith(student.id));
    expect(header).toContain("a-weekly | total [10],");
    expect(header).toContain("b-unpublished | total [10] (not in total)");
    expect(header).toContain("d-exam-practice | total [10] (not in total)");
    expect(header).toContain("f-exam-counted-double | total [10] (×2)");
    expect(header!.endsWith("total [30]")).toBe(true);
    expect(line!.endsWith(",30")).toBe(true);
  });

  it("is a set setting the builder validates and stores", async () => {
    await builder.updateProblemSet(instructor, "a-weekly", { inTotal: "no" });
    expect((await courseGradebook(instructor, COURSE)).possible).toBe(20);
    await builder.updateProblemSet(instructor, "a-weekly", { inTotal: "auto", totalWeight: 0.5 });
    expect((await courseGradebook(instructor, COURSE)).possible).toBe(25);
    expect(builder.UpdateSetSchema.safeParse({ inTotal: "sometimes" }).success).toBe(false);
    expect(builder.UpdateSetSchema.safeParse({ totalWeight: -1 }).success).toBe(false);
    expect(await statusOf(builder.updateProblemSet(student, "a-weekly", { inTotal: "yes" }))).toBe(404);
    // The rule on its own: a set that opens later counts once open.
    expect(setCountsInTotal({ inTotal: "auto", published: true, kind: "weekly", opensAt: new Date(Date.now() + DAY) }).counts).toBe(false);
    expect(setCountsInTotal({ inTotal: "auto", published: true, kind: "weekly", opensAt: new Date(Date.now() + DAY) }, new Date(Date.now() + 2 * DAY)).counts).toBe(true);
  });
});
