/**
 * Password reset links on a real database file (who may create them, single use, expiry), and
 * the one definition of a course's submissions the staff overview and the review queue share.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { statusOf } = await import("../support/request-status.ts");
const { issueResetLink, openResetLink, resetPassword } = await import("../../app/_server/password-resets.ts");
const { staffCourseOverview } = await import("../../app/_server/staff/course.ts");
const { reviewQueue } = await import("../../app/_server/staff/review.ts");
const { verifyPassword } = await import("../../prisma/passwords.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("r-instructor");
const otherInstructor = viewer("r-instructor2");
const ta = viewer("r-ta");
const alice = viewer("r-alice");
const bob = viewer("r-bob");
const COURSE = "r-course";
const ITEM = "r-set-fp";

beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, otherInstructor, ta, alice, bob]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "R-1", title: "Reset course", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: otherInstructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      { userId: alice.id, courseId: COURSE, role: "student" },
      { userId: bob.id, courseId: COURSE, role: "student" },
    ],
  });
  await db.problemSet.create({
    data: {
      id: "r-set",
      courseId: COURSE,
      title: "Week",
      opensAt: new Date(Date.now() - 86_400_000),
      dueAt: new Date(Date.now() + 86_400_000),
      items: { create: [{ id: ITEM, exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
});

describe("password reset links", () => {
  const tokenOf = (path: string) => path.split("/").pop()!;

  it("are created by an instructor for a student or TA, and set a new password once", async () => {
    const { path, expiresAt } = await issueResetLink(instructor, COURSE, alice.id);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const token = tokenOf(path);
    await expect(openResetLink(token)).resolves.toMatchObject({ email: alice.email });
    // Only the hash is stored.
    const db = await database();
    expect(JSON.stringify(await db.passwordReset.findMany())).not.toContain(token);
    expect(await statusOf(resetPassword(token, "short"))).toBe(400);
    await expect(resetPassword(token, "a long new password")).resolves.toEqual({ email: alice.email });
    const user = await db.user.findUniqueOrThrow({ where: { id: alice.id } });
    expect(await verifyPassword("a long new password", user.passwordHash)).toBe(true);
    expect(await statusOf(resetPassword(token, "another long password"))).toBe(403);
    await expect(openResetLink(token)).resolves.toBeNull();
  });

  it("stop working when they expire or a newer one is created", async () => {
    const first = tokenOf((await issueResetLink(instructor, COURSE, bob.id)).path);
    const second = tokenOf((await issueResetLink(instructor, COURSE, bob.id)).path);
    await expect(openResetLink(first)).resolves.toBeNull();
    await expect(openResetLink(second)).resolves.not.toBeNull();
    await expect(openResetLink(second, new Date(Date.now() + 25 * 3_600_000))).resolves.toBeNull();
    expect(await statusOf(resetPassword(second, "a long new password", new Date(Date.now() + 25 * 3_600_000)))).toBe(403);
  });

  it("are refused to TAs and students, and for an instructor's account", async () => {
    expect(await statusOf(issueResetLink(ta, COURSE, alice.id))).toBe(404);
    expect(await statusOf(issueResetLink(alice, COURSE, bob.id))).toBe(404);
    expect(await statusOf(issueResetLink(instructor, COURSE, otherInstructor.id))).toBe(403);
    await expect(issueResetLink(instructor, COURSE, ta.id)).resolves.toMatchObject({ path: expect.stringMatching(/^\/reset\//) });
  });
});

describe("a course's submissions", () => {
  it("are its students' Submits, counted alike on the overview and in the review queue", async () => {
    const db = await database();
    const submit = (userId: string, minutesAgo: number, reviewed = false) =>
      db.submission.create({
        data: {
          userId,
          itemId: ITEM,
          exerciseId: "forward-pass",
          kind: "submit",
          language: "typescript",
          code: "",
          seed: 1,
          status: "graded",
          verdict: "failed",
          score: 1,
          maxScore: 10,
          createdAt: new Date(Date.now() - minutesAgo * 60_000),
          reviewedAt: reviewed ? new Date() : null,
        },
      });
    await submit(alice.id, 30);
    await submit(alice.id, 20);
    await submit(bob.id, 10, true);
    // Staff trying the exercise, and a Run: neither is a submission of the course.
    await submit(instructor.id, 5);
    await db.submission.create({ data: { userId: alice.id, itemId: ITEM, exerciseId: "forward-pass", kind: "run", language: "typescript", code: "", seed: 1 } });

    const overview = await staffCourseOverview(ta, COURSE);
    expect(overview.sets[0]!.submissions).toBe(3);
    const queue = await reviewQueue(ta, COURSE, {});
    expect(queue.reduce((sum, entry) => sum + entry.attempts, 0)).toBe(overview.sets[0]!.submissions);
    // Waiting for review: Alice's latest; her earlier attempt is not a row of the queue.
    expect(overview.counts.unreviewed).toBe(1);
    expect(queue.filter((entry) => !entry.reviewed)).toHaveLength(overview.counts.unreviewed);
  });
});
