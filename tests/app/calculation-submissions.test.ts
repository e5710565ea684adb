/**
 * Submitting a calculation's answers, on a real database file: graded at once on the server
 * under the set's rules (attempts, late work, the exam clock), shown to the student without the
 * reference, and to staff in review, gradebook and analytics like any other item.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";
import { referenceAnswers } from "../../exercises/calculation/bank.ts";
import { typedAnswer } from "../../exercises/calculation/typed.ts";
import { findCalculation } from "../../exercises/registry.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { RequestError } = await import("../../app/_server/errors.ts");
const { createSubmission, readSubmission } = await import("../../app/_server/submissions.ts");
const { submitAnswers } = await import("../../app/_server/submissions/answers.ts");
const { calculationPage } = await import("../../app/_server/calculation-page.ts");
const { startExam } = await import("../../app/_server/exams.ts");
const builder = await import("../../app/_server/staff/builder.ts");
const review = await import("../../app/_server/staff/review.ts");
const { courseGradebook } = await import("../../app/_server/staff/gradebook.ts");
const { courseAnalytics } = await import("../../app/_server/staff/analytics.ts");
const { bankExercise, exerciseBank } = await import("../../app/_server/staff/bank.ts");
const regrade = await import("../../app/_server/staff/regrade.ts");
const { GraderHost } = await import("../../grader/host/host.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("cs-instructor");
const ta = viewer("cs-ta");
const alice = viewer("cs-alice");
const bob = viewer("cs-bob");
const COURSE = "cs-course";
const DAY = 24 * 3600_000;
const WEEKLY_ITEM = "cs-weekly-softmax";
const CODE_ITEM = "cs-weekly-forward";
const EXAM_ITEM = "cs-exam-kmeans";
const CLOSED_ITEM = "cs-closed-softmax";
const softmax = findCalculation("softmax-probability")!;
const kmeans = findCalculation("kmeans-step-by-hand")!;

async function refusal(call: Promise<unknown>): Promise<{ status: number; message: string } | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
}

/** The reference answers of `who` for an item, as they would type them. */
function rightAnswers(who: Viewer, itemId: string, calculation = softmax) {
  const reference = referenceAnswers(calculation, variantSeed(who.id, itemId));
  return Object.fromEntries(Object.entries(reference).map(([id, value]) => [id, typedAnswer(value)]));
}

beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, ta, alice, bob]) await db.user.create({ data: { ...user, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "CS-1", title: "Calculations", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      { userId: alice.id, courseId: COURSE, role: "student" },
      { userId: bob.id, courseId: COURSE, role: "student" },
    ],
  });
  const opensAt = new Date(Date.now() - DAY);
  await db.problemSet.create({
    data: {
      id: "cs-weekly",
      courseId: COURSE,
      title: "Weekly, Python only, 3 attempts",
      opensAt,
      dueAt: new Date(Date.now() + DAY),
      maxAttempts: 3,
      languages: "python",
      items: {
        create: [
          { id: WEEKLY_ITEM, exerciseId: "softmax-probability", points: 4, position: 0 },
          { id: CODE_ITEM, exerciseId: "forward-pass", points: 10, position: 1 },
        ],
      },
    },
  });
  await db.problemSet.create({
    data: {
      id: "cs-exam",
      courseId: COURSE,
      title: "Exam practice",
      kind: "exam_practice",
      opensAt,
      dueAt: new Date(Date.now() + DAY),
      timeLimitMinutes: 30,
      feedback: "counts",
      items: { create: [{ id: EXAM_ITEM, exerciseId: "kmeans-step-by-hand", points: 6, position: 0 }] },
    },
  });
  await db.problemSet.create({
    data: {
      id: "cs-closed",
      courseId: COURSE,
      title: "Closed",
      opensAt: new Date(Date.now() - 10 * DAY),
      dueAt: new Date(Date.now() - DAY),
      lateWork: "refuse",
      items: { create: [{ id: CLOSED_ITEM, exerciseId: "softmax-probability", points: 4, position: 0 }] },
    },
  });
});

