/**
 * Extensions and accommodations on a real database: one student's own due date, attempts and
 * exam time are enforced wherever the set's are (Submit, answers, drafts, the exam clock, late
 * flags and penalties, the gradebook), at the edges, and given only by instructors, with an audit
 * record; a CSV with bad lines applies nothing.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { RequestError } = await import("../../app/_server/errors.ts");
const { createSubmission, readSubmission } = await import("../../app/_server/submissions.ts");
const { submitAnswers } = await import("../../app/_server/submissions/answers.ts");
const { saveDraft } = await import("../../app/_server/drafts.ts");
const { startExam } = await import("../../app/_server/exams.ts");
const { problemSetOverview } = await import("../../app/_server/problem-sets.ts");
const { exercisePage } = await import("../../app/_server/exercise-page.ts");
const { calculationPage } = await import("../../app/_server/calculation-page.ts");
const { dashboard } = await import("../../app/_server/dashboard.ts");
const { courseGradebook } = await import("../../app/_server/staff/gradebook.ts");
const { effectiveTerms } = await import("../../app/_server/extensions/terms.ts");
const ext = await import("../../app/_server/extensions/grant.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("x-instructor");
const ta = viewer("x-ta");
const alice = viewer("x-alice"); // gets extensions
const bob = viewer("x-bob"); // keeps the set's terms
const carol = viewer("x-carol"); // has a course-wide accommodation
const COURSE = "x-course";
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.now();
const CLOSED_DUE = new Date(T0 - 2 * DAY);
const ALICE_DUE = new Date(T0 + 2 * DAY);
const PENALTY_DUE = new Date(T0 - 5 * DAY);

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string } | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
}

/** Runs `call` with the server's clock (Date only) at `at`. */
async function at<T>(when: Date, call: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(when);
  try {
    return await call();
  } finally {
    vi.useRealTimers();
  }
}

afterEach(() => void vi.useRealTimers());

const code = "export function backpropWarmup() { return 0; }";

beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, ta, alice, bob, carol]) await db.user.create({ data: { ...user, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "X-1", title: "Extensions", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      ...[alice, bob, carol].map((s) => ({ userId: s.id, courseId: COURSE, role: "student" })),
    ],
  });
  await db.problemSet.create({
    data: {
      id: "x-closed",
      courseId: COURSE,
      title: "Closed week",
      opensAt: new Date(T0 - 10 * DAY),
      dueAt: CLOSED_DUE,
      lateWork: "refuse",
      maxAttempts: 2,
      items: {
        create: [
          { id: "x-closed-code", exerciseId: "backprop-warmup", points: 5, position: 0 },
          { id: "x-closed-calc", exerciseId: "softmax-probability", points: 2, position: 1 },
        ],
      },
    },
  });
  await db.problemSet.create({
    data: {
      id: "x-penalty",
      courseId: COURSE,
      title: "Penalty week",
      opensAt: new Date(T0 - 10 * DAY),
      dueAt: PENALTY_DUE,
      lateWork: "penalty",
      latePenaltyPerDay: 10,
      latePenaltyCap: 50,
      items: { create: [{ id: "x-penalty-calc", exerciseId: "softmax-probability", points: 2, position: 0 }] },
    },
  });
  await db.problemSet.create({
    data: {
      id: "x-exam",
      courseId: COURSE,
      title: "Timed exam",
      kind: "exam_practice",
      opensAt: new Date(T0 - DAY),
      dueAt: new Date(T0 + DAY),
      timeLimitMinutes: 45,
      lateWork: "refuse",
      items: { create: [{ id: "x-exam-code", exerciseId: "backprop-warmup", points: 5, position: 0 }] },
    },
  });
});

