/**
 * Staff pages with a real course's numbers, in Chromium against the production build: a regrade
 * of a whole class runs in the grader pool with its progress on the page, and a regrade that
 * changes nothing says so; the review queue searches, filters, sorts and pages; the gradebook
 * says which sets count in the total; the diff between attempts takes the page's width; the set
 * builder's preview is on screen; the roster import keeps bad lines and offers the passwords.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import type { SeededCourse } from "../support/course-data.ts";
import { expectNoProblems } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();
const FORWARD_SET = { title: "Week 1", items: [["forward-pass", 10]] } as const;

/** `count` more students in the course, each with one graded Submit of the item (verdict as stored, not as the code earns). */
async function classWithSubmissions(course: SeededCourse, itemId: string, count: number, code: (i: number) => string): Promise<string[]> {
  const db = suite.data.db;
  const key = course.id;
  const users = Array.from({ length: count }, (_, i) => ({
    id: `${key}-s${i}`,
    email: `${key}-s${i}@epoch.test`,
    name: `Student ${String(i).padStart(3, "0")}`,
    passwordHash: "x",
  }));
  await db.user.createMany({ data: users });
  await db.enrollment.createMany({ data: users.map((u) => ({ userId: u.id, courseId: course.id, role: "student" })) });
  const ids = users.map((u) => `${u.id}-sub`);
  await db.submission.createMany({
    data: users.map((u, i) => ({
      id: ids[i]!,
      userId: u.id,
      itemId,
      exerciseId: "forward-pass",
      kind: "submit",
      language: "typescript",
      code: code(i),
      seed: i,
      status: "graded",
      verdict: "failed",
      score: 0,
      maxScore: 1,
      createdAt: new Date(Date.now() - (count - i) * 60_000),
    })),
  });
  return ids;
}

async function openAs(email: string, path: string): Promise<{ page: Page; problems: Awaited<ReturnType<typeof suite.pageAs>>["problems"] }> {
  const opened = await suite.pageAs(email);
  await opened.page.goto(path);
  return opened;
}