describe("submitting answers", () => {
  it("grades at once: a wrong part loses its points, the reference never reaches the student", async () => {
    const right = rightAnswers(alice, WEEKLY_ITEM);
    const reference = referenceAnswers(softmax, variantSeed(alice.id, WEEKLY_ITEM));
    const wrong = await submitAnswers(alice, WEEKLY_ITEM, { answers: { ...right, probability: String((reference.probability as number) + 0.05) } });
    expect(wrong).toMatchObject({ status: "graded", kind: "submit", late: false, maxPoints: 4 });
    expect(wrong.result).toMatchObject({ kind: "calculation", verdict: "failed", score: 1, maxScore: 2, redacted: true });
    expect(wrong.points).toBe(2);
    expect(wrong.result!.tests.map((t) => t.status)).toEqual(["failed", "passed"]);
    expect(wrong.result!.tests.every((t) => t.expected === undefined)).toBe(true);
    expect(JSON.stringify(wrong)).not.toContain(String(reference.probability));

    const fixed = await submitAnswers(alice, WEEKLY_ITEM, { answers: right });
    expect(fixed.result).toMatchObject({ verdict: "passed", score: 2 });
    expect(fixed.points).toBe(4);
    // Staff read the same submission whole, reference included.
    const forStaff = await readSubmission(ta, wrong.id);
    expect(forStaff.result!.tests[0]!.expected).toBe(String(Number((reference.probability as number).toPrecision(10))));
  });

  it("counts attempts like code, and the set's languages do not apply to answers", async () => {
    const answers = rightAnswers(bob, WEEKLY_ITEM);
    for (let i = 0; i < 3; i++) await submitAnswers(bob, WEEKLY_ITEM, { answers });
    expect(await refusal(submitAnswers(bob, WEEKLY_ITEM, { answers }))).toEqual({
      status: 403,
      message: "You have used all 3 attempts for this exercise. Run still checks the visible tests.",
    });
    expect((await calculationPage(bob, WEEKLY_ITEM))!.attemptsUsed).toBe(3);
  });

  it("refuses late work when the set does, and answers sent as code", async () => {
    expect(await refusal(submitAnswers(alice, CLOSED_ITEM, { answers: rightAnswers(alice, CLOSED_ITEM) }))).toMatchObject({
      status: 403,
      message: expect.stringMatching(/does not accept late work/),
    });
    expect(await refusal(createSubmission(alice, { itemId: WEEKLY_ITEM, kind: "run", language: "python", code: "x = 1" }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/answered with numbers, not code/),
    });
    expect(await refusal(submitAnswers(alice, CODE_ITEM, { answers: { probability: "0.5" } }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/answered with code/),
    });
    expect(await refusal(submitAnswers(alice, WEEKLY_ITEM, { answers: { chance: "0.5" } }))).toEqual({
      status: 400,
      message: 'This exercise has no part named "chance". Nothing was submitted.',
    });
  });

  it("follows the exam clock, and an exam's feedback policy shows only how many parts are correct", async () => {
    const answers = rightAnswers(alice, EXAM_ITEM, kmeans);
    expect(await refusal(submitAnswers(alice, EXAM_ITEM, { answers }))).toMatchObject({ status: 403, message: expect.stringMatching(/Start the exam/) });
    await startExam(alice, "cs-exam");
    const graded = await submitAnswers(alice, EXAM_ITEM, { answers: { ...answers, assignments: ["1", "1", "1", "1", "1"] } });
    expect(graded.counts).toEqual({ passed: 1, total: 2 });
    expect(graded.result!.tests).toEqual([]);
  });
});

describe("someone outside the course", () => {
  it("finds neither the page nor a way to submit", async () => {
    const db = await database();
    const outsider = viewer("cs-outsider");
    await db.user.create({ data: { ...outsider, passwordHash: "x" } });
    expect(await refusal(calculationPage(outsider, WEEKLY_ITEM))).toMatchObject({ status: 404 });
    expect(await refusal(submitAnswers(outsider, WEEKLY_ITEM, { answers: { probability: "0.5" } }))).toMatchObject({ status: 404 });
    expect(await db.submission.count({ where: { userId: outsider.id } })).toBe(0);
  });
});

describe("the calculation's page", () => {
  it("shows each student their own values and none of the reference; a code item has no calculation page", async () => {
    const mine = (await calculationPage(alice, WEEKLY_ITEM))!;
    const theirs = (await calculationPage(bob, WEEKLY_ITEM))!;
    expect(mine.calculation.statement).not.toBe(theirs.calculation.statement);
    expect(mine.parts.map((p) => [p.id, p.answer.kind])).toEqual([
      ["probability", "number"],
      ["prediction", "choice"],
    ]);
    const reference = referenceAnswers(softmax, variantSeed(alice.id, WEEKLY_ITEM));
    const page = JSON.stringify({ ...mine, lastAnswers: null, history: [] });
    expect(page).not.toContain(String(reference.probability));
    expect(page).not.toContain((reference.probability as number).toFixed(4));
    expect(mine.lastAnswers).toEqual(rightAnswers(alice, WEEKLY_ITEM));
    expect(await calculationPage(alice, CODE_ITEM)).toBeNull();
  });
});