describe("effective terms (the one function)", () => {
  const set = { kind: "exam_practice", dueAt: new Date("2026-12-01T12:00Z"), maxAttempts: 5, timeLimitMinutes: 45 };

  it("are the set's own without an extension or accommodation", () => {
    expect(effectiveTerms(set, null, null)).toEqual({ dueAt: set.dueAt, maxAttempts: 5, timeLimitMinutes: 45, adjusted: { dueAt: false, attempts: false, time: null } });
  });

  it("take a later due date, add extra attempts, and multiply exam time rounded up to the minute", () => {
    const terms = effectiveTerms(set, { dueAt: new Date("2026-12-03T12:00Z"), extraAttempts: 3, extraMinutes: null }, { timeMultiplier: 1.5 });
    expect(terms).toMatchObject({ dueAt: new Date("2026-12-03T12:00Z"), maxAttempts: 8, timeLimitMinutes: 68, adjusted: { dueAt: true, attempts: true, time: "accommodation" } });
  });

  it("let a set's extra minutes override the course-wide accommodation, even 0", () => {
    expect(effectiveTerms(set, { dueAt: null, extraAttempts: null, extraMinutes: 22 }, { timeMultiplier: 2 }).timeLimitMinutes).toBe(67);
    expect(effectiveTerms(set, { dueAt: null, extraAttempts: null, extraMinutes: 0 }, { timeMultiplier: 2 }).timeLimitMinutes).toBe(45);
  });

  it("never close a set earlier, and add no attempts where the set has no limit", () => {
    const earlier = effectiveTerms({ ...set, maxAttempts: null }, { dueAt: new Date("2026-11-30T12:00Z"), extraAttempts: 2, extraMinutes: null }, null);
    expect(earlier).toMatchObject({ dueAt: set.dueAt, maxAttempts: null, adjusted: { dueAt: false, attempts: false } });
  });
});

describe("a later due date for one student", () => {
  it("is given by an instructor only, with a reason, and audit-logged with who and when", async () => {
    const grant = { email: alice.email, setId: "x-closed", dueAt: ALICE_DUE, extraAttempts: 1, reason: "Hospital stay (note on file)" };
    expect(await refusal(ext.grantExtension(ta, COURSE, grant))).toMatchObject({ status: 404 });
    expect(await refusal(ext.grantExtension(alice, COURSE, grant))).toMatchObject({ status: 404 });
    const before = new Date();
    await ext.grantExtension(instructor, COURSE, grant);
    const db = await database();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { courseId: COURSE, action: "extension.grant", targetId: alice.id } });
    expect(audit.actorId).toBe(instructor.id);
    expect(audit.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(JSON.parse(audit.details)).toMatchObject({ email: alice.email, setId: "x-closed", before: null, after: { dueAt: ALICE_DUE.toISOString(), extraAttempts: 1 } });
    // TAs read the list; students do not.
    expect((await ext.courseExtensions(ta, COURSE)).extensions).toMatchObject([
      { email: alice.email, setTitle: "Closed week", reason: "Hospital stay (note on file)", givenBy: instructor.name },
    ]);
    expect(await refusal(ext.courseExtensions(alice, COURSE))).toMatchObject({ status: 404 });
    // The student is told, with the terms that now hold and a link to the set; nobody else is.
    const notices = await db.notification.findMany({ where: { kind: "extension" } });
    expect(notices.map((n) => [n.userId, n.link])).toEqual([[alice.id, "/sets/x-closed"]]);
    expect(notices[0]!.title).toContain("Closed week");
    expect(notices[0]!.body).toContain(`Due for you: ${ALICE_DUE.toISOString().slice(0, 16).replace("T", " ")} UTC.`);
    expect(notices[0]!.body).not.toContain("Hospital");
  });

  it("must be later than the set's, and name terms the set has", async () => {
    expect(await refusal(ext.grantExtension(instructor, COURSE, { email: bob.email, setId: "x-closed", dueAt: new Date(CLOSED_DUE.getTime() - DAY), reason: "r" }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/must be later than the set's/),
    });
    expect(await refusal(ext.grantExtension(instructor, COURSE, { email: bob.email, setId: "x-closed", extraMinutes: 10, reason: "r" }))).toMatchObject({
      status: 400,
      message: '"Closed week" has no time limit: extra exam minutes would change nothing.',
    });
    expect(await refusal(ext.grantExtension(instructor, COURSE, { email: ta.email, setId: "x-closed", extraAttempts: 1, reason: "r" }))).toMatchObject({
      message: `${ta.email} is not a student in this course.`,
    });
  });

  it("accepts a Submit one second before the adjusted due time, on time, and refuses one a second after", async () => {
    const before = await at(new Date(ALICE_DUE.getTime() - SECOND), () => createSubmission(alice, { itemId: "x-closed-code", kind: "submit", language: "typescript", code }));
    expect(before.late).toBe(false);
    expect(
      await at(new Date(ALICE_DUE.getTime() + SECOND), () => refusal(createSubmission(alice, { itemId: "x-closed-code", kind: "submit", language: "typescript", code }))),
    ).toEqual({
      status: 403,
      message: "This set does not accept late work: the due date has passed. Nothing was submitted.",
    });
    // The same rule for a calculation's answers.
    expect(await at(new Date(ALICE_DUE.getTime() - SECOND), () => submitAnswers(alice, "x-closed-calc", { answers: { probability: "0.5" } }))).toMatchObject({ late: false });
    expect(await at(new Date(ALICE_DUE.getTime() + SECOND), () => refusal(submitAnswers(alice, "x-closed-calc", { answers: { probability: "0.5" } })))).toMatchObject({
      status: 403,
    });
  });

  it("keeps the set closed for everyone else", async () => {
    expect(await refusal(createSubmission(bob, { itemId: "x-closed-code", kind: "submit", language: "typescript", code }))).toMatchObject({ status: 403 });
    const bobsPage = await exercisePage(bob, "x-closed-code");
    expect(bobsPage).toMatchObject({ pastDue: true, yourTerms: null, set: { dueAt: CLOSED_DUE.toISOString(), maxAttempts: 2 } });
  });

  it("shows on the student's set, exercise and home pages", async () => {
    const overview = await problemSetOverview(alice, "x-closed");
    expect(overview.set.dueAt).toBe(ALICE_DUE.toISOString());
    expect(overview.yourTerms).toMatchObject({ dueAt: ALICE_DUE.toISOString(), setDueAt: CLOSED_DUE.toISOString(), maxAttempts: 3, setMaxAttempts: 2 });
    expect(await exercisePage(alice, "x-closed-code")).toMatchObject({ pastDue: false, set: { dueAt: ALICE_DUE.toISOString(), maxAttempts: 3 } });
    expect((await calculationPage(alice, "x-closed-calc"))?.yourTerms).toMatchObject({ maxAttempts: 3 });
    const home = await dashboard(alice);
    expect(home[0]!.sets.find((s) => s.id === "x-closed")?.dueAt).toBe(ALICE_DUE.toISOString());
    // Staff see the set's own terms.
    expect((await problemSetOverview(instructor, "x-closed")).set.dueAt).toBe(CLOSED_DUE.toISOString());
  });
});

