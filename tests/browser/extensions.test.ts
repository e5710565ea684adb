/**
 * Extensions in Chromium against the production build: an instructor gives one student a later
 * due date on the Extensions page, and the past-due set opens for that student only (the other
 * still finds it closed, and the server agrees); extra exam minutes given while an exam runs
 * move that student's clock only.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import { expectNoProblems } from "../support/page-helpers.ts";

const suite = useBrowserApp();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What a datetime-local field holds for this moment in the machine's zone (the browser's too). */
function localField(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A Submit sent from the signed-in page, as the editor sends it; the status the server answers. */
async function submitFrom(page: Page, itemId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const response = await fetch("/api/submissions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ itemId: id, kind: "submit", language: "typescript", code: "export function backpropWarmup() { return 0; }" }),
    });
    return response.status;
  }, itemId);
}

/** Seconds left on the exam clock as the page shows it ("Time left 24:59"). */
async function secondsLeft(page: Page): Promise<number> {
  const clock = page.getByTestId("exam-clock");
  await expect.poll(() => clock.textContent()).toMatch(/Time left \d/);
  const [, a, b, c] = /Time left (\d+):(\d+)(?::(\d+))?/.exec((await clock.textContent())!)!;
  return c === undefined ? Number(a) * 60 + Number(b) : Number(a) * 3600 + Number(b) * 60 + Number(c);
}

describe("extensions", () => {
  it("a later due date opens a past-due set for one student only", async () => {
    const course = await suite.data.course({
      students: 2,
      sets: [{ title: "Week 0: warm-up", items: [["backprop-warmup", 5]], dueInDays: -1, lateWork: "refuse" }],
    });
    const set = course.sets[0]!;
    const itemId = set.itemIds["backprop-warmup"]!;
    const [extended, other] = course.students as [(typeof course.students)[number], (typeof course.students)[number]];
    const newDue = new Date(Date.now() + 3 * DAY);

    const staff = await suite.pageAs(course.instructor.email);
    await staff.page.goto(course.path);
    await staff.page.getByRole("navigation", { name: "Course staff pages" }).getByRole("link", { name: "Extensions" }).click();
    await staff.page.waitForURL(`**${course.path}/extensions`);
    const form = staff.page.getByTestId("extension-form");
    await form.getByLabel("Student's email").fill(extended.email);
    await form.getByLabel("Set", { exact: true }).selectOption(set.id);
    await form.getByLabel(/Later due date/).fill(localField(newDue));
    await form.getByLabel("Reason (staff only)").fill("Hospital stay, note on file");
    await form.getByRole("button", { name: "Save extension" }).click();
    const row = staff.page.getByTestId("extension-row");
    await row.waitFor();
    expect(await row.textContent()).toContain(extended.email);
    expect(await row.textContent()).toContain("Hospital stay, note on file");
    mkdirSync("tests/artifacts", { recursive: true });
    await staff.page.screenshot({ path: "tests/artifacts/extensions-page.png", fullPage: true });
    expectNoProblems(staff.problems);

    // The student with the extension: the set is open, with their own due date shown.
    const mine = await suite.pageAs(extended.email);
    await mine.page.goto(`/sets/${set.id}`);
    await mine.page.getByTestId("your-terms").waitFor();
    expect(await mine.page.getByTestId("your-due").textContent()).toMatch(/^Due for you: /);
    expect(await mine.page.getByText("The due date has passed").count()).toBe(0);
    await mine.page.goto(`/items/${itemId}`);
    await mine.page.getByTestId("your-terms").waitFor();
    expect(await mine.page.getByText("no longer accepts submissions").count()).toBe(0);
    expect(await submitFrom(mine.page, itemId)).toBe(202);
    expectNoProblems(mine.problems);

    // Everyone else: still closed, on the page and on the server.
    const theirs = await suite.pageAs(other.email);
    await theirs.page.goto(`/sets/${set.id}`);
    await theirs.page.getByText("The due date has passed: this set no longer accepts submissions.").waitFor();
    expect(await theirs.page.getByTestId("your-terms").count()).toBe(0);
    expect(await submitFrom(theirs.page, itemId)).toBe(403);

    const audit = await suite.data.db.auditEvent.findMany({ where: { courseId: course.id, action: "extension.grant" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: course.instructor.id, targetId: extended.id })]);
  });

  it("extra exam minutes given while the exam runs extend only that student's clock", async () => {
    const course = await suite.data.course({
      students: 2,
      sets: [{ title: "Exam practice", kind: "exam_practice", timeLimitMinutes: 30, items: [["backprop-warmup", 5]], dueInDays: 1, lateWork: "refuse" }],
    });
    const set = course.sets[0]!;
    const [extended, other] = course.students as [(typeof course.students)[number], (typeof course.students)[number]];
    // Both started 20 minutes ago: 10 minutes left each.
    const startedAt = new Date(Date.now() - 20 * MINUTE);
    for (const student of [extended, other]) {
      await suite.data.db.examSession.create({ data: { userId: student.id, problemSetId: set.id, startedAt, endsAt: new Date(startedAt.getTime() + 30 * MINUTE) } });
    }

    const staff = await suite.pageAs(course.instructor.email);
    await staff.page.goto(`${course.path}/extensions`);
    const form = staff.page.getByTestId("extension-form");
    await form.getByLabel("Student's email").fill(extended.email);
    await form.getByLabel("Set", { exact: true }).selectOption(set.id);
    await form.getByLabel(/Extra exam minutes/).fill("15");
    await form.getByLabel("Reason (staff only)").fill("Fire alarm during the exam");
    await form.getByRole("button", { name: "Save extension" }).click();
    await staff.page.getByTestId("extension-row").waitFor();

    const mine = await suite.pageAs(extended.email);
    await mine.page.goto(`/sets/${set.id}`);
    expect(await mine.page.getByTestId("your-exam-time").textContent()).toBe("Your exam time: 45 min (the set's: 30 min).");
    const myLeft = await secondsLeft(mine.page);
    expect(myLeft).toBeGreaterThan(24 * 60);
    expect(myLeft).toBeLessThanOrEqual(25 * 60);
    await mine.page.screenshot({ path: "tests/artifacts/extensions-exam-clock.png", fullPage: true });
    expectNoProblems(mine.problems);

    const theirs = await suite.pageAs(other.email);
    await theirs.page.goto(`/sets/${set.id}`);
    const theirLeft = await secondsLeft(theirs.page);
    expect(theirLeft).toBeGreaterThan(9 * 60);
    expect(theirLeft).toBeLessThanOrEqual(10 * 60);
    expect(await theirs.page.getByTestId("your-terms").count()).toBe(0);
  });
});
