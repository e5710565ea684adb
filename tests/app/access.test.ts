/**
 * Who may see what, checked on the data-access layer against a real database file:
 * students never reach another student's work, hidden tests, or a course they are not in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import { solution } from "../support/solutions.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { createSubmission, readSubmission, submissionHistory } = await import("../../app/_server/submissions.ts");
const { readDraft, saveDraft } = await import("../../app/_server/drafts.ts");
const { exercisePage } = await import("../../app/_server/exercise-page.ts");
const { problemSetOverview } = await import("../../app/_server/problem-sets.ts");
const { dashboard } = await import("../../app/_server/dashboard.ts");
const { RequestError } = await import("../../app/_server/errors.ts");
const { statusOf } = await import("../support/request-status.ts");
const { GraderHost } = await import("../../grader/host/host.ts");
const { prepareCases } = await import("../../grader/engine/cases.ts");
const { getExercise } = await import("../../exercises/registry.ts");
const { variantSeed } = await import("../../exercises/spec/variant.ts");

const student: Viewer = { id: "demo-student", email: "student@epoch.test", name: "Ada Lovelace" };
const ta: Viewer = { id: "demo-ta", email: "ta@epoch.test", name: "Grace Hopper" };
const outsider: Viewer = { id: "dl-student", email: "dl.student@epoch.test", name: "Claude Shannon" };
const classmate: Viewer = { id: "test-classmate", email: "classmate@epoch.test", name: "Classmate" };
const FORWARD_ITEM = "ml101-week1-forward-pass";

const status = statusOf;

let host: InstanceType<typeof GraderHost>;
beforeAll(async () => {
  const db = await database();
  await db.user.create({ data: { id: classmate.id, email: classmate.email, name: classmate.name, passwordHash: "x" } });
  await db.enrollment.create({ data: { userId: classmate.id, courseId: "ml101", role: "student" } });
  host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
  await host.start();
});
afterAll(async () => {
  await host.stop();
});

async function gradedSubmission(viewer: Viewer, itemId: string, code: string) {
  const created = await createSubmission(viewer, { itemId, kind: "submit", language: "typescript", code });
  for (let i = 0; i < 400; i++) {
    const current = await readSubmission(viewer, created.id);
    if (current.status === "graded") return current;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("not graded in time");
}

describe("submissions", () => {
  it("are graded by the grader host and read back by their owner", async () => {
    const mine = await gradedSubmission(student, FORWARD_ITEM, solution("forward-pass", "correct"));
    expect(mine).toMatchObject({ status: "graded", points: 10, maxPoints: 10, late: false });
    expect(mine.result?.verdict).toBe("passed");
  });

  it("of one student are invisible to another student, and to students of other courses", async () => {
    const mine = await createSubmission(student, { itemId: FORWARD_ITEM, kind: "submit", language: "typescript", code: "export function forward() { return []; }" });
    expect(await status(readSubmission(classmate, mine.id))).toBe(404);
    expect(await status(readSubmission(outsider, mine.id))).toBe(404);
    expect((await submissionHistory(classmate, FORWARD_ITEM)).map((h) => h.id)).not.toContain(mine.id);
  });

  it("are visible to the course's TA, with hidden-test details", async () => {
    const graded = await gradedSubmission(student, FORWARD_ITEM, solution("forward-pass", "missing-bias"));
    const asTa = await readSubmission(ta, graded.id);
    const hidden = asTa.result!.tests.filter((t) => t.visibility === "hidden");
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.some((t) => t.input !== undefined)).toBe(true);
  });

  it("never show a student a hidden test's inputs or expected values", async () => {
    const graded = await gradedSubmission(student, FORWARD_ITEM, solution("forward-pass", "missing-bias"));
    const json = JSON.stringify(graded);
    const cases = prepareCases(getExercise("forward-pass"), variantSeed(student.id, FORWARD_ITEM));
    for (const test of cases.hidden) {
      expect(json).not.toContain(JSON.stringify(test.args[0]));
      expect(json).not.toContain(JSON.stringify(test.expected));
    }
    for (const test of graded.result!.tests.filter((t) => t.visibility === "hidden")) {
      expect(Object.keys(test).sort()).toEqual(expect.not.arrayContaining(["input", "expected", "got", "logs"]));
    }
  });

  it("of a past-due set are marked late", async () => {
    const late = await createSubmission(student, {
      itemId: "ml101-week0-cosine-similarity",
      kind: "submit",
      language: "typescript",
      code: "export function cosineSimilarity() { return 0; }",
    });
    expect(late.late).toBe(true);
    const run = await createSubmission(student, {
      itemId: "ml101-week0-cosine-similarity",
      kind: "run",
      language: "typescript",
      code: "export function cosineSimilarity() { return 0; }",
    });
    expect(run.late).toBe(false);
  });

  it("over the size limit are refused, naming the limit, and nothing is stored", async () => {
    const db = await database();
    const before = await db.submission.count();
    const error = await createSubmission(student, { itemId: FORWARD_ITEM, kind: "submit", language: "typescript", code: `// ${"x".repeat(70 * 1024)}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as InstanceType<typeof RequestError>).status).toBe(413);
    expect((error as Error).message).toMatch(/limit for this exercise is 64 KB/);
    expect(await db.submission.count()).toBe(before);
  });

  it("are limited per student per minute", async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++)
      attempts.push(await status(createSubmission(classmate, { itemId: FORWARD_ITEM, kind: "submit", language: "typescript", code: "export function forward() { return []; }" })));
    expect(attempts.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(attempts[10]).toBe(429);
    // Another student is not affected.
    expect(
      await status(
        createSubmission(outsider, { itemId: "dl201-week1-conv-maxpool", kind: "submit", language: "typescript", code: "export function convMaxPool() { return []; }" }),
      ),
    ).toBe(200);
  });
});

describe("drafts", () => {
  it("belong to their author only", async () => {
    await saveDraft(student, FORWARD_ITEM, { code: "// Ada's secret approach", language: "typescript" });
    expect((await readDraft(student, FORWARD_ITEM))?.code).toBe("// Ada's secret approach");
    expect(await readDraft(classmate, FORWARD_ITEM)).toBeNull();
    expect(await status(readDraft(outsider, FORWARD_ITEM))).toBe(404);
    expect(await status(saveDraft(outsider, FORWARD_ITEM, { code: "x", language: "typescript" }))).toBe(404);
  });
});

describe("courses and problem sets", () => {
  it("a student cannot open a course they are not enrolled in", async () => {
    expect(await status(problemSetOverview(outsider, "ml101-week1"))).toBe(404);
    expect(await status(exercisePage(outsider, FORWARD_ITEM))).toBe(404);
    expect(await status(createSubmission(outsider, { itemId: FORWARD_ITEM, kind: "run", language: "typescript", code: "" }))).toBe(404);
    expect((await dashboard(outsider)).map((c) => c.code)).toEqual(["DL-201"]);
  });

  it("a set is hidden from students before it opens and while unpublished, not from staff", async () => {
    expect(await status(exercisePage(student, "ml101-week3-kmeans-step"))).toBe(404);
    expect(await status(exercisePage(student, "ml101-week4-conv-maxpool"))).toBe(404);
    expect(await status(exercisePage(ta, "ml101-week3-kmeans-step"))).toBe(200);
    const studentSets = (await dashboard(student))[0]!.sets.map((s) => s.id);
    expect(studentSets).toEqual(["ml101-week0", "ml101-week1", "ml101-exam1", "ml101-week2"]);
    expect((await dashboard(ta))[0]!.sets.map((s) => s.id)).toContain("ml101-week4");
  });

  it("the exercise page carries only the student's own visible tests", async () => {
    const page = await exercisePage(student, FORWARD_ITEM);
    const cases = prepareCases(getExercise("forward-pass"), variantSeed(student.id, FORWARD_ITEM));
    expect(page.examples.map((e) => e.name)).toEqual(cases.visible.map((c) => c.name));
    const json = JSON.stringify(page);
    for (const test of cases.hidden) expect(json).not.toContain(JSON.stringify(test.args[0]));
    expect(json).not.toContain("solutions/correct");
  });

  it("students get their own variant", async () => {
    const mine = await exercisePage(student, "ml101-week2-logistic-regression-step");
    const theirs = await exercisePage(classmate, "ml101-week2-logistic-regression-step");
    expect(mine.examples[0]!.call).not.toBe(theirs.examples[0]!.call);
    expect(mine.exercise.statement).toMatch(/λ|lambda/);
    expect(mine.exercise.statement).not.toContain("{{lambda}}");
  });
});

describe("the grader host", () => {
  it("takes over submissions whose host died (their lease lapsed)", async () => {
    const db = await database();
    await host.stop();
    // As a host that died mid-grading leaves it: claimed once, still "running", lease lapsed.
    const stuck = await db.submission.create({
      data: {
        userId: classmate.id,
        itemId: "ml101-week1-backprop-warmup",
        exerciseId: "backprop-warmup",
        kind: "submit",
        language: "typescript",
        code: solution("backprop-warmup", "correct"),
        seed: 7,
        status: "running",
        claimToken: "lost-with-the-old-host",
        gradingAttempts: 1,
        graderHost: "a-host-that-died",
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
    await host.start();
    for (let i = 0; i < 400; i++) {
      const row = await db.submission.findUniqueOrThrow({ where: { id: stuck.id } });
      if (row.status === "graded") {
        expect(row.verdict).toBe("passed");
        expect(row.gradingAttempts).toBe(2);
        expect(row.graderHost).toBe(host.name);
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("the interrupted submission was not graded");
  });
});
