/**
 * The staff and exam paths in Chromium against the production build, as people would click
 * through them: the instructor builds a weekly set and a timed exam-practice set; the student
 * takes the exam under its clock and its counts-only feedback; the TA reviews a student's
 * submission (comment, override, reviewed); that student sees it; the gradebook's table and
 * its CSV agree; a regrade is previewed and applied. Each test builds its own course, people
 * and submissions first (tests/support/course-data.ts), so any one runs alone and in any order.
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import type { Person, SeededCourse, SeededSet, SetSpec } from "../support/course-data.ts";
import { parseCsv } from "../support/csv.ts";
import { editorText, expectNoProblems, expectNoSidewaysScroll, pasteIntoEditor, submitAndWait } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const ARTIFACTS = "tests/artifacts";

const suite = useBrowserApp();
beforeAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});

/** "YYYY-MM-DDTHH:mm" for now and a week from now, in the browser's own time zone (datetime-local inputs read that zone). */
async function localDates(page: Page): Promise<{ now: string; inAWeek: string }> {
  return page.evaluate(() => {
    const pad = (n: number) => String(n).padStart(2, "0");
    const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const now = new Date();
    return { now: local(now), inAWeek: local(new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000)) };
  });
}

/** From the dashboard to the course's staff overview, as a staff member gets there. */
async function openCourseAsStaff(page: Page, course: SeededCourse): Promise<void> {
  await page.goto("/");
  // The test's staff members are enrolled in this one course only.
  await page.getByRole("link", { name: "Manage course" }).first().click();
  await page.waitForURL(`**${course.path}`);
  await page.getByTestId("staff-sets").waitFor();
}

/** One of the course's staff pages, through the staff navigation. */
async function openStaffPage(page: Page, course: SeededCourse, name: "Review queue" | "Gradebook" | "Analytics"): Promise<void> {
  await openCourseAsStaff(page, course);
  await page.getByRole("navigation", { name: "Course staff pages" }).getByRole("link", { name }).click();
}

/** The instructor's "New problem set" form, filled with the common settings, then created; returns the new set's id. */
async function createSet(page: Page, course: SeededCourse, settings: { title: string; kind: "weekly" | "exam_practice"; fill: () => Promise<void> }): Promise<string> {
  await openCourseAsStaff(page, course);
  await page.getByRole("link", { name: "New problem set" }).click();
  const form = page.getByTestId("set-form");
  await form.waitFor();
  // The dates are filled after hydration (the browser's time zone); typing before that would be overwritten.
  const opens = form.getByLabel("Opens at");
  await expect.poll(() => opens.inputValue()).not.toBe("");
  await form.getByLabel("Title", { exact: true }).fill(settings.title);
  const { now, inAWeek } = await localDates(page);
  await opens.fill(now);
  await form.getByLabel("Due at").fill(inAWeek);
  await form.getByRole("radio", { name: settings.kind === "weekly" ? "Weekly problem set" : "Exam practice" }).check();
  await settings.fill();
  await form.getByRole("button", { name: "Create problem set" }).click();
  const editUrl = new RegExp(`${course.path}/sets/([^/]+)/edit$`);
  await page.waitForURL(editUrl);
  await page.getByTestId("set-items").waitFor();
  const setId = editUrl.exec(new URL(page.url()).pathname)?.[1];
  expect(setId).toBeTruthy();
  return setId!;
}

/** Searches the bank on the edit page and waits for the entries of that search. */
async function searchBank(page: Page, query: string, expectedIds: readonly string[]): Promise<void> {
  const picker = page.getByTestId("bank-picker");
  await picker.getByLabel("Search the bank").fill(query);
  await expect
    .poll(async () => picker.getByTestId("bank-entry").evaluateAll((entries) => entries.map((e) => e.getAttribute("data-exercise-id"))), { timeout: 10_000 })
    .toEqual(expect.arrayContaining([...expectedIds]));
}

async function saveExercisesAndPublish(page: Page): Promise<void> {
  const items = page.getByTestId("set-items");
  await items.getByRole("button", { name: "Save exercises" }).click();
  await items.getByRole("status").filter({ hasText: "Exercises saved." }).waitFor();
  const toggle = page.getByTestId("toggle-published");
  await expect(toggle.textContent()).resolves.toBe("Publish");
  await toggle.click();
  await page.getByTestId("set-form").getByRole("status").filter({ hasText: "The set is published" }).waitFor();
  await page.getByTestId("toggle-published").filter({ hasText: "Unpublish" }).waitFor();
}

