/**
 * Regrade requests and notifications on a real database: who may ask and answer, the window,
 * answers that change the score through an override, and the notices each change leaves.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { statusOf } = await import("../support/request-status.ts");
const requests = await import("../../app/_server/regrade-requests.ts");
const review = await import("../../app/_server/staff/review.ts");
const regrade = await import("../../app/_server/staff/regrade.ts");
const inbox = await import("../../app/_server/notifications/inbox.ts");
const { notify } = await import("../../app/_server/notifications/notify.ts");

const viewer = (id: string): Viewer => ({ id, email: `${id}@epoch.test`, name: id });
const instructor = viewer("r-instructor");
const ta = viewer("r-ta");
const otherTa = viewer("r-other-ta");
const alice = viewer("r-alice");
const bob = viewer("r-bob");
const COURSE = "r-course";
const DAY = 24 * 3600_000;
const MESSAGE = "Test 3 expects a shape my answer already has; please look again.";

async function graded(id: string, userId: string, itemId: string, createdAt: Date, score: number, code = "export function forward() {\n  return [];\n}") {
  const db = await database();
  await db.submission.create({
    data: {
      id,
      userId,
      itemId,
      exerciseId: "forward-pass",
      kind: "submit",
      language: "typescript",
      code,
      seed: 1,
      status: "graded",
      verdict: "failed",
      score,
      maxScore: 9,
      createdAt,
      gradedAt: createdAt,
    },
  });
}

async function noticesOf(user: Viewer) {
  return inbox.listNotifications(user);
}

beforeAll(async () => {
  const db = await database();
  for (const user of [instructor, ta, otherTa, alice, bob]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "R-1", title: "Regrades", term: "Now" } });
  await db.course.create({ data: { id: "r-other", code: "R-2", title: "Other", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: instructor.id, courseId: COURSE, role: "instructor" },
      { userId: ta.id, courseId: COURSE, role: "ta" },
      { userId: otherTa.id, courseId: "r-other", role: "ta" },
      { userId: alice.id, courseId: COURSE, role: "student" },
      { userId: bob.id, courseId: COURSE, role: "student" },
    ],
  });
  const set = (id: string, dueAt: Date, itemId: string) =>
    db.problemSet.create({
      data: {
        id,
        courseId: COURSE,
        title: id,
        opensAt: new Date(dueAt.getTime() - 20 * DAY),
        dueAt,
        items: { create: [{ id: itemId, exerciseId: "forward-pass", points: 10, position: 0 }] },
      },
    });
  await set("r-recent", new Date(Date.now() - 2 * DAY), "r-recent-fp");
  await set("r-old", new Date(Date.now() - 30 * DAY), "r-old-fp");
  await db.problemSet.create({
    data: {
      id: "r-hidden",
      courseId: COURSE,
      title: "r-hidden",
      feedback: "after_close",
      opensAt: new Date(Date.now() - 5 * DAY),
      dueAt: new Date(Date.now() + 2 * DAY),
      items: { create: [{ id: "r-hidden-fp", exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
  await graded("r-a-hidden", alice.id, "r-hidden-fp", new Date(Date.now() - DAY), 3);
  await graded("r-a1", alice.id, "r-recent-fp", new Date(Date.now() - 3 * DAY), 6);
  await graded("r-b1", bob.id, "r-recent-fp", new Date(Date.now() - 3 * DAY), 3);
  await graded("r-a-old", alice.id, "r-old-fp", new Date(Date.now() - 31 * DAY), 3);
  await graded("r-ta1", ta.id, "r-recent-fp", new Date(Date.now() - 3 * DAY), 9);
});

describe("asking for a regrade", () => {
  it("a student asks about their own graded submission, and every staff member of the course is told", async () => {
    const before = await requests.regradeRequestsForItem(alice, "r-recent-fp");
    expect(before).toMatchObject({ target: { submissionId: "r-a1" }, canAsk: true, refusal: null });
    const created = await requests.askForRegrade(alice, "r-a1", { message: MESSAGE });
    expect(created).toMatchObject({ submissionId: "r-a1", status: "open", message: MESSAGE, answer: null });
    for (const staff of [ta, instructor]) {
      const [notice] = await noticesOf(staff);
      expect(notice).toMatchObject({
        kind: "regrade_request",
        title: "r-alice asks for a regrade of Forward pass through a dense network",
        body: MESSAGE,
        link: `/courses/${COURSE}/review#regrade-requests`,
        read: false,
      });
    }
    expect(await noticesOf(otherTa)).toEqual([]);
    expect(await requests.openRegradeRequestCount(ta, COURSE)).toBe(1);
    expect((await requests.regradeRequestsForItem(alice, "r-recent-fp")).refusal).toBe("Your request is waiting for an answer.");
  });

  it("refuses anyone but the author, and a second request while one is open", async () => {
    expect(await statusOf(requests.askForRegrade(bob, "r-a1", { message: MESSAGE }))).toBe(404);
    expect(await statusOf(requests.askForRegrade(otherTa, "r-a1", { message: MESSAGE }))).toBe(404);
    expect(await statusOf(requests.askForRegrade(ta, "r-a1", { message: MESSAGE }))).toBe(404);
    expect(await statusOf(requests.askForRegrade(alice, "r-a1", { message: MESSAGE }))).toBe(409);
    expect(await statusOf(requests.askForRegrade(alice, "no-such-submission", { message: MESSAGE }))).toBe(404);
  });

  it("refuses once the window has closed, and in a course that takes no requests", async () => {
    expect(await statusOf(requests.askForRegrade(alice, "r-a-old", { message: MESSAGE }))).toBe(409);
    expect((await requests.regradeRequestsForItem(alice, "r-old-fp")).refusal).toBe("The time for regrade requests on this item has passed.");
    // The window runs from the due date or the grading, whichever is later: 7 days after grading is still open.
    const db = await database();
    await db.submission.update({ where: { id: "r-a-old" }, data: { gradedAt: new Date(Date.now() - DAY) } });
    expect((await requests.regradeRequestsForItem(alice, "r-old-fp")).canAsk).toBe(true);
    await requests.setRegradeWindow(instructor, COURSE, { days: 0 });
    expect(await statusOf(requests.askForRegrade(bob, "r-b1", { message: MESSAGE }))).toBe(409);
    expect((await requests.regradeRequestsForItem(bob, "r-recent-fp")).refusal).toBe("This course does not take regrade requests.");
    await requests.setRegradeWindow(instructor, COURSE, { days: 7 });
    // Each change is in the course's audit log with who made it, from what to what; setting the same value again is no change.
    await requests.setRegradeWindow(instructor, COURSE, { days: 7 });
    const changes = await db.auditEvent.findMany({ where: { courseId: COURSE, action: "course.regrade_window" }, orderBy: { createdAt: "asc" } });
    expect(changes.map((event) => [event.actorId, JSON.parse(event.details)])).toEqual([
      [instructor.id, { days: { from: 7, to: 0 } }],
      [instructor.id, { days: { from: 0, to: 7 } }],
    ]);
  });

  it("waits for a set that shows results only after it closes: an answer would tell the score early", async () => {
    expect(await statusOf(requests.askForRegrade(alice, "r-a-hidden", { message: MESSAGE }))).toBe(409);
    expect((await requests.regradeRequestsForItem(alice, "r-hidden-fp")).refusal).toBe("This set shows results after it closes; ask for a regrade then.");
  });

  it("lets only instructors of the course set the window", async () => {
    expect(await statusOf(requests.setRegradeWindow(ta, COURSE, { days: 3 }))).toBe(404);
    expect(await statusOf(requests.setRegradeWindow(alice, COURSE, { days: 3 }))).toBe(404);
    expect(await statusOf(requests.setRegradeWindow(otherTa, COURSE, { days: 3 }))).toBe(404);
    expect(requests.regradeWindowCloses(3, new Date("2026-01-10T00:00:00Z"), new Date("2026-01-12T00:00:00Z"))?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(requests.regradeWindowCloses(3, new Date("2026-01-10T00:00:00Z"), null)?.toISOString()).toBe("2026-01-13T00:00:00.000Z");
  });
});

describe("answering a request", () => {
  it("refuses students and staff of other courses", async () => {
    const [open] = (await requests.courseRegradeRequests(ta, COURSE)).open;
    expect(await statusOf(requests.answerRegradeRequest(alice, open!.id, { answer: "fine" }))).toBe(404);
    expect(await statusOf(requests.answerRegradeRequest(otherTa, open!.id, { answer: "fine" }))).toBe(404);
    expect(await statusOf(requests.courseRegradeRequests(alice, COURSE))).toBe(404);
    expect(await statusOf(requests.answerRegradeRequest(ta, open!.id, { answer: "too many", points: 11 }))).toBe(400);
  });

  it("a new score goes through an override; the student gets one notice saying from what to what", async () => {
    const { open } = await requests.courseRegradeRequests(ta, COURSE);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ student: { id: alice.id }, points: 6.67, maxPoints: 10, exerciseTitle: "Forward pass through a dense network" });
    const answered = await requests.answerRegradeRequest(ta, open[0]!.id, { answer: "You are right: test 3 was too strict.", points: 9 });
    expect(answered).toMatchObject({ status: "answered", answeredByName: "r-ta", pointsBefore: 6.67, pointsAfter: 9 });
    const db = await database();
    const override = await db.scoreOverride.findFirstOrThrow({ where: { submissionId: "r-a1" }, orderBy: { createdAt: "desc" } });
    expect(override).toMatchObject({ points: 9, authorId: ta.id, reason: "Regrade request: You are right: test 3 was too strict." });
    expect(await db.auditEvent.count({ where: { action: "submission.override", targetId: "r-a1" } })).toBe(1);
    const notices = await noticesOf(alice);
    expect(notices.map((n) => n.kind)).toEqual(["regrade_answered"]);
    expect(notices[0]).toMatchObject({
      title: "Regrade of Forward pass through a dense network: your score is now 9 points (was 6.67)",
      body: "You are right: test 3 was too strict.",
      link: "/items/r-recent-fp?submission=r-a1#regrade-requests",
    });
    const page = await requests.regradeRequestsForItem(alice, "r-recent-fp");
    expect(page.requests[0]).toMatchObject({ status: "answered", answer: "You are right: test 3 was too strict.", pointsAfter: 9 });
    expect(await requests.openRegradeRequestCount(ta, COURSE)).toBe(0);
    expect(await statusOf(requests.answerRegradeRequest(instructor, open[0]!.id, { answer: "again" }))).toBe(409);
  });

  it("an answer without a score keeps it", async () => {
    await requests.askForRegrade(bob, "r-b1", { message: MESSAGE });
    const [open] = (await requests.courseRegradeRequests(instructor, COURSE)).open;
    const answered = await requests.answerRegradeRequest(instructor, open!.id, { answer: "The tests are right: your output has the wrong shape." });
    expect(answered).toMatchObject({ pointsBefore: 3.33, pointsAfter: 3.33 });
    const db = await database();
    expect(await db.scoreOverride.count({ where: { submissionId: "r-b1" } })).toBe(0);
    const [notice] = await noticesOf(bob);
    expect(notice).toMatchObject({ kind: "regrade_answered", title: "Regrade of Forward pass through a dense network answered: the score stays 3.33 points" });
  });
});

describe("notices of staff changes", () => {
  it("a comment on a line links to that line of that submission; a comment on staff's own try tells no one", async () => {
    await review.addComment(ta, "r-b1", { body: "This loop runs one time too few.", line: 2 });
    const [notice] = await noticesOf(bob);
    expect(notice).toMatchObject({
      kind: "comment",
      title: "r-ta commented on Forward pass through a dense network, line 2",
      body: "This loop runs one time too few.",
      link: "/items/r-recent-fp?submission=r-b1&line=2",
    });
    const before = (await noticesOf(ta)).length;
    await review.addComment(ta, "r-ta1", { body: "note to self" });
    expect((await noticesOf(ta)).length).toBe(before);
  });

  it("an override tells the student the new score and why", async () => {
    await review.overrideScore(instructor, "r-b1", { points: 5, reason: "Partial credit for the shapes" });
    const [notice] = await noticesOf(bob);
    expect(notice).toMatchObject({
      kind: "score_override",
      title: "r-instructor set your score for Forward pass through a dense network to 5 points",
      body: "Partial credit for the shapes",
      link: "/items/r-recent-fp?submission=r-b1",
    });
  });

  it("an applied regrade tells only the students whose score it changed", async () => {
    const db = await database();
    await db.regradeRun.create({
      data: {
        id: "r-run",
        courseId: COURSE,
        requestedById: instructor.id,
        scope: "forward-pass",
        description: "test",
        status: "ready",
        entries: {
          create: [
            { submissionId: "r-a1", status: "done", oldScore: 6, oldMaxScore: 9, newScore: 9, newMaxScore: 9, newVerdict: "passed", newResult: null },
            { submissionId: "r-b1", status: "done", oldScore: 3, oldMaxScore: 9, newScore: 3, newMaxScore: 9, newVerdict: "failed", newResult: null },
            // Changed, but on a set that shows results only after it closes: no notice yet.
            { submissionId: "r-a-hidden", status: "done", oldScore: 3, oldMaxScore: 9, newScore: 9, newMaxScore: 9, newVerdict: "passed", newResult: null },
          ],
        },
      },
    });
    const bobBefore = (await noticesOf(bob)).length;
    await regrade.applyRegrade(instructor, "r-run");
    const regraded = (await noticesOf(alice)).filter((n) => n.kind === "regrade_result");
    expect(regraded).toHaveLength(1);
    const [notice] = regraded;
    expect(notice).toMatchObject({
      kind: "regrade_result",
      title: "Forward pass through a dense network was regraded: 6.67 → 10 points before any late penalty or override",
      link: "/items/r-recent-fp?submission=r-a1",
    });
    expect((await noticesOf(bob)).length).toBe(bobBefore);
  });

  it("without SMTP settings nothing is queued for email", async () => {
    const db = await database();
    expect(await db.notification.count()).toBeGreaterThan(0);
    expect(await db.outgoingEmail.count()).toBe(0);
  });
});

describe("the notification list", () => {
  it("counts unread notices, marks read only the viewer's own, and opens only the viewer's own", async () => {
    const mine = await noticesOf(bob);
    const theirs = await noticesOf(alice);
    const unread = await inbox.unreadCount(bob);
    expect(unread).toBe(mine.filter((n) => !n.read).length);
    expect(unread).toBeGreaterThan(1);
    expect(await inbox.markRead(bob, { ids: [mine[0]!.id, theirs[0]!.id] })).toBe(1);
    expect(await inbox.unreadCount(bob)).toBe(unread - 1);
    expect((await noticesOf(alice))[0]!.read).toBe(false);
    expect(await statusOf(inbox.openNotification(bob, theirs[0]!.id))).toBe(404);
    expect(await inbox.openNotification(bob, mine[1]!.id)).toBe(mine[1]!.link);
    expect(await inbox.unreadCount(bob)).toBe(unread - 2);
    await inbox.markRead(bob, { all: true });
    expect(await inbox.unreadCount(bob)).toBe(0);
  });

  it("notify keeps links inside the app", async () => {
    const db = await database();
    await expect(notify(db, { userId: alice.id, kind: "extension", title: "x", link: "https://elsewhere.example" })).rejects.toThrow(/inside the app/);
    await expect(notify(db, { userId: alice.id, kind: "extension", title: "x", link: "//elsewhere.example" })).rejects.toThrow(/inside the app/);
    await notify(db, { userId: alice.id, courseId: COURSE, kind: "extension", title: "New due date for r-recent", body: "Due for you: tomorrow", link: "/sets/r-recent" });
    expect((await noticesOf(alice))[0]).toMatchObject({ kind: "extension", kindLabel: "Extension", link: "/sets/r-recent" });
  });
});