describe("staff", () => {
  it("see answers in the review queue and page, and the item in gradebook and analytics", async () => {
    const queue = await review.reviewQueue(ta, COURSE, {});
    const entry = queue.find((e) => e.student.id === alice.id && e.itemId === WEEKLY_ITEM)!;
    expect(entry).toMatchObject({ calculation: true, exerciseTitle: softmax.title, verdict: "passed", attempts: 2 });
    const view = await review.submissionForReview(ta, entry.submissionId);
    expect(view.exercise.title).toBe(softmax.title);
    expect(view.answers!.parts.map((p) => [p.id, p.typed])).toEqual(Object.entries(rightAnswers(alice, WEEKLY_ITEM)));
    expect(view.answers!.previous).not.toBeNull();
    expect(view.answers!.statement).toBe((await calculationPage(alice, WEEKLY_ITEM))!.calculation.statement);

    const gradebook = await courseGradebook(instructor, COURSE);
    const row = gradebook.rows.find((r) => r.student.id === alice.id)!;
    expect(row.cells[WEEKLY_ITEM]!.counted?.points).toBe(4);
    expect(gradebook.sets.find((s) => s.id === "cs-weekly")!.items.find((i) => i.id === WEEKLY_ITEM)!.title).toBe(softmax.title);

    const [analytics] = await courseAnalytics(instructor, COURSE, WEEKLY_ITEM);
    expect(analytics).toMatchObject({ title: softmax.title, attempted: 2, passed: 2, byLanguage: [] });
    expect(analytics!.failingTests).toEqual([{ name: "Part 1 (probability)", failures: 1, visibility: "visible" }]);
    // Answers are written in no language: counting one language's Submits leaves the calculation out.
    expect(await courseAnalytics(instructor, COURSE, WEEKLY_ITEM, "typescript")).toEqual([]);
    expect((await courseAnalytics(instructor, COURSE, undefined, "typescript")).map((a) => a.itemId)).not.toContain(WEEKLY_ITEM);
  });

  it("find calculations in the bank and can put one in a set beside code", async () => {
    const bank = await exerciseBank(instructor, COURSE, { q: "k-means by hand" });
    expect(bank.entries.map((e) => [e.id, e.check?.ok])).toEqual([["kmeans-step-by-hand", true]]);
    const preview = await bankExercise(instructor, COURSE, "kmeans-step-by-hand", 3);
    expect(preview.visibleTests).toHaveLength(2);
    expect(preview.statement).not.toMatch(/\{\{/);
    const settings = { title: "Mixed exam", kind: "exam_practice", opensAt: new Date(Date.now() - DAY).toISOString(), dueAt: new Date(Date.now() + DAY).toISOString() };
    const created = await builder.createProblemSet(instructor, COURSE, builder.CreateSetSchema.parse(settings));
    await builder.setProblemSetItems(instructor, created.id, {
      items: [
        { exerciseId: "forward-pass", points: 10 },
        { exerciseId: "kmeans-step-by-hand", points: 5 },
      ],
    });
    const editing = await builder.problemSetForEditing(instructor, created.id);
    expect(editing.items.map((i) => i.title)).toEqual(["Forward pass through a dense network", kmeans.title]);
  });
});

describe("the grader host", () => {
  let host: InstanceType<typeof GraderHost> | undefined;
  afterAll(async () => {
    await host?.stop();
  });

  it("grades queued answers (the demo's) and regrades answers without its sandbox, as a preview", async () => {
    const db = await database();
    host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
    await host.start();
    const pending = () => db.submission.count({ where: { exerciseId: "backprop-one-weight", status: { not: "graded" } } });
    for (let i = 0; i < 600 && (await pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await pending()).toBe(0);
    const demo = await db.submission.findMany({ where: { exerciseId: "backprop-one-weight", item: { problemSet: { courseId: "ml101" } } } });
    expect(demo.length).toBeGreaterThan(0);
    expect(demo.every((row) => JSON.parse(row.result!).kind === "calculation")).toBe(true);
    expect(demo.some((row) => row.verdict === "passed")).toBe(true);

    // As if graded before a spec fix: stored as wrong, the regrade must find the full 4 points.
    const stored = await db.submission.findFirstOrThrow({ where: { userId: alice.id, itemId: WEEKLY_ITEM, verdict: "passed" } });
    await db.submission.update({ where: { id: stored.id }, data: { verdict: "failed", score: 0 } });
    const { runId } = await regrade.requestRegrade(ta, COURSE, { exerciseId: "softmax-probability" });
    let run = await regrade.regradeRun(ta, runId);
    for (let i = 0; i < 400 && run.status !== "ready"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = await regrade.regradeRun(ta, runId);
    }
    expect(run.status).toBe("ready");
    expect(run.entries[0]).toMatchObject({ submissionId: stored.id, oldPoints: 0, newPoints: 4, delta: 4, newVerdict: "passed", exerciseTitle: softmax.title });
    expect(run.changed).toBe(1);
  });
});