const rowIds = (page: Page) => page.getByTestId("set-item-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-exercise-id")));

const WEEKLY_TITLE = "Week 5 — Clustering in practice";
const EXAM_TITLE = "Exam practice — backprop sprint";
const FORWARD_SET: SetSpec = { title: "Week 1 — Neural network basics", items: [["forward-pass", 10]] };
const FORWARD_TITLE = "Forward pass through a dense network";
const OVERRIDE_POINTS = 7.5;
const REVIEW_COMMENT = { body: "Add the bias after the weighted sum, for every unit of the layer.", line: 3 };
const OVERRIDE = { points: OVERRIDE_POINTS, reason: "The structure is right; the missing bias is a small slip. Partial credit." };

/** A student's forward-pass work a TA can review: two graded attempts, both under OVERRIDE_POINTS (the later one is returned). */
async function twoWeakForwardAttempts(course: SeededCourse, studentIndex = 0): Promise<string> {
  const student = course.students[studentIndex]!;
  const itemId = course.sets[0]!.itemIds["forward-pass"]!;
  const first = await suite.data.submit(student, itemId, solution("forward-pass", "no-activation"), { minutesAgo: 30 });
  const second = await suite.data.submit(student, itemId, solution("forward-pass", "missing-bias"), { minutesAgo: 20 });
  await suite.data.waitUntilGraded([first, second]);
  const scores = await suite.data.db.submission.findMany({ where: { id: { in: [first, second] } }, select: { score: true } });
  for (const { score } of scores) expect(score, "a fixture meant to be weak scored too high").toBeLessThan(OVERRIDE_POINTS);
  return second;
}

