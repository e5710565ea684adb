/**
 * Staff tools on a real database file: who may do what, the gradebook's arithmetic (best/last,
 * late penalties, overrides) and its CSV, regrade previews, exam clocks and feedback policies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import { solution } from "../support/solutions.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
type RequestError = import("../../app/_server/errors.ts").RequestError;
const { statusOf } = await import("../support/request-status.ts");
const { createSubmission, readSubmission } = await import("../../app/_server/submissions.ts");
const { startExam } = await import("../../app/_server/exams.ts");
const builder = await import("../../app/_server/staff/builder.ts");
const roster = await import("../../app/_server/staff/roster.ts");
const review = await import("../../app/_server/staff/review.ts");
const regrade = await import("../../app/_server/staff/regrade.ts");
const { courseGradebook, gradebookCsv } = await import("../../app/_server/staff/gradebook.ts");
const { courseAnalytics } = await import("../../app/_server/staff/analytics.ts");
const { exerciseBank, bankExercise } = await import("../../app/_server/staff/bank.ts");
const { GraderHost } = await import("../../grader/host/host.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("t-instructor");
const ta = viewer("t-ta");
const otherTa = viewer("t-other-ta");
const alice = viewer("t-alice");
const bob = viewer("t-bob");
const COURSE = "t-course";
const DAY = 24 * 3600_000;
const dueAt = new Date(Date.now() - 3 * DAY); // the "best" set is past due

const status = statusOf;

let host: InstanceType<typeof GraderHost>;
beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, ta, otherTa, alice, bob]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "T-1", title: "Test course", term: "Now" } });
  await db.course.create({ data: { id: "t-other", code: "T-2", title: "Other course", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      { userId: otherTa.id, courseId: "t-other", role: "ta" },
      { userId: alice.id, courseId: COURSE, role: "student" },
      { userId: bob.id, courseId: COURSE, role: "student" },
    ],
  });
  // "best" with 10%/day up to 30%; "last" with no late work.
  await db.problemSet.create({
    data: {
      id: "t-best",
      courseId: COURSE,
      title: "Best set",
      opensAt: new Date(Date.now() - 10 * DAY),
      dueAt,
      scorePolicy: "best",
      lateWork: "penalty",
      latePenaltyPerDay: 10,
      latePenaltyCap: 30,
      items: { create: [{ id: "t-best-fp", exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
  await db.problemSet.create({
    data: {
      id: "t-last",
      courseId: COURSE,
      title: "Last set",
      opensAt: new Date(Date.now() - 10 * DAY),
      dueAt: new Date(Date.now() + 5 * DAY),
      scorePolicy: "last",
      lateWork: "refuse",
      maxAttempts: 3,
      items: { create: [{ id: "t-last-bw", exerciseId: "backprop-warmup", points: 5, position: 0 }] },
    },
  });
  const graded = (id: string, userId: string, itemId: string, exerciseId: string, createdAt: Date, score: number, code = "export function forward() { return []; }") =>
    db.submission.create({
      data: {
        id,
        userId,
        itemId,
        exerciseId,
        kind: "submit",
        language: "typescript",
        code,
        seed: 1,
        status: "graded",
        verdict: score === 9 ? "passed" : "failed",
        score,
        maxScore: 9,
        createdAt,
        late: createdAt > dueAt,
      },
    });
  // Alice: 6/9 on time, then 9/9 a day and a half late (−20%): best is 8 (the late one).
  await graded("t-a1", alice.id, "t-best-fp", "forward-pass", new Date(dueAt.getTime() - DAY), 6);
  await graded("t-a2", alice.id, "t-best-fp", "forward-pass", new Date(dueAt.getTime() + 1.5 * DAY), 9);
  // Bob: 9/9 on time but stored as 0 (as if graded before a spec fix): a regrade must find +10.
  await graded("t-b1", bob.id, "t-best-fp", "forward-pass", new Date(dueAt.getTime() - DAY), 0, solution("forward-pass", "correct"));
  // "last": Alice 9/9 then 4.5/9 → last counts: 2.5 of 5.
  await graded("t-a3", alice.id, "t-last-bw", "backprop-warmup", new Date(Date.now() - 2 * DAY), 9);
  await graded("t-a4", alice.id, "t-last-bw", "backprop-warmup", new Date(Date.now() - DAY), 4.5);
  host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
  await host.start();
});
afterAll(async () => {
  await host.stop();
});

describe("role checks", () => {
  it("students reach no staff data or action", async () => {
    const calls = [
      courseGradebook(alice, COURSE),
      review.reviewQueue(alice, COURSE, {}),
      review.submissionForReview(alice, "t-a1"),
      review.addComment(alice, "t-b1", { body: "nice" }),
      review.overrideScore(alice, "t-a1", { points: 10, reason: "I deserve it" }),
      review.setReviewed(alice, "t-a1", { reviewed: true }),
      regrade.requestRegrade(alice, COURSE, { submissionId: "t-a1" }),
      roster.courseRoster(alice, COURSE),
      roster.addMembers(alice, COURSE, { members: [{ email: "x@test", role: "instructor" }] }),
      builder.createProblemSet(alice, COURSE, { title: "Mine", opensAt: new Date(), dueAt: new Date(Date.now() + DAY) }),
      builder.updateProblemSet(alice, "t-best", { published: false }),
      courseAnalytics(alice, COURSE),
      exerciseBank(alice, COURSE),
      bankExercise(alice, COURSE, "forward-pass"),
    ];
    expect(await Promise.all(calls.map(status))).toEqual(calls.map(() => 404));
  });

  it("a TA reviews and grades but cannot build sets or manage the roster", async () => {
    expect(await status(courseGradebook(ta, COURSE))).toBe(200);
    expect(await status(review.reviewQueue(ta, COURSE, {}))).toBe(200);
    expect(await status(roster.courseRoster(ta, COURSE))).toBe(200);
    expect(await status(builder.createProblemSet(ta, COURSE, { title: "TA set", opensAt: new Date(), dueAt: new Date(Date.now() + DAY) }))).toBe(404);
    expect(await status(builder.updateProblemSet(ta, "t-best", { published: false }))).toBe(404);
    expect(await status(roster.addMembers(ta, COURSE, { members: [{ email: "x@test", role: "student" }] }))).toBe(404);
    expect(await status(roster.removeMember(ta, COURSE, alice.id))).toBe(404);
  });

  it("staff act only within their own courses", async () => {
    expect(await status(courseGradebook(otherTa, COURSE))).toBe(404);
    expect(await status(review.submissionForReview(otherTa, "t-a1"))).toBe(404);
    expect(await status(review.overrideScore(otherTa, "t-a1", { points: 1, reason: "not mine to give" }))).toBe(404);
    expect(await status(regrade.requestRegrade(otherTa, COURSE, { exerciseId: "forward-pass" }))).toBe(404);
    expect(await status(readSubmission(otherTa, "t-a1"))).toBe(404);
  });
});

describe("the gradebook", () => {
  it("counts the best score after late penalties, or the last one, per set", async () => {
    const book = await courseGradebook(instructor, COURSE);
    const aliceRow = book.rows.find((r) => r.student.id === alice.id)!;
    expect(aliceRow.cells["t-best-fp"]!.counted).toMatchObject({ submissionId: "t-a2", points: 8, penaltyPercent: 20, late: true });
    expect(aliceRow.cells["t-last-bw"]!.counted).toMatchObject({ submissionId: "t-a4", points: 2.5 });
    expect(aliceRow.setTotals).toEqual({ "t-best": 8, "t-last": 2.5 });
    expect(aliceRow.total).toBe(10.5);
    expect(book.possible).toBe(15);
  });

  it("shows an override, keeps the autograded score beside it, and records who changed what", async () => {
    await review.overrideScore(ta, "t-a1", { points: 9.5, reason: "Solved it on paper in office hours" });
    const book = await courseGradebook(instructor, COURSE);
    expect(book.rows.find((r) => r.student.id === alice.id)!.cells["t-best-fp"]!.counted).toMatchObject({ submissionId: "t-a1", points: 9.5, overridden: true, autoPoints: 6.67 });
    const view = await review.submissionForReview(instructor, "t-a1");
    expect(view.overrides[0]).toMatchObject({ points: 9.5, authorName: ta.name, reason: "Solved it on paper in office hours" });
    expect(view.history[0]).toMatchObject({ action: "submission.override", actorName: ta.name });
    expect(JSON.parse(view.history[0]!.details)).toMatchObject({ from: null, to: 9.5, autograded: 6.67 });
    expect(await status(review.overrideScore(ta, "t-a1", { points: 11, reason: "more than the item" }))).toBe(400);
    // The student sees the score that counts and the TA's comment.
    await review.addComment(ta, "t-a1", { body: "Good recovery.", line: 1 });
    const asAlice = await readSubmission(alice, "t-a1");
    expect(asAlice).toMatchObject({ points: 9.5, override: { points: 9.5, authorName: ta.name } });
    expect(asAlice.comments.map((c) => c.body)).toEqual(["Good recovery."]);
  });

  it("exports a CSV with stable columns and the same numbers as the page", async () => {
    const book = await courseGradebook(instructor, COURSE);
    const csv = gradebookCsv(book);
    const [header, ...rows] = csv.trimEnd().split("\r\n");
    const lastTitle = book.sets[1]!.items[0]!.title;
    const quoted = (cell: string) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    expect(header).toBe(
      [
        "student_id",
        "email",
        "name",
        "Best set | Forward pass through a dense network [10]",
        "Best set | total [10]",
        quoted(`Last set | ${lastTitle} [5]`),
        "Last set | total [5]",
        "total [15]",
      ].join(","),
    );
    const aliceLine = rows.find((r) => r.startsWith(`${alice.id},`))!;
    expect(aliceLine).toBe(`${alice.id},${alice.email},${alice.name},9.5,9.5,2.5,2.5,12`);
    const bobLine = rows.find((r) => r.startsWith(`${bob.id},`))!;
    expect(bobLine.split(",").slice(3)).toEqual(["0", "0", "", "0", "0"]);
  });

  it("neutralises spreadsheet formulas in names", async () => {
    const db = await database();
    await db.user.update({ where: { id: bob.id }, data: { name: '=HYPERLINK("http://evil")' } });
    const csv = gradebookCsv(await courseGradebook(instructor, COURSE));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    await db.user.update({ where: { id: bob.id }, data: { name: bob.name } });
  });
});

describe("regrades", () => {
  it("preview whose score would change and by how much, and change nothing until applied", async () => {
    const { runId } = await regrade.requestRegrade(ta, COURSE, { exerciseId: "forward-pass" });
    expect(await status(regrade.applyRegrade(ta, runId))).toBe(409); // still grading
    let run = await regrade.regradeRun(ta, runId);
    for (let i = 0; i < 200 && run.status !== "ready"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = await regrade.regradeRun(ta, runId);
    }
    expect(run.status).toBe("ready");
    expect(run.total).toBe(3);
    const bobEntry = run.entries.find((e) => e.submissionId === "t-b1")!;
    expect(bobEntry).toMatchObject({ oldPoints: 0, newPoints: 10, delta: 10, oldVerdict: "failed", newVerdict: "passed" });
    const sizes = run.entries.map((e) => Math.abs(e.delta ?? 0));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a)); // biggest change first
    const db = await database();
    expect((await db.submission.findUniqueOrThrow({ where: { id: "t-b1" } })).score).toBe(0);
    expect(await status(regrade.regradeRun(otherTa, runId))).toBe(404);

    await regrade.applyRegrade(instructor, runId);
    expect((await db.submission.findUniqueOrThrow({ where: { id: "t-b1" } })).verdict).toBe("passed");
    const book = await courseGradebook(instructor, COURSE);
    expect(book.rows.find((r) => r.student.id === bob.id)!.cells["t-best-fp"]!.counted!.points).toBe(10);
    expect(await status(regrade.applyRegrade(instructor, runId))).toBe(409); // only once
  });
});

describe("problem-set building", () => {
  it("duplicates a set with its exercises, dates shifted, unpublished", async () => {
    const copy = await builder.duplicateProblemSet(instructor, "t-best", { shiftDays: 7, title: "Best set, next week" });
    const edited = await builder.problemSetForEditing(instructor, copy.id);
    expect(edited).toMatchObject({ title: "Best set, next week", published: false, scorePolicy: "best", latePenaltyPerDay: 10 });
    expect(edited.items.map((i) => [i.exerciseId, i.points])).toEqual([["forward-pass", 10]]);
    expect(edited.dueAt.getTime() - dueAt.getTime()).toBe(7 * DAY);
  });

  it("reorders and adds exercises, but refuses to drop one that has submissions", async () => {
    expect(await status(builder.setProblemSetItems(instructor, "t-best", { items: [{ exerciseId: "kmeans-step", points: 5 }] }))).toBe(409);
    const updated = await builder.setProblemSetItems(instructor, "t-best", {
      items: [
        { exerciseId: "kmeans-step", points: 5 },
        { exerciseId: "forward-pass", points: 10 },
      ],
    });
    expect(updated.items.map((i) => i.exerciseId)).toEqual(["kmeans-step", "forward-pass"]);
    expect(updated.items.find((i) => i.exerciseId === "forward-pass")!.id).toBe("t-best-fp"); // same item, submissions kept
    expect(await status(builder.setProblemSetItems(instructor, "t-best", { items: [{ exerciseId: "no-such-exercise", points: 1 }] }))).toBe(400);
  });
});

describe("the roster", () => {
  it("adds people from CSV, creating accounts with a temporary password, and reports bad lines", async () => {
    const { outcomes, problems } = await roster.addMembers(instructor, COURSE, {
      csv: 'email,name,role\nnew.student@epoch.test,"Student, New",student\nt-bob@epoch.test,,ta\nnot-an-email,Nobody,student\n',
      defaultRole: "student",
    });
    expect(outcomes).toEqual([
      { email: "new.student@epoch.test", role: "student", status: "created", temporaryPassword: expect.stringMatching(/^[\w-]{12}$/) },
      { email: "t-bob@epoch.test", role: "ta", status: "role_changed" },
    ]);
    expect(problems).toEqual([{ line: 4, message: expect.stringContaining("email") }]);
    const members = await roster.courseRoster(instructor, COURSE);
    expect(members.find((m) => m.email === "new.student@epoch.test")).toMatchObject({ name: "Student, New", role: "student" });
    await roster.addMembers(instructor, COURSE, { members: [{ email: "t-bob@epoch.test", role: "student" }] });
  });
});

describe("exam practice", () => {
  it("starts the clock on the server, refuses work before and after it, and shows only counts", async () => {
    const db = await database();
    await db.problemSet.create({
      data: {
        id: "t-exam",
        courseId: COURSE,
        title: "Exam",
        kind: "exam_practice",
        opensAt: new Date(Date.now() - DAY),
        dueAt: new Date(Date.now() + DAY),
        timeLimitMinutes: 30,
        feedback: "counts",
        items: { create: [{ id: "t-exam-bw", exerciseId: "backprop-warmup", points: 5, position: 0 }] },
      },
    });
    const code = solution("backprop-warmup", "correct");
    expect(await status(createSubmission(alice, { itemId: "t-exam-bw", kind: "submit", language: "typescript", code }))).toBe(403);
    const started = await startExam(alice, "t-exam");
    expect(started.kind).toBe("running");
    if (started.kind === "running") expect(new Date(started.endsAt).getTime() - new Date(started.startedAt).getTime()).toBe(30 * 60_000);
    // Starting again does not reset the clock.
    expect(await startExam(alice, "t-exam")).toEqual(started);

    const submitted = await createSubmission(alice, { itemId: "t-exam-bw", kind: "submit", language: "typescript", code });
    let view = await readSubmission(alice, submitted.id);
    for (let i = 0; i < 200 && view.status !== "graded"; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await readSubmission(alice, submitted.id);
    }
    expect(view.result?.tests).toEqual([]);
    expect(view.counts).toEqual({ passed: 10, total: 10 });
    expect(view.feedbackNote).toMatch(/how many tests passed/);
    expect((await readSubmission(ta, submitted.id)).result!.tests.length).toBe(10);

    await db.examSession.update({ where: { userId_problemSetId: { userId: alice.id, problemSetId: "t-exam" } }, data: { endsAt: new Date(Date.now() - 1000) } });
    expect(await status(createSubmission(alice, { itemId: "t-exam-bw", kind: "run", language: "typescript", code }))).toBe(403);
  });

  it("withholds results entirely when feedback comes after the set closes", async () => {
    const db = await database();
    await db.problemSet.update({ where: { id: "t-last" }, data: { feedback: "after_close" } });
    const view = await readSubmission(alice, "t-a3");
    expect(view).toMatchObject({ result: null, points: null });
    expect(view.feedbackNote).toMatch(/after the set closes/);
    expect(await readSubmission(ta, "t-a3")).toMatchObject({ points: 5, feedbackNote: null });
    await db.problemSet.update({ where: { id: "t-last" }, data: { feedback: "full" } });
  });

  it("limits attempts and refuses late work when the set says so", async () => {
    const db = await database();
    expect(await status(createSubmission(alice, { itemId: "t-last-bw", kind: "submit", language: "typescript", code: "x" }))).toBe(200); // third attempt
    expect(await status(createSubmission(alice, { itemId: "t-last-bw", kind: "submit", language: "typescript", code: "x" }))).toBe(403);
    expect(await status(createSubmission(alice, { itemId: "t-last-bw", kind: "run", language: "typescript", code: "x" }))).toBe(200); // Run is not an attempt
    await db.problemSet.update({ where: { id: "t-last" }, data: { dueAt: new Date(Date.now() - 1000), maxAttempts: null } });
    const refused = await createSubmission(bob, { itemId: "t-last-bw", kind: "submit", language: "typescript", code: "x" }).catch((e: unknown) => e);
    expect((refused as RequestError).status).toBe(403);
    expect((refused as Error).message).toMatch(/does not accept late work/);
  });
});
