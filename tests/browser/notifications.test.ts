/**
 * Regrade requests and notifications in Chromium against the production build: a student asks
 * for a regrade, the TA is notified, answers it in the review queue with a new score, and the
 * student is notified and reads the answer on the exercise page; a TA's comment on a line reaches
 * the student's notification list and opens that submission with that line marked.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import type { SeededCourse, SetSpec } from "../support/course-data.ts";
import { expectNoProblems } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();

const FORWARD_SET: SetSpec = { title: "Week 1 — Neural network basics", items: [["forward-pass", 10]] };
const FORWARD_TITLE = "Forward pass through a dense network";

/** One graded, weak forward-pass Submit of the course's student. */
async function weakSubmission(course: SeededCourse): Promise<{ itemId: string; submissionId: string }> {
  const itemId = course.sets[0]!.itemIds["forward-pass"]!;
  const submissionId = await suite.data.submit(course.students[0]!, itemId, solution("forward-pass", "missing-bias"), { minutesAgo: 10 });
  await suite.data.waitUntilGraded([submissionId]);
  return { itemId, submissionId };
}

/** The bell's unread count, as the header shows it on a freshly loaded page. */
async function unreadOnBell(page: Page): Promise<number> {
  return Number(await page.getByTestId("notification-bell").getAttribute("data-unread"));
}

/**
 * Goes to the course list the way a reader does, through the header's link (the header is not
 * served again on client-side navigation), and waits for the bell to show `unread`.
 */
async function navigateAndExpectBell(page: Page, unread: number): Promise<void> {
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Your courses" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.locator(`[data-testid="notification-bell"][data-unread="${unread}"]`).waitFor({ timeout: 10_000 });
}