describe("extra attempts", () => {
  it("raise one student's limit and only theirs", async () => {
    // alice has 1 Submit on the code item (above), and 2 + 1 allowed; bob, who has no extension here yet, has 0 of 2.
    await createSubmission(alice, { itemId: "x-closed-code", kind: "submit", language: "typescript", code });
    await createSubmission(alice, { itemId: "x-closed-code", kind: "submit", language: "typescript", code });
    expect(await refusal(createSubmission(alice, { itemId: "x-closed-code", kind: "submit", language: "typescript", code }))).toEqual({
      status: 403,
      message: "You have used all 3 attempts for this exercise. Run still checks the visible tests.",
    });
    expect((await exercisePage(alice, "x-closed-code")).attemptsUsed).toBe(3);
  });
});

describe("the late penalty follows the student's due date", () => {
  it("takes nothing off a Submit before the extended date, and a day's penalty a second after it", async () => {
    const db = await database();
    const aliceDue = new Date(PENALTY_DUE.getTime() + 3 * DAY);
    await ext.grantExtension(instructor, COURSE, { email: alice.email, setId: "x-penalty", dueAt: aliceDue, reason: "Family emergency" });
    const early = await at(new Date(aliceDue.getTime() - SECOND), () => submitAnswers(alice, "x-penalty-calc", { answers: { probability: "0.5" } }));
    const late = await at(new Date(aliceDue.getTime() + SECOND), () => submitAnswers(alice, "x-penalty-calc", { answers: { probability: "0.5" } }));
    const bobs = await at(new Date(aliceDue.getTime() - SECOND), () => submitAnswers(bob, "x-penalty-calc", { answers: { probability: "0.5" } }));
    expect([early.late, late.late, bobs.late]).toEqual([false, true, true]);
    expect((await readSubmission(alice, early.id)).penaltyPercent).toBe(0);
    expect((await readSubmission(alice, late.id)).penaltyPercent).toBe(10);
    // Staff reading alice's submission see her penalty, not the set's (which would be 30%).
    expect((await readSubmission(instructor, early.id)).penaltyPercent).toBe(0);
    expect((await readSubmission(instructor, bobs.id)).penaltyPercent).toBe(30);

    // The gradebook counts the same and marks alice's adjusted cells only.
    await db.submission.updateMany({ where: { itemId: "x-penalty-calc" }, data: { score: 1, maxScore: 1 } });
    const book = await courseGradebook(instructor, COURSE);
    const row = (id: string) => book.rows.find((r) => r.student.id === id)!;
    expect(row(alice.id).cells["x-penalty-calc"]).toMatchObject({ adjusted: true, counted: { penaltyPercent: 0, points: 2 } });
    expect(row(bob.id).cells["x-penalty-calc"]).toMatchObject({ counted: { penaltyPercent: 30, points: 1.4 } });
    expect(row(bob.id).cells["x-penalty-calc"]?.adjusted).toBeFalsy();
  });

  it("given after a late Submit, covers it: no longer marked late, no penalty; revoked, both come back", async () => {
    const db = await database();
    const [bobs] = await db.submission.findMany({ where: { userId: bob.id, itemId: "x-penalty-calc" } });
    expect(bobs?.late).toBe(true);
    await ext.grantExtension(instructor, COURSE, { email: bob.email, setId: "x-penalty", dueAt: new Date(T0 + DAY), reason: "Late paperwork" });
    expect(await readSubmission(bob, bobs!.id)).toMatchObject({ late: false, penaltyPercent: 0 });
    await ext.revokeExtension(instructor, COURSE, { email: bob.email, setId: "x-penalty" });
    expect(await readSubmission(bob, bobs!.id)).toMatchObject({ late: true, penaltyPercent: 30 });
  });
});

