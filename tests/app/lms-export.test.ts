/**
 * Gradebook exports for Canvas and Moodle, read back against the layouts their importers
 * document: Canvas's student columns and "Points Possible" row, Moodle's single header row with
 * an email column to map users by; one column per set, RFC 4180 quoting, no grade left blank
 * in both, numbers as on the gradebook page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import { parseCsv } from "../support/csv.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { statusOf } = await import("../support/request-status.ts");
const { courseGradebook } = await import("../../app/_server/staff/gradebook.ts");
const { canvasGradebookCsv, moodleGradebookCsv, lmsGradebookCsv, LmsFormatSchema } = await import("../../app/_server/staff/lms-export.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const ta = viewer("l-ta");
const COURSE = "l-course";
const DAY = 86_400_000;
const STUDENTS = [
  { id: "l-ada", email: "ada@uni.test", name: "Lovelace, Ada" },
  { id: "l-bob", email: "bob@uni.test", name: '=HYPERLINK("x") "Bob"' },
  { id: "l-cy", email: "cy@uni.test", name: "Cy Idle" },
];
const SETS = [
  { id: "l-s1", title: "Week 1: vectors, norms", due: -3, items: [["l-s1-a", "forward-pass", 10] as const, ["l-s1-b", "backprop-warmup", 5] as const] },
  { id: "l-s2", title: "Quiz", due: -2, items: [["l-s2-a", "kmeans-step", 4] as const] },
  { id: "l-s3", title: "Quiz", due: -1, items: [["l-s3-a", "cosine-similarity", 6.5] as const] },
];

beforeAll(async () => {
  const db = await database();
  await db.user.create({ data: { id: ta.id, email: ta.email, name: ta.name, passwordHash: "x" } });
  for (const s of STUDENTS) await db.user.create({ data: { ...s, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "L-1", title: "LMS course", term: "Now" } });
  await db.enrollment.createMany({ data: [{ userId: ta.id, courseId: COURSE, role: "ta" }, ...STUDENTS.map((s) => ({ userId: s.id, courseId: COURSE, role: "student" }))] });
  for (const set of SETS) {
    await db.problemSet.create({
      data: {
        id: set.id,
        courseId: COURSE,
        title: set.title,
        opensAt: new Date(Date.now() - 10 * DAY),
        dueAt: new Date(Date.now() + set.due * DAY),
        items: { create: set.items.map(([id, exerciseId, points], position) => ({ id, exerciseId, points, position })) },
      },
    });
  }
  const graded = (id: string, userId: string, itemId: string, score: number, maxScore: number) =>
    db.submission.create({
      data: {
        id,
        userId,
        itemId,
        exerciseId: "x",
        kind: "submit",
        language: "typescript",
        code: "x",
        seed: 1,
        status: "graded",
        verdict: "failed",
        score,
        maxScore,
        createdAt: new Date(Date.now() - 5 * DAY),
      },
    });
  // Ada: 6/9 of 10 points and 9/9 of 5 in week 1; 2/4 of 4 in the first quiz. Bob: 0 on the second quiz, overridden to 3.
  await graded("l-1", "l-ada", "l-s1-a", 6, 9);
  await graded("l-2", "l-ada", "l-s1-b", 9, 9);
  await graded("l-3", "l-ada", "l-s2-a", 2, 4);
  await graded("l-4", "l-bob", "l-s3-a", 0, 9);
  await db.scoreOverride.create({ data: { submissionId: "l-4", authorId: ta.id, points: 3, reason: "partial credit" } });
});

async function exported(format: "canvas" | "moodle") {
  const gradebook = await courseGradebook(ta, COURSE);
  const text = format === "canvas" ? canvasGradebookCsv(gradebook) : moodleGradebookCsv(gradebook);
  return { gradebook, text, rows: parseCsv(text) };
}

describe("Canvas gradebook import format", () => {
  it("starts with Canvas's student columns, then one column per set, titles told apart and quoted", async () => {
    const { rows, text } = await exported("canvas");
    expect(rows[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 1: vectors, norms", "Quiz — due " + dueDate(-2), "Quiz — due " + dueDate(-1)]);
    expect(text.split("\r\n")[0]).toContain(',"Week 1: vectors, norms",');
    expect(rows.every((row) => row.length === 8)).toBe(true);
  });

  it("gives each set's points possible in the second row", async () => {
    const { rows } = await exported("canvas");
    expect(rows[1]![0]!.trim()).toBe("Points Possible");
    expect(rows[1]!.slice(1)).toEqual(["", "", "", "", "15", "4", "6.5"]);
  });

  it("identifies students by SIS Login ID (their email), with set totals as on the gradebook and blanks for nothing graded", async () => {
    const { rows, gradebook } = await exported("canvas");
    const byLogin = new Map(rows.slice(2).map((row) => [row[3], row]));
    expect(byLogin.size).toBe(STUDENTS.length);
    const ada = gradebook.rows.find((r) => r.student.id === "l-ada")!;
    expect(byLogin.get("ada@uni.test")).toEqual(["Lovelace, Ada", "", "", "ada@uni.test", "", String(ada.setTotals["l-s1"]), String(ada.setTotals["l-s2"]), ""]);
    expect(ada.setTotals["l-s1"]).toBeCloseTo(6.67 + 5, 1);
    expect(byLogin.get("bob@uni.test")!.slice(5)).toEqual(["", "", "3"]);
    expect(byLogin.get("cy@uni.test")!.slice(5)).toEqual(["", "", ""]);
  });

  it("keeps a name from turning into a formula, quoting it", async () => {
    const { rows, text } = await exported("canvas");
    expect(rows.find((row) => row[3] === "bob@uni.test")![0]).toBe(`'=HYPERLINK("x") "Bob"`);
    expect(text).toContain(`"'=HYPERLINK(""x"") ""Bob"""`);
  });

  it("ends every row with CRLF", async () => {
    const { text } = await exported("canvas");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(2 + STUDENTS.length + 1);
  });
});

describe("Moodle grade import format", () => {
  it("has one header row (email, name, one column per set with its points possible) and no points row", async () => {
    const { rows } = await exported("moodle");
    expect(rows[0]).toEqual(["Email address", "Full name", "Week 1: vectors, norms [15]", `Quiz — due ${dueDate(-2)} [4]`, `Quiz — due ${dueDate(-1)} [6.5]`]);
    expect(rows).toHaveLength(1 + STUDENTS.length);
    // Moodle aborts the import on a row whose user it cannot find: every row must name a student.
    expect(
      rows
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(STUDENTS.map((s) => s.email).sort());
  });

  it("writes set totals as numbers and an empty cell for no grade", async () => {
    const { rows, gradebook } = await exported("moodle");
    const ada = gradebook.rows.find((r) => r.student.id === "l-ada")!;
    const byEmail = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byEmail.get("ada@uni.test")!.slice(2)).toEqual([String(ada.setTotals["l-s1"]), "2", ""]);
    expect(byEmail.get("bob@uni.test")!.slice(2)).toEqual(["", "", "3"]);
    expect(byEmail.get("cy@uni.test")!.slice(2)).toEqual(["", "", ""]);
  });
});

describe("export formats", () => {
  it("accepts canvas and moodle only, and chooses the layout by name", async () => {
    expect(LmsFormatSchema.safeParse("canvas").success).toBe(true);
    expect(LmsFormatSchema.safeParse("blackboard").success).toBe(false);
    const gradebook = await courseGradebook(ta, COURSE);
    expect(lmsGradebookCsv("canvas", gradebook)).toBe(canvasGradebookCsv(gradebook));
    expect(lmsGradebookCsv("moodle", gradebook)).toBe(moodleGradebookCsv(gradebook));
  });

  it("is staff data: a student of the course gets nothing", async () => {
    expect(await statusOf(courseGradebook(viewer("l-ada"), COURSE))).toBe(404);
  });
});

function dueDate(days: number): string {
  // The sets were created a moment ago with due dates whole days away.
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}