describe("staff pages at course scale", () => {
  it("regrades a class of 100 in the grader pool with progress, and a regrade that changes nothing says so", async () => {
    const course = await suite.data.course({ students: 0, sets: [FORWARD_SET] });
    const itemId = course.sets[0]!.itemIds["forward-pass"]!;
    const correct = solution("forward-pass", "correct");
    const wrong = solution("forward-pass", "missing-bias");
    await classWithSubmissions(course, itemId, 100, (i) => (i % 2 === 0 ? correct : wrong));

    const { page, problems } = await openAs(course.ta.email, `${course.path}/analytics`);
    const section = page.locator(`[data-testid="analytics-item"][data-item-id="${itemId}"]`);
    const started = Date.now();
    await section.getByTestId("regrade-exercise").click();
    await page.waitForURL(new RegExp(`${course.path}/regrades/[^/]+$`));
    const run = page.getByTestId("regrade-run");
    await run.waitFor();
    expect(Number(await run.getAttribute("data-total"))).toBe(100);
    await page.locator('[data-testid="regrade-run"][data-status="ready"]').waitFor({ timeout: 60_000 });
    const seconds = (Date.now() - started) / 1000;
    console.warn(`regrade of 100 submissions, from the click to the preview: ${seconds.toFixed(1)} s`);
    // Two entries a second, as regrades were taken before, would need 50 s.
    expect(seconds).toBeLessThan(30);
    expect(Number(await run.getAttribute("data-done"))).toBe(100);
    await page.getByTestId("apply-regrade").waitFor();

    const runId = await run.getAttribute("data-run-id");
    let question = "";
    page.once("dialog", (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.getByTestId("apply-regrade").click();
    await page.getByTestId("regrade-applied").waitFor();
    expect(question).toMatch(/^Apply this regrade\? \d+ of 100 scores/);

    // Again: the grader gives the same results, so there is nothing to apply. While it grades,
    // the page shows how far it is (when the first render comes before the end).
    await page.goto(`${course.path}/analytics`);
    await section.getByTestId("regrade-exercise").click();
    await page.waitForURL((url) => /\/regrades\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(`/${runId}`));
    const progress = page.getByRole("status").filter({ hasText: /of 100 graded/ });
    const sawProgress = await progress
      .first()
      .waitFor({ timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    await page.locator('[data-testid="regrade-run"][data-status="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId("regrade-nothing-changed").waitFor();
    await expect(page.getByTestId("regrade-nothing-changed").textContent()).resolves.toMatch(/Nothing changed: all 100 submissions keep their score and verdict/);
    expect(await page.getByTestId("apply-regrade").count()).toBe(0);
    await page.getByRole("button", { name: "Close this regrade" }).waitFor();
    console.warn(`progress shown while grading: ${sawProgress}`);
    expectNoProblems(problems);
  });

  it("the review queue searches by student, filters what needs review, sorts and pages", async () => {
    const course = await suite.data.course({ students: 0, sets: [FORWARD_SET] });
    const itemId = course.sets[0]!.itemIds["forward-pass"]!;
    const ids = await classWithSubmissions(course, itemId, 60, () => "export function forward() { return []; }");
    // Every third one passed; every fourth one is reviewed already.
    await suite.data.db.submission.updateMany({ where: { id: { in: ids.filter((_, i) => i % 3 === 0) } }, data: { verdict: "passed", score: 1 } });
    await suite.data.db.submission.updateMany({ where: { id: { in: ids.filter((_, i) => i % 4 === 0) } }, data: { reviewedAt: new Date(), reviewedById: course.ta.id } });
    const needsReview = ids.filter((_, i) => i % 3 !== 0 && i % 4 !== 0).length;

    const { page, problems } = await openAs(course.ta.email, `${course.path}/review`);
    const count = page.getByTestId("review-count");
    await expect(count.getAttribute("data-count")).resolves.toBe("60");
    await expect(count.getAttribute("data-pages")).resolves.toBe("2");
    expect(await page.getByTestId("review-row").count()).toBe(50);
    await page.getByTestId("review-next").click();
    await page.waitForURL(/page=2/);
    expect(await page.getByTestId("review-row").count()).toBe(10);

    const filters = page.getByTestId("review-filters");
    await filters.getByLabel("Student").fill("student 007");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/student=student\+007/);
    await expect(page.getByTestId("review-count").getAttribute("data-count")).resolves.toBe("1");
    await expect(page.getByTestId("review-row").first().textContent()).resolves.toContain("Student 007");

    await page.goto(`${course.path}/review`);
    await filters.getByLabel("Needs review").selectOption("yes");
    await filters.getByLabel("Sort by").selectOption("student");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/needsReview=yes/);
    await expect(page.getByTestId("review-count").getAttribute("data-count")).resolves.toBe(String(needsReview));
    const names = await page.getByTestId("review-row").locator("td:first-child a").allTextContents();
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe("Student 001");
    expectNoProblems(problems);
  });

  it("the gradebook counts published, open, weekly sets in the total and says so in each set's header", async () => {
    const course = await suite.data.course({
      students: 1,
      sets: [
        { title: "Weekly", items: [["forward-pass", 10]] },
        { title: "Practice exam", kind: "exam_practice", items: [["backprop-warmup", 5]] },
        { title: "Draft set", published: false, items: [["mlp-parameter-count", 5]] },
      ],
    });
    const student = course.students[0]!;
    for (const [index, set] of course.sets.entries()) {
      const [exerciseId, itemId] = Object.entries(set.itemIds)[0]!;
      await suite.data.db.submission.create({
        data: {
          userId: student.id,
          itemId,
          exerciseId,
          kind: "submit",
          language: "typescript",
          code: "x",
          seed: index,
          status: "graded",
          verdict: "passed",
          score: 1,
          maxScore: 1,
        },
      });
    }
    const { page, problems } = await openAs(course.instructor.email, `${course.path}/gradebook`);
    const notes = await page.getByTestId("set-in-total").evaluateAll((els) => els.map((e) => [e.getAttribute("data-in-total"), e.textContent?.trim()]));
    expect(notes).toEqual(
      expect.arrayContaining([
        ["true", "counts in the total"],
        ["false", "exam practice: not in the total"],
        ["false", "unpublished: not in the total"],
      ]),
    );
    await expect(page.getByTestId("course-total").first().getAttribute("data-points")).resolves.toBe("10");
    expectNoProblems(problems);
  });

  it("the diff between attempts takes the page's width, side by side or inline", async () => {
    const course = await suite.data.course({ students: 1, sets: [FORWARD_SET] });
    const itemId = course.sets[0]!.itemIds["forward-pass"]!;
    const student = course.students[0]!;
    const attempt = (id: string, code: string, minutesAgo: number) =>
      suite.data.db.submission.create({
        data: {
          id,
          userId: student.id,
          itemId,
          exerciseId: "forward-pass",
          kind: "submit",
          language: "typescript",
          code,
          seed: 1,
          status: "graded",
          verdict: "failed",
          score: 0,
          maxScore: 1,
          createdAt: new Date(Date.now() - minutesAgo * 60_000),
        },
      });
    await attempt(`${course.id}-a1`, solution("forward-pass", "missing-bias"), 10);
    await attempt(`${course.id}-a2`, solution("forward-pass", "correct"), 5);
    const { page, problems } = await openAs(course.ta.email, `${course.path}/review/${course.id}-a2`);
    const code = page.getByTestId("review-code");
    await code.getByTestId("diff-tab").click();
    const diff = code.locator(".monaco-diff-editor");
    await diff.waitFor();
    const widths = async () =>
      page.evaluate(() => ({
        diff: document.querySelector(".monaco-diff-editor")!.getBoundingClientRect().width,
        layout: document.querySelector(".review-layout")!.getBoundingClientRect().width,
      }));
    await expect.poll(async () => (await widths()).diff / (await widths()).layout, { timeout: 10_000 }).toBeGreaterThan(0.9);
    await expect(diff.getAttribute("class")).resolves.toContain("side-by-side");
    await code.getByLabel("Side by side").uncheck();
    await expect.poll(async () => diff.getAttribute("class")).not.toContain("side-by-side");
    // Back to the code: the review panel returns beside it.
    await code.getByTestId("code-tab").click();
    await expect
      .poll(async () =>
        page.evaluate(
          () => document.querySelector(".review-layout > div")!.getBoundingClientRect().width / document.querySelector(".review-layout")!.getBoundingClientRect().width,
        ),
      )
      .toBeLessThan(0.75);
    expectNoProblems(problems);
  });

  it("the set builder's preview opens on screen, next to the bank it was opened from", async () => {
    const course = await suite.data.course({ students: 0, sets: [FORWARD_SET] });
    const { page, problems } = await openAs(course.instructor.email, `${course.path}/sets/${course.sets[0]!.id}/edit`);
    const picker = page.getByTestId("bank-picker");
    const entries = picker.getByTestId("bank-entry");
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await entries
      .last()
      .getByRole("button", { name: /^Preview / })
      .click();
    const preview = page.getByTestId("bank-preview");
    await preview.getByRole("button", { name: "Close preview" }).waitFor();
    // Its top is inside the window once it has scrolled there.
    await expect
      .poll(
        async () =>
          preview.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight - 100;
          }),
        { timeout: 5000 },
      )
      .toBe(true);
    expectNoProblems(problems);
  });

  it("the roster import keeps the input when lines are bad, names each by line, and offers the new passwords", async () => {
    const course = await suite.data.course({ students: 0 });
    const { page, problems } = await openAs(course.instructor.email, `${course.path}/roster`);
    const form = page.getByTestId("roster-add-many");
    const csv = `email,name,role\nnew-${course.id}@epoch.test,New Person,student\nnot-an-email,Nobody,student\nother-${course.id}@epoch.test,Other,teacher`;
    await form.getByLabel("CSV: one person per line").fill(csv);
    await form.getByRole("button", { name: "Add everyone" }).click();
    const report = page.getByTestId("roster-problems");
    await report.waitFor();
    await expect(report.textContent()).resolves.toContain("Line 3: “not-an-email” is not an email address.");
    await expect(report.textContent()).resolves.toContain("Line 4: “teacher” is not a role: use student, ta or instructor.");
    await expect(form.getByLabel("CSV: one person per line").inputValue()).resolves.toBe(csv);
    const download = page.getByTestId("download-passwords");
    const href = decodeURIComponent((await download.getAttribute("href")) ?? "");
    expect(href).toMatch(new RegExp(`email,role,temporary_password\\r?\\nnew-${course.id}@epoch.test,student,[\\w-]{12}`));
    expectNoProblems(problems);
  });
});