describe("staff and exam paths", () => {
  it("the instructor builds a weekly set from the bank, and the student sees it", async () => {
    const course = await suite.data.course({ students: 1 });
    const { page, problems } = await suite.pageAs(course.instructor.email);
    const setId = await createSet(page, course, {
      title: WEEKLY_TITLE,
      kind: "weekly",
      fill: async () => {
        const form = page.getByTestId("set-form");
        await form.getByLabel("Score that counts").selectOption("best");
        await form.getByRole("radio", { name: /Accept late work with a penalty/ }).check();
        await form.getByLabel("Penalty per started day (%)").fill("5");
        await form.getByLabel("Penalty cap (%)").fill("30");
      },
    });
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(WEEKLY_TITLE);
    await expect(page.getByTestId("toggle-published").textContent()).resolves.toBe("Publish");

    // Search, preview (the statement's math is typeset), add two exercises.
    await searchBank(page, "k-means", ["kmeans-step", "kmeans-wcss"]);
    const picker = page.getByTestId("bank-picker");
    await picker.getByRole("button", { name: "Preview One iteration of k-means" }).click();
    const preview = page.getByTestId("bank-preview");
    await preview.getByRole("heading", { name: "One iteration of k-means" }).waitFor();
    await preview.locator(".katex").first().waitFor();
    expect(await preview.locator(".katex").count()).toBeGreaterThan(0);
    await preview.getByRole("button", { name: "Add to set" }).click();
    await picker.getByRole("button", { name: "Add Within-cluster sum of squares" }).click();
    expect(await rowIds(page)).toEqual(["kmeans-step", "kmeans-wcss"]);
    await page.getByLabel("Points for One iteration of k-means").fill("12");
    await page.getByLabel("Points for Within-cluster sum of squares").fill("8");
    await page.getByRole("button", { name: "Move Within-cluster sum of squares up" }).click();
    expect(await rowIds(page)).toEqual(["kmeans-wcss", "kmeans-step"]);
    await expect(page.getByTestId("set-items").textContent()).resolves.toContain("2 exercises · 20 points");
    await saveExercisesAndPublish(page);
    await page.screenshot({ path: `${ARTIFACTS}/staff-set-builder.png`, fullPage: true });
    await expectNoSidewaysScroll(page);

    // What was saved is what comes back.
    await page.reload();
    await page.getByTestId("set-items").waitFor();
    expect(await rowIds(page)).toEqual(["kmeans-wcss", "kmeans-step"]);
    await expect(page.getByLabel("Points for Within-cluster sum of squares").inputValue()).resolves.toBe("8");
    await expect(page.getByLabel("Points for One iteration of k-means").inputValue()).resolves.toBe("12");
    await expect(page.getByTestId("toggle-published").textContent()).resolves.toBe("Unpublish");
    expectNoProblems(problems);

    const student = await suite.pageAs(course.students[0]!.email);
    const card = student.page.getByTestId(`set-${setId}`);
    await card.getByRole("link", { name: WEEKLY_TITLE }).waitFor();
    expect(await card.locator(".set-list a").allTextContents()).toEqual(["Within-cluster sum of squares", "One iteration of k-means"]);
    await card.getByRole("link", { name: WEEKLY_TITLE }).click();
    await student.page.getByTestId("set-policies").waitFor();
    const policies = await student.page.getByTestId("set-policies").textContent();
    expect(policies).toContain("Your best graded submission counts.");
    expect(policies).toContain("Late work loses 5% per started day, at most 30%.");
    expect(await student.page.getByTestId("set-item").allTextContents()).toEqual([
      expect.stringContaining("Within-cluster sum of squares"),
      expect.stringContaining("One iteration of k-means"),
    ]);
    expectNoProblems(student.problems);
  });

  it("the instructor builds a 30-minute exam-practice set with counts-only feedback", async () => {
    const course = await suite.data.course({ students: 0 });
    const { page, problems } = await suite.pageAs(course.instructor.email);
    const setId = await createSet(page, course, {
      title: EXAM_TITLE,
      kind: "exam_practice",
      fill: async () => {
        const exam = page.getByTestId("exam-settings");
        await exam.getByLabel("Time limit (minutes)").fill("30");
        await exam.getByLabel("Feedback while the set is open").selectOption({ label: "Pass/fail counts only" });
      },
    });
    // The settings were stored as chosen.
    const exam = page.getByTestId("exam-settings");
    await expect(exam.getByLabel("Time limit (minutes)").inputValue()).resolves.toBe("30");
    await expect(exam.getByLabel("Feedback while the set is open").inputValue()).resolves.toBe("counts");
    await searchBank(page, "backprop", ["backprop-warmup"]);
    await page.getByTestId("bank-picker").getByRole("button", { name: "Add Backpropagation by hand: f(x, y, z) = (x + y)·z" }).click();
    expect(await rowIds(page)).toEqual(["backprop-warmup"]);
    await saveExercisesAndPublish(page);
    expectNoProblems(problems);
    const stored = await suite.data.db.problemSet.findUniqueOrThrow({ where: { id: setId }, include: { items: true } });
    expect(stored).toMatchObject({ courseId: course.id, kind: "exam_practice", timeLimitMinutes: 30, feedback: "counts", published: true });
    expect(stored.items.map((item) => item.exerciseId)).toEqual(["backprop-warmup"]);
  });

  it("the student takes the exam: start, clock, counts-only feedback, and the server's clock", async () => {
    const course = await suite.data.course({
      students: 1,
      sets: [{ title: EXAM_TITLE, kind: "exam_practice", items: [["backprop-warmup", 5]], timeLimitMinutes: 30, feedback: "counts", lateWork: "refuse" }],
    });
    const setId = course.sets[0]!.id;
    const student = course.students[0]!;
    const { page, problems } = await suite.pageAs(student.email);
    await page.getByTestId(`set-${setId}`).getByRole("link", { name: EXAM_TITLE }).click();
    const start = page.getByTestId("start-exam");
    await start.waitFor();
    await expect(start.textContent()).resolves.toBe("Start (30 minutes)");
    const policies = await page.getByTestId("set-policies").textContent();
    expect(policies).toContain("30 minutes from the moment you start.");
    expect(policies).toContain("Feedback: Pass/fail counts only.");
    const row = page.getByTestId("set-item");
    await expect(row.textContent()).resolves.toContain("Backpropagation by hand");
    expect(await row.getByRole("link").count()).toBe(0);

    let question = "";
    page.once("dialog", (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await start.click();
    const clock = page.getByTestId("exam-clock");
    await clock.waitFor();
    expect(question).toMatch(/30 minutes/);
    const first = (await clock.textContent()) ?? "";
    expect(first).toMatch(/^Time left (29:[0-5]\d|30:00)$/);
    // The one timed wait: the clock must tick within two seconds.
    await page.waitForFunction((before) => document.querySelector('[data-testid="exam-clock"]')?.textContent !== before, first, { timeout: 2_000 });
    await expect(page.getByTestId("exam-start").count()).resolves.toBe(0);

    await row.getByRole("link", { name: /Backpropagation by hand/ }).click();
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    await page.getByTestId("exam-clock-bar").getByTestId("exam-clock").waitFor();
    await pasteIntoEditor(page, solution("backprop-warmup", "correct"));
    await expect.poll(() => editorText(page)).toContain("const dfdq = z;");
    const submitted = await submitAndWait(page);
    expect(submitted.verdict).toBe("passed");
    const note = page.getByTestId("feedback-note");
    await expect(note.textContent()).resolves.toMatch(/^(\d+) of \1 tests passed\. This set shows how many tests passed, not which ones/);
    expect(await page.getByTestId("test-row").count()).toBe(0);
    expect(await submitted.results.locator("table").count()).toBe(0);
    expect(await page.getByTestId("hidden-summary").count()).toBe(0);

    // Run grades only the visible tests, whose detail the policy never hides.
    const ran = await submitAndWait(page, "run");
    expect(ran.verdict).toBe("passed");
    expect(await page.getByTestId("feedback-note").count()).toBe(0);
    expect(await ran.results.getByTestId("test-row").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/exam-exercise-counts.png`, fullPage: true });
    await expectNoSidewaysScroll(page);
    expectNoProblems(problems);

    // The server keeps the clock: once the student's time is up, a submit is refused.
    const { count } = await suite.data.db.examSession.updateMany({ where: { userId: student.id, problemSetId: setId }, data: { endsAt: new Date(Date.now() - 60_000) } });
    expect(count).toBe(1);
    const itemId = new URL(page.url()).pathname.split("/").pop()!;
    const refused = await page.request.post("/api/submissions", { data: { itemId, kind: "submit", language: "typescript", code: solution("backprop-warmup", "correct") } });
    expect(refused.status()).toBe(403);
    const refusal = ((await refused.json()) as { error: { message: string } }).error.message;
    expect(refusal).toMatch(/time for this exam is up/);

    // The page still shows its (client-side) clock; pressing Submit shows the server's refusal.
    const refusedUrls: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("status of 403")) refusedUrls.push(message.location().url);
    });
    await page.getByTestId("submit").click();
    await expect(page.getByTestId("problem").textContent({ timeout: 10_000 })).resolves.toBe(refusal);
    // Chromium logs every 4xx answer to a fetch as a console error. This one is the refusal the
    // page shows on purpose: take exactly it out, and nothing else.
    const expected = "Failed to load resource: the server responded with a status of 403 (Forbidden)";
    expect(refusedUrls.map((url) => new URL(url).pathname)).toEqual(["/api/submissions"]);
    expect(problems.consoleErrors.filter((text) => text === expected)).toHaveLength(1);
    problems.consoleErrors.splice(problems.consoleErrors.indexOf(expected), 1);
    // Reloaded, the page says the time is up.
    await page.reload();
    await page.getByText("Your time for this set is up: new submissions are refused.").waitFor();
    expect(await page.getByTestId("exam-clock").count()).toBe(0);
    expectNoProblems(problems);
  });

  it("the TA reviews a student's forward-pass submission: code, diff, comment on a line, override, reviewed", async () => {
    const course = await suite.data.course({ students: 1, sets: [FORWARD_SET] });
    const student = course.students[0]!;
    const latest = await twoWeakForwardAttempts(course);

    const { page, problems } = await suite.pageAs(course.ta.email);
    await openStaffPage(page, course, "Review queue");
    const filters = page.getByTestId("review-filters");
    await filters.waitFor();
    await filters.getByLabel("Exercise").selectOption({ label: FORWARD_TITLE });
    await filters.getByLabel("Reviewed").selectOption("no");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/exerciseId=forward-pass/);
    await page.waitForURL(/reviewed=no/);
    const queue = page.getByTestId("review-queue");
    await queue.waitFor();
    const entries = await page.getByTestId("review-row").evaluateAll((rows) =>
      rows.map((row) => {
        // Cells by their column's header, so a new column does not shift what is read.
        const headers = [...(row.closest("table")?.querySelectorAll("thead th") ?? [])].map((th) => th.textContent?.trim() ?? "");
        const cells = [...row.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
        const cell = (header: string) => cells[headers.indexOf(header)] ?? "";
        return {
          submissionId: row.getAttribute("data-submission-id") ?? "",
          reviewed: row.getAttribute("data-reviewed"),
          name: row.querySelector("td a")?.textContent ?? "",
          email: row.querySelector("td .muted")?.textContent ?? "",
          exercise: cell("Exercise"),
          language: cell("Language"),
          points: Number.parseFloat(cell("Points")),
          attempts: Number(cell("Attempts")),
        };
      }),
    );
    // The student's latest attempt, with the earlier one counted (for the diff).
    expect(entries).toEqual([
      expect.objectContaining({ submissionId: latest, reviewed: "false", name: student.name, email: student.email, exercise: FORWARD_TITLE, language: "TypeScript", attempts: 2 }),
    ]);
    expect(entries[0]!.points).toBeLessThan(OVERRIDE_POINTS);
    await queue.getByRole("link", { name: `Review ${student.name}'s ${FORWARD_TITLE}` }).click();

    const review = page.getByTestId("submission-review");
    await review.waitFor();
    expect(await review.getAttribute("data-submission-id")).toBe(latest);
    expect(await review.getAttribute("data-reviewed")).toBe("false");
    // The override has to be the best score to count under "best": every attempt is below it.
    const attemptPoints = await page.getByTestId("attempt-row").evaluateAll((rows) => rows.map((r) => Number.parseFloat(r.querySelectorAll("td")[3]?.textContent ?? "")));
    expect(attemptPoints.length).toBe(2);
    for (const points of attemptPoints) expect(points).toBeLessThan(OVERRIDE_POINTS);

    // The code, in Monaco.
    const code = page.getByTestId("review-code");
    await code.locator(".monaco-editor .view-lines").waitFor();
    await expect.poll(async () => editorText(code)).toContain("export function forward");

    // What changed since the previous attempt.
    await code.getByTestId("diff-tab").click();
    await code.locator(".monaco-diff-editor").waitFor();
    await code.getByText(/\d+ changes?: \+\d+ −\d+ lines/).waitFor({ timeout: 15_000 });
    await code.getByTestId("code-tab").click();
    await code.locator(".monaco-editor .view-lines").waitFor();

    // Marked as reviewed.
    await page.getByTestId("reviewed-toggle").click();
    await page.locator('[data-testid="reviewed-toggle"][data-reviewed="true"]').waitFor();
    await expect(page.getByTestId("reviewed-state").textContent()).resolves.toMatch(new RegExp(`^Reviewed by ${course.ta.name}`));

    // A comment on a line picked by clicking its number in the editor.
    const { line, body: comment } = REVIEW_COMMENT;
    await code
      .locator(".margin .line-numbers")
      .filter({ hasText: new RegExp(`^${line}$`) })
      .click();
    const commentForm = page.getByTestId("comment-form");
    await expect(commentForm.getByLabel("On line (optional)").inputValue()).resolves.toBe(String(line));
    await commentForm.getByLabel("Comment").fill(comment);
    await commentForm.getByRole("button", { name: "Add comment" }).click();
    const posted = page.getByTestId("comment").filter({ hasText: comment });
    await posted.waitFor();
    expect(await posted.getAttribute("data-line")).toBe(String(line));
    await expect(page.getByTestId("comments").getAttribute("data-count")).resolves.toBe("1");

    // An override with its reason.
    const override = page.getByTestId("override-form");
    await override.getByLabel(/^Points \(0–10\)$/).fill(String(OVERRIDE.points));
    await override.getByLabel("Reason (required)").fill(OVERRIDE.reason);
    await override.getByRole("button", { name: "Override score" }).click();
    await page.locator('[data-testid="overrides"][data-count="1"]').waitFor();
    await expect(page.getByTestId("override").textContent()).resolves.toContain(OVERRIDE.reason);
    await expect(page.getByTestId("review-score").textContent()).resolves.toBe(`${OVERRIDE_POINTS} / 10`);
    await page.locator('[data-testid="audit-history"] li[data-action="submission.override"]').waitFor();
    await page.locator('[data-testid="reviewed-toggle"][data-reviewed="true"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/staff-review.png`, fullPage: true });
    await expectNoSidewaysScroll(page);

    // Back in the queue, it shows as reviewed, overridden, with its comment.
    await page.getByRole("link", { name: "← Review queue" }).click();
    const reviewedRow = page.locator(`[data-testid="review-row"][data-submission-id="${latest}"]`);
    await reviewedRow.waitFor();
    expect(await reviewedRow.getAttribute("data-reviewed")).toBe("true");
    expect(await reviewedRow.getAttribute("data-overridden")).toBe("true");
    await expect(reviewedRow.getByTestId("review-points").textContent()).resolves.toBe(`${OVERRIDE_POINTS} / 10`);
    await expect(reviewedRow.textContent()).resolves.toContain("Reviewed");
    // …and no longer among the ones left to review.
    await page.goto(`${course.path}/review?exerciseId=forward-pass&reviewed=no`);
    await queue.waitFor();
    expect(await page.locator(`[data-testid="review-row"][data-submission-id="${latest}"]`).count()).toBe(0);
    expectNoProblems(problems);
  });

  it("a reviewed student sees the comment and the overridden score on the exercise and set pages", async () => {
    const course = await suite.data.course({ students: 1, sets: [FORWARD_SET] });
    const submissionId = await twoWeakForwardAttempts(course);
    await suite.data.review(submissionId, course.ta, { comment: REVIEW_COMMENT, override: OVERRIDE });

    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    await page.getByRole("link", { name: FORWARD_SET.title }).click();
    const row = page.getByTestId("set-item").filter({ hasText: FORWARD_TITLE });
    await row.waitFor();
    await expect(row.locator("td").nth(3).textContent()).resolves.toBe(`${OVERRIDE_POINTS} / 10✎`);
    await row.locator('[title="Set by your TA"]').waitFor();

    await row.getByRole("link", { name: FORWARD_TITLE }).click();
    const counted = page.getByTestId("counted-score");
    await counted.waitFor();
    expect(await counted.getAttribute("data-points")).toBe(String(OVERRIDE_POINTS));
    expect(await counted.getAttribute("data-submission-id")).toBe(submissionId);
    await expect(counted.locator(".value").textContent()).resolves.toBe(`${OVERRIDE_POINTS} / 10`);
    await expect(counted.textContent()).resolves.toContain("Set by staff");

    const history = page.getByTestId("history-row").filter({ hasText: "1 comment" });
    await expect(history.count()).resolves.toBe(1);
    await expect(history.textContent()).resolves.toContain("Counts");
    await history.getByRole("button", { name: "Open" }).click();
    const feedback = page.getByTestId("student-comments");
    await feedback.waitFor();
    expect(await feedback.getAttribute("data-submission")).toBe(submissionId);
    const comment = feedback.getByTestId("student-comment");
    await expect(comment.locator(".body").textContent()).resolves.toBe(REVIEW_COMMENT.body);
    expect(await comment.getAttribute("data-line")).toBe(String(REVIEW_COMMENT.line));
    await expect(comment.textContent()).resolves.toContain(course.ta.name);
    const override = feedback.getByTestId("student-override");
    await expect(override.textContent()).resolves.toContain(`Score set by ${course.ta.name}: ${OVERRIDE_POINTS} / 10`);
    await expect(override.textContent()).resolves.toContain(`Reason: ${OVERRIDE.reason}`);
    expectNoProblems(problems);
  });

  it("the instructor's gradebook and its CSV export hold the same numbers", async () => {
    const course = await suite.data.course({
      students: 3,
      sets: [
        {
          title: WEEKLY_TITLE,
          items: [
            ["forward-pass", 10],
            ["mlp-parameter-count", 5],
          ],
        },
        { title: EXAM_TITLE, kind: "exam_practice", items: [["backprop-warmup", 5]], timeLimitMinutes: 30, feedback: "counts", lateWork: "refuse" },
      ],
    });
    const [weekly, exam] = course.sets as [SeededSet, SeededSet];
    const [overridden, strong, examTaker] = course.students as [Person, Person, Person];
    const overriddenId = await suite.data.submit(overridden, weekly.itemIds["forward-pass"]!, solution("forward-pass", "missing-bias"));
    const graded = [
      overriddenId,
      await suite.data.submit(strong, weekly.itemIds["forward-pass"]!, solution("forward-pass", "correct")),
      await suite.data.submit(strong, weekly.itemIds["mlp-parameter-count"]!, solution("mlp-parameter-count", "correct")),
      await suite.data.submit(examTaker, exam.itemIds["backprop-warmup"]!, solution("backprop-warmup", "correct")),
    ];
    await suite.data.waitUntilGraded(graded);
    await suite.data.review(overriddenId, course.ta, { override: OVERRIDE });

    const { page, problems } = await suite.pageAs(course.instructor.email);
    await openStaffPage(page, course, "Gradebook");
    await page.getByTestId("gradebook-table").waitFor();

    // The table as a reader sees it: each row's numbers, left to right.
    const table = await page.getByTestId("gradebook-row").evaluateAll((rows) =>
      rows.map((row) => ({
        email: row.getAttribute("data-student-email") ?? "",
        name: row.querySelector(".gb-name")?.textContent ?? "",
        values: [...row.querySelectorAll('[data-testid="gradebook-cell"], [data-testid="set-total"], [data-testid="course-total"]')].map((cell) => ({
          kind: cell.getAttribute("data-testid"),
          itemId: cell.getAttribute("data-item-id"),
          text: cell.getAttribute("data-testid") === "gradebook-cell" ? (cell.querySelector(".gb-score")?.textContent ?? "") : (cell.textContent ?? ""),
          points: cell.getAttribute("data-points"),
          override: cell.querySelector(".gb-marker.override") !== null,
        })),
      })),
    );
    const itemHeads = await page.locator("thead th.gb-item").allTextContents();
    const setHeads = await page.locator("thead .gb-set-title").allTextContents();
    expect(table.map((row) => row.email).sort()).toEqual(course.students.map((student) => student.email).sort());
    expect(setHeads).toEqual([WEEKLY_TITLE, EXAM_TITLE]);
    expect(itemHeads.length).toBe(3);
    for (const row of table) {
      expect(row.values.length).toBe(itemHeads.length + setHeads.length + 1);
      // What is drawn is what the cell says it holds.
      for (const value of row.values) expect(value.text).toBe(value.points);
    }
    const cellOf = (student: Person, itemId: string) => table.find((row) => row.email === student.email)?.values.find((value) => value.itemId === itemId);
    // The override shows in the table, marked; full marks show as they are.
    expect(cellOf(overridden, weekly.itemIds["forward-pass"]!)).toMatchObject({ text: String(OVERRIDE_POINTS), override: true });
    expect(cellOf(strong, weekly.itemIds["forward-pass"]!)).toMatchObject({ text: "10", override: false });
    // The student's exam score counts too.
    expect(cellOf(examTaker, exam.itemIds["backprop-warmup"]!)).toMatchObject({ text: "5" });
    await page.screenshot({ path: `${ARTIFACTS}/staff-gradebook.png`, fullPage: true });
    // However wide the table, it scrolls in its own frame.
    await expectNoSidewaysScroll(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${course.code}-gradebook-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
    const csv = parseCsv(readFileSync(await download.path(), "utf8"));
    const [header, ...records] = csv;
    expect(header!.slice(0, 3)).toEqual(["student_id", "email", "name"]);
    expect(header!.length).toBe(3 + itemHeads.length + setHeads.length + 1);
    // Columns in the table's order: each set's exercises, then its total; the course total last.
    const expectedHeader: string[] = [];
    let item = 0;
    for (const value of table[0]!.values) {
      if (value.kind === "gradebook-cell") expectedHeader.push(`| ${itemHeads[item++]} [`);
      else if (value.kind === "set-total") expectedHeader.push("| total [");
      else expectedHeader.push("total [");
    }
    header!.slice(3).forEach((name, index) => expect(name).toContain(expectedHeader[index]!));
    expect(records.length).toBe(table.length);
    expect(records.map((record) => record[1]).sort()).toEqual(table.map((row) => row.email).sort());
    for (const row of table) {
      const record = records.find((r) => r[1] === row.email)!;
      expect(record[2]).toBe(row.name);
      expect(record.slice(3), `CSV row of ${row.email}`).toEqual(row.values.map((value) => value.text));
    }
    const overriddenRecord = records.find((r) => r[1] === overridden.email)!;
    const column = header!.indexOf(`${WEEKLY_TITLE} | ${FORWARD_TITLE} [10]`);
    expect(column).toBeGreaterThan(2);
    expect(overriddenRecord[column]).toBe(String(OVERRIDE_POINTS));
    expectNoProblems(problems);
  });

  it("the TA regrades every submission of an exercise from the analytics page and applies it; overrides stay", async () => {
    const course = await suite.data.course({ students: 2, sets: [FORWARD_SET] });
    const itemId = course.sets[0]!.itemIds["forward-pass"]!;
    const overriddenId = await twoWeakForwardAttempts(course);
    const correct = await suite.data.submit(course.students[1]!, itemId, solution("forward-pass", "correct"));
    await suite.data.waitUntilGraded([correct]);
    await suite.data.review(overriddenId, course.ta, { override: OVERRIDE });
    // As if it had been graded by an older spec that gave it half marks: the regrade changes it back.
    await suite.data.db.submission.update({ where: { id: correct }, data: { verdict: "failed", score: 0.5 } });

    const { page, problems } = await suite.pageAs(course.ta.email);
    await openStaffPage(page, course, "Analytics");
    await page.getByTestId("analytics").waitFor();
    await expectNoSidewaysScroll(page);
    const section = page.locator(`[data-testid="analytics-item"][data-item-id="${itemId}"]`);
    await page.screenshot({ path: `${ARTIFACTS}/staff-analytics.png` });
    await section.screenshot({ path: `${ARTIFACTS}/staff-analytics-item.png` });
    await section.getByTestId("regrade-exercise").click();
    await page.waitForURL(new RegExp(`${course.path}/regrades/[^/]+$`));
    const run = page.getByTestId("regrade-run");
    await run.waitFor();
    await page.locator('[data-testid="regrade-run"][data-status="ready"]').waitFor({ timeout: 90_000 });
    // Every submission of the exercise: the two attempts and the classmate's one.
    const total = Number(await run.getAttribute("data-total"));
    expect(total).toBe(3);
    const entries = await page
      .getByTestId("regrade-entry")
      .evaluateAll((rows) => rows.map((r) => ({ status: r.getAttribute("data-status"), delta: r.getAttribute("data-delta") })));
    expect(entries.length).toBe(total);
    for (const entry of entries) {
      expect(entry.status).toBe("done");
      expect(entry.delta).toMatch(/^-?\d+(\.\d+)?$/);
    }
    expect(entries.filter((entry) => entry.delta !== "0")).toHaveLength(1);
    await expect(page.getByTestId("regrade-summary").textContent()).resolves.toMatch(new RegExp(`1 of ${total}\\s+submissions? would change`));
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId("apply-regrade").click();
    await page.getByTestId("regrade-applied").waitFor();
    await expect(run.getByTestId("regrade-status").textContent()).resolves.toBe("Applied");
    await page.screenshot({ path: `${ARTIFACTS}/staff-regrade.png`, fullPage: true });
    await expectNoSidewaysScroll(page);

    // The runs list says so too.
    const runId = await run.getAttribute("data-run-id");
    await page.getByRole("link", { name: "← Regrades" }).click();
    const listed = page.locator(`[data-testid="regrade-run-row"][data-run-id="${runId}"]`);
    await listed.waitFor();
    expect(await listed.getAttribute("data-status")).toBe("applied");

    // The regrade replaced autograded results; the override still counts.
    await page.getByRole("navigation", { name: "Course staff pages" }).getByRole("link", { name: "Review queue" }).click();
    const row = page.locator(`[data-testid="review-row"][data-submission-id="${overriddenId}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-overridden")).toBe("true");
    await expect(row.getByTestId("review-points").textContent()).resolves.toBe(`${OVERRIDE_POINTS} / 10`);
    expectNoProblems(problems);
  });
});