describe("regrade requests and notifications", () => {
  it("a regrade request goes from the student to the TA and back, with a notification on each side", async () => {
    const course = await suite.data.course({ students: 1, sets: [FORWARD_SET] });
    const { itemId } = await weakSubmission(course);
    const message = "My bias is added after the activation on purpose; test 2 seems to expect the other order.";
    const answer = "You are right that the order differs in the notes: full marks.";

    // The student asks, on the exercise page.
    const student = await suite.pageAs(course.students[0]!.email);
    await student.page.goto(`/items/${itemId}`);
    const section = student.page.getByTestId("regrade-requests");
    await section.waitFor();
    await section.getByLabel("Your message to the staff").fill(message);
    await section.getByRole("button", { name: "Ask for a regrade" }).click();
    await section.locator('[data-testid="regrade-request"][data-status="open"]').waitFor();
    await expect(section.textContent()).resolves.toContain("Waiting for an answer");
    expect(await section.getByTestId("regrade-request-form").count()).toBe(0);

    // The TA's bell counts it; the notice leads to the open request in the review queue.
    const ta = await suite.pageAs(course.ta.email);
    await ta.page.goto("/");
    expect(await unreadOnBell(ta.page)).toBe(1);
    await ta.page.getByTestId("notification-bell").click();
    await ta.page.waitForURL("**/notifications");
    const notice = ta.page.locator('[data-testid="notification"][data-kind="regrade_request"]');
    await expect(notice.textContent()).resolves.toContain(`${course.students[0]!.name} asks for a regrade of ${FORWARD_TITLE}`);
    await notice.getByTestId("notification-link").click();
    await ta.page.waitForURL(new RegExp(`${course.path}/review#regrade-requests$`));
    const panel = ta.page.getByTestId("staff-regrade-requests");
    await panel.waitFor();
    await expect(panel.getByTestId("open-regrade-count").textContent()).resolves.toBe("1 open");
    const request = panel.getByTestId("open-regrade-request");
    await expect(request.textContent()).resolves.toContain(message);
    const before = Number.parseFloat((await request.getByTestId("regrade-request-points").textContent()) ?? "");
    expect(before).toBeLessThan(10);
    await request.getByLabel("Answer to the student").fill(answer);
    await request.getByLabel(/^New score/).fill("10");
    await request.getByRole("button", { name: "Answer" }).click();
    await panel.getByTestId("no-open-regrade-requests").waitFor();
    await expect(panel.getByTestId("open-regrade-count").textContent()).resolves.toBe("0 open");
    // Opening the notice marked it read: the bell says so on the next page, without a reload.
    await navigateAndExpectBell(ta.page, 0);

    // The student is told: their page, still the one from before the answer, counts it once they move on.
    expect(await unreadOnBell(student.page)).toBe(0);
    await navigateAndExpectBell(student.page, 1);
    await student.page.goto("/notifications");
    const answered = student.page.locator('[data-testid="notification"][data-kind="regrade_answered"]');
    await expect(answered.textContent()).resolves.toContain(`Regrade of ${FORWARD_TITLE}: your score is now 10 points (was ${before})`);
    await answered.getByTestId("notification-link").click();
    await student.page.waitForURL(new RegExp(`/items/${itemId}\\?submission=[^#]+#regrade-requests$`));
    const reply = student.page.getByTestId("regrade-answer");
    await reply.waitFor();
    await expect(reply.textContent()).resolves.toContain(answer);
    await expect(reply.getByTestId("regrade-outcome").textContent()).resolves.toBe(`Your score changed from ${before} to 10 points.`);
    expect(await unreadOnBell(student.page)).toBe(0);
    expectNoProblems(student.problems);
    expectNoProblems(ta.problems);
  });

  it("a TA's comment on a line reaches the student's notifications and opens that line", async () => {
    const course = await suite.data.course({ students: 1, sets: [FORWARD_SET] });
    const { itemId, submissionId } = await weakSubmission(course);
    const comment = "The bias belongs inside the sum, before the activation.";

    // The student has the course list open before anything happens.
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    await page.goto("/");
    expect(await unreadOnBell(page)).toBe(0);

    // The TA comments on line 3 from the review page.
    const ta = await suite.pageAs(course.ta.email);
    await ta.page.goto(`${course.path}/review/${submissionId}`);
    const form = ta.page.getByTestId("comment-form");
    await form.waitFor();
    await form.getByLabel("On line (optional)").fill("3");
    await form.getByLabel("Comment").fill(comment);
    await form.getByRole("button", { name: "Add comment" }).click();
    await ta.page.getByTestId("comment").filter({ hasText: comment }).waitFor();

    // The bell counts it once the student follows a link, even to the page already shown.
    await navigateAndExpectBell(page, 1);

    // The student's list shows it, linking to the line of that submission.
    await page.getByTestId("notification-bell").click();
    await page.waitForURL("**/notifications");
    const notice = page.locator('[data-testid="notification"][data-kind="comment"]');
    await expect(notice.textContent()).resolves.toContain(`${course.ta.name} commented on ${FORWARD_TITLE}, line 3`);
    await expect(notice.textContent()).resolves.toContain(comment);
    expect(await notice.getAttribute("data-read")).toBe("false");
    expect(await notice.getByTestId("notification-link").getAttribute("data-target")).toBe(`/items/${itemId}?submission=${submissionId}&line=3`);
    await notice.getByTestId("notification-link").click();
    await page.waitForURL(`**/items/${itemId}?submission=${submissionId}&line=3`);

    // That submission is open, line 3 marked in its editor, with the comment beside it.
    const viewed = page.getByTestId("viewing-submission");
    await viewed.waitFor();
    expect(await viewed.getAttribute("data-submission-id")).toBe(submissionId);
    expect(await viewed.getAttribute("data-highlight-line")).toBe("3");
    await expect(viewed.getByTestId("highlighted-line").textContent()).resolves.toContain(comment);
    await viewed.locator(".monaco-editor .commented-line").first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="student-comment"][data-line="3"]').waitFor();

    // Read now: the bell is back to zero and the list shows it read.
    await page.goto("/notifications");
    expect(await unreadOnBell(page)).toBe(0);
    expect(await page.locator('[data-testid="notification"][data-kind="comment"]').getAttribute("data-read")).toBe("true");
    expectNoProblems(problems);
  });
});
