/**
 * Each language keeps its own draft of an item: saving Python leaves the TypeScript draft as it
 * was, and the page opens in the language saved last. On a real database file.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { readDraft, readDrafts, saveDraft } = await import("../../app/_server/drafts.ts");
const { exercisePage } = await import("../../app/_server/exercise-page.ts");

const student: Viewer = { id: "ld-student", email: "ld-student@epoch.test", name: "Language Student" };
const classmate: Viewer = { id: "ld-classmate", email: "ld-classmate@epoch.test", name: "Classmate" };
const ITEM = "ld-week-forward";
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  const db = await database();
  for (const user of [student, classmate]) await db.user.create({ data: { ...user, passwordHash: "x" } });
  await db.course.create({ data: { id: "ld-course", code: "LD-1", title: "Language drafts", term: "Now" } });
  await db.enrollment.createMany({
    data: [student, classmate].map((user) => ({ userId: user.id, courseId: "ld-course", role: "student" })),
  });
  await db.problemSet.create({
    data: {
      id: "ld-week",
      courseId: "ld-course",
      title: "Weekly set",
      opensAt: new Date(Date.now() - DAY),
      dueAt: new Date(Date.now() + DAY),
      items: { create: [{ id: ITEM, exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
});

describe("drafts per language", () => {
  it("keeps one draft per language, the most recently saved first", async () => {
    const typescript = await saveDraft(student, ITEM, { code: "// TypeScript so far", language: "typescript" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const python = await saveDraft(student, ITEM, { code: "# Python so far", language: "python" });
    expect(await readDrafts(student, ITEM)).toEqual([python, typescript]);
    expect(await readDraft(student, ITEM)).toEqual(python);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const typescriptAgain = await saveDraft(student, ITEM, { code: "// TypeScript, edited", language: "typescript" });
    const drafts = await readDrafts(student, ITEM);
    expect(drafts.map((d) => [d.language, d.code])).toEqual([
      ["typescript", "// TypeScript, edited"],
      ["python", "# Python so far"],
    ]);
    expect(drafts[0]).toEqual(typescriptAgain);
    expect(await readDrafts(classmate, ITEM)).toEqual([]);
  });

  it("gives the exercise page every language's starter and signature, the drafts and Python's visible tests", async () => {
    const page = await exercisePage(student, ITEM);
    expect(page.exercise.starters.python).toContain("def forward(x, layers):");
    expect(page.exercise.starters.typescript).toContain("export function forward");
    expect(page.exercise.signatures.python).toContain("class Layer(TypedDict):");
    expect(page.exercise.signatures.javascript).toBe(page.exercise.signatures.typescript);
    expect(page.drafts.map((d) => d.language)).toEqual(["typescript", "python"]);
    const example = page.examples[0]!;
    expect(example.call).toMatch(/^forward\(x = \[/);
    expect(example.python.call).toMatch(/^forward\(x = \[/);
    expect(page.examples.some((e) => e.python.call !== e.call || e.python.expected !== e.expected)).toBe(true);
  });
});
