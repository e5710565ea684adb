/**
 * Drafts on a timed exam follow the server's clock like Run and Submit: none before Start, none
 * after the time is up (the earlier draft is kept), on a real database file.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { RequestError } = await import("../../app/_server/errors.ts");
const { readDraft, saveDraft } = await import("../../app/_server/drafts.ts");
const { startExam } = await import("../../app/_server/exams.ts");

const student: Viewer = { id: "xd-student", email: "xd-student@epoch.test", name: "Exam Student" };
const ta: Viewer = { id: "xd-ta", email: "xd-ta@epoch.test", name: "Exam TA" };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const EXAM_ITEM = "xd-exam-bw";
const LATE_ITEM = "xd-closed-bw";

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string } | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
}

beforeAll(async () => {
  const db = await database();
  for (const user of [student, ta]) await db.user.create({ data: { ...user, passwordHash: "x" } });
  await db.course.create({ data: { id: "xd-course", code: "XD-1", title: "Exam drafts", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: student.id, courseId: "xd-course", role: "student" },
      { userId: ta.id, courseId: "xd-course", role: "ta" },
    ],
  });
  await db.problemSet.create({
    data: {
      id: "xd-exam",
      courseId: "xd-course",
      title: "Timed exam",
      kind: "exam_practice",
      opensAt: new Date(Date.now() - DAY),
      dueAt: new Date(Date.now() + DAY),
      timeLimitMinutes: 30,
      lateWork: "refuse",
      items: { create: [{ id: EXAM_ITEM, exerciseId: "backprop-warmup", points: 5, position: 0 }] },
    },
  });
  await db.problemSet.create({
    data: {
      id: "xd-closed",
      courseId: "xd-course",
      title: "Closed weekly set",
      opensAt: new Date(Date.now() - 10 * DAY),
      dueAt: new Date(Date.now() - DAY),
      lateWork: "refuse",
      items: { create: [{ id: LATE_ITEM, exerciseId: "backprop-warmup", points: 5, position: 0 }] },
    },
  });
});

describe("drafts on a timed exam", () => {
  it("are refused before the student starts the clock", async () => {
    expect(await refusal(saveDraft(student, EXAM_ITEM, { code: "// too early", language: "typescript" }))).toMatchObject({
      status: 403,
      message: expect.stringMatching(/Start the exam/),
    });
    expect(await readDraft(student, EXAM_ITEM)).toBeNull();
  });

  it("are saved while the clock runs and refused once it has run out, keeping the earlier draft", async () => {
    const start = new Date();
    const exam = await startExam(student, "xd-exam", start);
    if (exam.kind !== "running") throw new Error(`expected a running exam, got ${exam.kind}`);
    const endsAt = new Date(exam.endsAt);

    const saved = await saveDraft(student, EXAM_ITEM, { code: "// my answer so far", language: "typescript" }, new Date(start.getTime() + 5 * MINUTE));
    expect(saved.code).toBe("// my answer so far");

    const afterClock = new Date(endsAt.getTime() + 1000);
    const refused = await refusal(saveDraft(student, EXAM_ITEM, { code: "// written after the time was up", language: "javascript" }, afterClock));
    const hhmm = endsAt.toISOString().slice(11, 16);
    expect(refused).toEqual({ status: 403, message: `Your exam time ended at ${hhmm} UTC; drafts can no longer be saved. Your last saved draft is kept.` });
    expect(await readDraft(student, EXAM_ITEM)).toEqual(saved);

    // The clock is the server's: right at the end is already too late, just before is not.
    expect(await refusal(saveDraft(student, EXAM_ITEM, { code: "// at the bell", language: "typescript" }, endsAt))).toMatchObject({ status: 403 });
    expect(await refusal(saveDraft(student, EXAM_ITEM, { code: "// last second", language: "typescript" }, new Date(endsAt.getTime() - 1000)))).toBeNull();
  });

  it("name the day as well when the time ran out on another day", async () => {
    const db = await database();
    const session = await db.examSession.findUniqueOrThrow({ where: { userId_problemSetId: { userId: student.id, problemSetId: "xd-exam" } } });
    const nextDay = new Date(session.endsAt.getTime() + DAY);
    const refused = await refusal(saveDraft(student, EXAM_ITEM, { code: "// tomorrow", language: "typescript" }, nextDay));
    expect(refused?.message).toMatch(/^Your exam time ended at \d\d:\d\d UTC on \d{1,2} \w{3} \d{4}; drafts can no longer be saved\./);
  });

  it("are not limited for staff, who preview exams without a clock", async () => {
    expect(await refusal(saveDraft(ta, EXAM_ITEM, { code: "// staff preview", language: "typescript" }, new Date(Date.now() + 2 * DAY)))).toBeNull();
  });
});

describe("drafts after the due date", () => {
  it("are still saved when the set refuses late work: students may still Run, so they keep their draft", async () => {
    const saved = await saveDraft(student, LATE_ITEM, { code: "// practising after the deadline", language: "typescript" });
    expect((await readDraft(student, LATE_ITEM))?.code).toBe(saved.code);
  });
});
