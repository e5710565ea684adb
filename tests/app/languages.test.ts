/**
 * The languages a problem set allows, on a real database file: the builder stores the choice,
 * Run and Submit refuse other languages, and the staff pages (analytics, review queue,
 * gradebook) see each submission's language.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { RequestError } = await import("../../app/_server/errors.ts");
const { createSubmission } = await import("../../app/_server/submissions.ts");
const { problemSetOverview } = await import("../../app/_server/problem-sets.ts");
const { exercisePage } = await import("../../app/_server/exercise-page.ts");
const { allowedLanguages, languageRefusal } = await import("../../app/_server/policies.ts");
const builder = await import("../../app/_server/staff/builder.ts");
const review = await import("../../app/_server/staff/review.ts");
const { courseAnalytics } = await import("../../app/_server/staff/analytics.ts");
const { courseGradebook } = await import("../../app/_server/staff/gradebook.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("l-instructor");
const ta = viewer("l-ta");
const alice = viewer("l-alice");
const bob = viewer("l-bob");
const COURSE = "l-course";
const DAY = 24 * 3600_000;
const CODE = "def forward(x):\n    return x\n";

/** The refusal a call ends with (status and message), or null when it succeeds. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; message: string } | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
}

let pythonItem: string;

beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, ta, alice, bob]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "L-1", title: "Languages", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      { userId: alice.id, courseId: COURSE, role: "student" },
      { userId: bob.id, courseId: COURSE, role: "student" },
    ],
  });
  // Built through the builder, as an instructor would: Python only, published.
  const set = await builder.createProblemSet(instructor, COURSE, {
    title: "Python week",
    opensAt: new Date(Date.now() - DAY),
    dueAt: new Date(Date.now() + 5 * DAY),
    languages: ["python"],
  });
  await builder.updateProblemSet(instructor, set.id, { published: true });
  const withItems = await builder.setProblemSetItems(instructor, set.id, { items: [{ exerciseId: "forward-pass", points: 10 }] });
  pythonItem = withItems.items[0]!.id;

  // Any language; graded Submits stored directly: Alice fails in TypeScript then passes in Python, Bob fails in TypeScript.
  await db.problemSet.create({
    data: {
      id: "l-any",
      courseId: COURSE,
      title: "Any language",
      opensAt: new Date(Date.now() - 10 * DAY),
      dueAt: new Date(Date.now() + 5 * DAY),
      items: { create: [{ id: "l-any-fp", exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
  const graded = (id: string, userId: string, language: string, passed: boolean, daysAgo: number) =>
    db.submission.create({
      data: {
        id,
        userId,
        itemId: "l-any-fp",
        exerciseId: "forward-pass",
        kind: "submit",
        language,
        code: CODE,
        seed: 1,
        status: "graded",
        verdict: passed ? "passed" : "failed",
        score: passed ? 9 : 3,
        maxScore: 9,
        createdAt: new Date(Date.now() - daysAgo * DAY),
      },
    });
  await graded("l-a1", alice.id, "typescript", false, 2);
  await graded("l-a2", alice.id, "python", true, 1);
  await graded("l-b1", bob.id, "typescript", false, 1);
});

describe("the languages a set allows", () => {
  it("the builder saves the choice and reads it back; every language is stored as no restriction", async () => {
    const db = await database();
    const setId = (await db.problemSetItem.findUniqueOrThrow({ where: { id: pythonItem } })).problemSetId;
    expect((await builder.problemSetForEditing(instructor, setId)).allowedLanguages).toEqual(["python"]);
    expect((await db.problemSet.findUniqueOrThrow({ where: { id: setId } })).languages).toBe("python");
    expect((await problemSetOverview(alice, setId)).set.languages).toEqual(["python"]);

    await builder.updateProblemSet(instructor, setId, { languages: ["python", "typescript"] });
    expect((await builder.problemSetForEditing(instructor, setId)).allowedLanguages).toEqual(["typescript", "python"]);

    await builder.updateProblemSet(instructor, setId, { languages: ["javascript", "python", "typescript"] });
    expect((await db.problemSet.findUniqueOrThrow({ where: { id: setId } })).languages).toBe("");
    expect((await problemSetOverview(alice, setId)).set.languages).toEqual(["typescript", "javascript", "python"]);

    // Sets made without a choice allow every language.
    expect((await builder.problemSetForEditing(instructor, "l-any")).allowedLanguages).toEqual(["typescript", "javascript", "python"]);
    await builder.updateProblemSet(instructor, setId, { languages: ["python"] });
  });

  it("the builder refuses an empty, unknown or repeated choice", () => {
    expect(builder.UpdateSetSchema.safeParse({ languages: [] }).success).toBe(false);
    expect(builder.UpdateSetSchema.safeParse({ languages: ["cobol"] }).success).toBe(false);
    expect(builder.UpdateSetSchema.safeParse({ languages: ["python", "python"] }).success).toBe(false);
    expect(builder.UpdateSetSchema.safeParse({ languages: ["python"] }).success).toBe(true);
  });

  it("a stored list is read leniently: unknown names are dropped, nothing known means every language", () => {
    expect(allowedLanguages({ languages: "python,cobol" })).toEqual(["python"]);
    expect(allowedLanguages({ languages: "cobol" })).toEqual(["typescript", "javascript", "python"]);
    expect(allowedLanguages({ languages: "" })).toEqual(["typescript", "javascript", "python"]);
    expect(languageRefusal({ languages: "" }, "python")).toBeNull();
  });

  it("a Python-only set refuses a TypeScript Run or Submit, naming the languages it accepts, and takes a Python one", async () => {
    for (const kind of ["run", "submit"] as const) {
      const refused = await refusal(createSubmission(alice, { itemId: pythonItem, kind, language: "typescript", code: "export function forward() {}" }));
      expect(refused?.status).toBe(400);
      expect(refused?.message).toContain("accepts solutions in Python only, not TypeScript");
    }
    const db = await database();
    expect(await db.submission.count({ where: { itemId: pythonItem } })).toBe(0);

    const accepted = await createSubmission(alice, { itemId: pythonItem, kind: "submit", language: "python", code: CODE });
    expect(accepted.status).toBe("queued");
    expect((await db.submission.findUniqueOrThrow({ where: { id: accepted.id } })).language).toBe("python");
  });
});

describe("staff pages see the language", () => {
  it("the exercise page of a Python-only set offers Python only and opens in it", async () => {
    const page = await exercisePage(alice, pythonItem);
    expect(page.set.languages).toEqual(["python"]);
    expect(page.initialLanguage).toBe("python");
  });

  it("analytics split each exercise's Submits by language and can count one language only", async () => {
    const [all] = await courseAnalytics(ta, COURSE, "l-any-fp");
    expect(all!.submissions).toBe(3);
    expect(all!.passed).toBe(1);
    expect(all!.byLanguage).toEqual([
      { language: "typescript", attempted: 2, submissions: 2, passed: 0 },
      { language: "python", attempted: 1, submissions: 1, passed: 1 },
    ]);

    const [python] = await courseAnalytics(ta, COURSE, "l-any-fp", "python");
    expect({ attempted: python!.attempted, submissions: python!.submissions, passed: python!.passed }).toEqual({ attempted: 1, submissions: 1, passed: 1 });
    const [typescript] = await courseAnalytics(ta, COURSE, "l-any-fp", "typescript");
    expect({ attempted: typescript!.attempted, submissions: typescript!.submissions, passed: typescript!.passed }).toEqual({ attempted: 2, submissions: 2, passed: 0 });
    // The spread of scores covers the students with a Submit in the filtered language only.
    expect(python!.histogram.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("the review queue shows each latest Submit's language and filters by it", async () => {
    const queue = await review.reviewQueue(ta, COURSE, { setId: "l-any" });
    expect(Object.fromEntries(queue.map((entry) => [entry.student.id, entry.language]))).toEqual({ [alice.id]: "python", [bob.id]: "typescript" });
    const python = await review.reviewQueue(ta, COURSE, { setId: "l-any", language: "python" });
    expect(python.map((entry) => entry.submissionId)).toEqual(["l-a2"]);
    expect(review.ReviewFiltersSchema.safeParse({ language: "cobol" }).success).toBe(false);
  });

  it("the gradebook counts a Python Submit like any other", async () => {
    const gradebook = await courseGradebook(ta, COURSE);
    const aliceRow = gradebook.rows.find((row) => row.student.id === alice.id)!;
    expect(aliceRow.cells["l-any-fp"]?.counted?.submissionId).toBe("l-a2");
    expect(aliceRow.cells["l-any-fp"]?.counted?.points).toBe(10);
    expect(aliceRow.cells["l-any-fp"]?.attempts).toBe(2);
  });
});