describe("exam time", () => {
  it("added to an exam already started moves that student's clock, and only theirs", async () => {
    const start = new Date(T0);
    const alices = await startExam(alice, "x-exam", start);
    const bobs = await startExam(bob, "x-exam", start);
    expect([alices, bobs].map((e) => e.kind === "running" && e.endsAt)).toEqual([new Date(T0 + 45 * MINUTE).toISOString(), new Date(T0 + 45 * MINUTE).toISOString()]);
    await ext.grantExtension(instructor, COURSE, { email: alice.email, setId: "x-exam", extraMinutes: 20, reason: "Fire alarm during the exam" });

    const db = await database();
    const session = await db.examSession.findUniqueOrThrow({ where: { userId_problemSetId: { userId: alice.id, problemSetId: "x-exam" } } });
    expect(session.endsAt).toEqual(new Date(T0 + 65 * MINUTE));
    const after46 = new Date(T0 + 46 * MINUTE);
    expect(await refusal(saveDraft(alice, "x-exam-code", { code, language: "typescript" }, after46))).toBeNull();
    expect(await refusal(saveDraft(bob, "x-exam-code", { code, language: "typescript" }, after46))).toMatchObject({ status: 403 });
    expect(await at(after46, () => refusal(createSubmission(alice, { itemId: "x-exam-code", kind: "run", language: "typescript", code })))).toBeNull();
    expect(await at(after46, () => refusal(createSubmission(bob, { itemId: "x-exam-code", kind: "run", language: "typescript", code })))).toMatchObject({
      status: 403,
      message: "Your time for this exam is up; nothing was submitted.",
    });
    expect(await refusal(saveDraft(alice, "x-exam-code", { code, language: "typescript" }, new Date(T0 + 65 * MINUTE + SECOND)))).toMatchObject({ status: 403 });
    expect((await problemSetOverview(alice, "x-exam", new Date(T0 + MINUTE))).yourTerms).toMatchObject({ examMinutes: 65, setExamMinutes: 45 });

    // Taken back: the clock is the set's again.
    await ext.revokeExtension(instructor, COURSE, { email: alice.email, setId: "x-exam" });
    expect((await db.examSession.findUniqueOrThrow({ where: { id: session.id } })).endsAt).toEqual(new Date(T0 + 45 * MINUTE));
    expect(await db.auditEvent.count({ where: { action: "extension.revoke", targetId: alice.id, actorId: instructor.id } })).toBe(1);
  });

  it("from a course-wide accommodation applies to every timed set, unless the set's extension says otherwise", async () => {
    expect(await refusal(ext.setAccommodation(ta, COURSE, { email: carol.email, timeMultiplier: 1.5, reason: "Disability services letter" }))).toMatchObject({ status: 404 });
    await ext.setAccommodation(instructor, COURSE, { email: carol.email, timeMultiplier: 1.5, reason: "Disability services letter" });
    const overview = await problemSetOverview(carol, "x-exam", new Date(T0));
    expect(overview.exam).toEqual({ kind: "not_started", minutes: 68 });
    expect(overview.yourTerms).toMatchObject({ examMinutes: 68, setExamMinutes: 45 });
    const started = await startExam(carol, "x-exam", new Date(T0));
    expect(started.kind === "running" && started.endsAt).toBe(new Date(T0 + 68 * MINUTE).toISOString());

    await ext.grantExtension(instructor, COURSE, { email: carol.email, setId: "x-exam", extraMinutes: 5, reason: "Set-specific instead" });
    const db = await database();
    expect((await db.examSession.findUniqueOrThrow({ where: { userId_problemSetId: { userId: carol.id, problemSetId: "x-exam" } } })).endsAt).toEqual(new Date(T0 + 50 * MINUTE));
    expect(await db.auditEvent.count({ where: { action: "accommodation.set", targetId: carol.id } })).toBe(1);
    expect((await db.notification.findMany({ where: { userId: carol.id, kind: "extension" }, orderBy: { createdAt: "asc" } })).map((n) => n.title)).toEqual([
      "Your exam time is now 1.5× on every timed set",
      "Your own terms on Timed exam",
    ]);
  });
});

describe("extensions from CSV", () => {
  it("apply nothing when any line is wrong, and name every wrong line in plain words", async () => {
    const db = await database();
    const before = { extensions: await db.extension.count(), audits: await db.auditEvent.count() };
    const csv = [
      "email,set,due,extra_attempts,extra_minutes,reason",
      `${bob.email},Closed week,2099-01-01T12:00Z,,,Illness`, // fine
      `nobody@epoch.test,Closed week,2099-01-01T12:00Z,,,Illness`,
      `${bob.email},No such set,,1,,Illness`,
      `${carol.email},Closed week,2099-01-01 12:00,,,Illness`,
      `${carol.email},x-penalty,,two,,Illness`,
      "",
      `${carol.email},Timed exam,,,10,`,
      `${bob.email},closed week,2099-01-02T12:00Z,,,Again`,
    ].join("\n");
    const refused = await refusal(ext.grantExtensionsFromCsv(instructor, COURSE, csv));
    expect(refused?.status).toBe(400);
    expect(refused?.message.split("\n")).toEqual([
      "Nothing was applied: 6 lines have problems.",
      "Line 3: nobody@epoch.test is not a student in this course.",
      'Line 4: No set of this course is called "No such set".',
      "Line 5: Write the due date with its time and time zone, e.g. 2026-12-10T23:59Z or 2026-12-10 23:59+01:00.",
      'Line 6: Extra attempts must be a whole number, not "two".',
      "Line 8: Give a reason.",
      `Line 9: Line 2 already gives ${bob.email} terms on "Closed week".`,
    ]);
    expect({ extensions: await db.extension.count(), audits: await db.auditEvent.count() }).toEqual(before);
  });

  it("apply every line of a correct file, each audit-logged", async () => {
    const csv = [`${bob.email},Closed week,2099-01-01T12:00Z,1,,Illness`, `"${carol.email}",x-penalty,2099-01-01 13:00+01:00,,,"Travel, documented"`].join("\r\n");
    expect(await ext.grantExtensionsFromCsv(instructor, COURSE, csv)).toEqual({ applied: 2 });
    expect(await refusal(createSubmission(bob, { itemId: "x-closed-code", kind: "submit", language: "typescript", code }))).toBeNull();
    const { extensions } = await ext.courseExtensions(instructor, COURSE);
    expect(extensions.find((e) => e.email === carol.email && e.setId === "x-penalty")).toMatchObject({ dueAt: "2099-01-01T12:00:00.000Z", reason: "Travel, documented" });
    const db = await database();
    expect(await db.auditEvent.count({ where: { action: "extension.grant", targetId: { in: [bob.id, carol.id] } } })).toBe(4); // 2 given earlier in this file, 2 by the CSV
  });
});
