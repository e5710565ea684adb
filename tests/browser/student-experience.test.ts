/**
 * What a student sees beyond solving: math that renders as math, limits stated before they bite,
 * feedback the set allows, drafts that survive a reload, an exam clock in view, and a page that
 * works at phone width and hydrates without a mismatch. Each test has a course of its own.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import type { PageProblems } from "../support/browser.ts";
import type { SeededCourse, SetSpec } from "../support/course-data.ts";
import { editorText, expectNoProblems, expectNoSidewaysScroll, openExercise, pasteIntoEditor, submitAndWait, typeIntoEditor } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();

const PHONE = { width: 390, height: 844 };

/** A course whose one set holds `exerciseId`; its student's page, signed in. */
async function studentWith(exerciseId: string, set: Partial<SetSpec> = {}): Promise<{ course: SeededCourse; itemId: string; page: Page; problems: PageProblems }> {
  const course = await suite.data.course({ students: 1, sets: [{ title: "Week 3", items: [[exerciseId, 10]], ...set }] });
  const opened = await suite.pageAs(course.students[0]!.email);
  return { course, itemId: course.sets[0]!.itemIds[exerciseId]!, ...opened };
}

describe("math in statements", () => {
  it("raises superscripts above the baseline and sets them smaller, with the KaTeX its stylesheet belongs to", async () => {
    const { page, problems, itemId } = await studentWith("forward-pass");
    await openExercise(page, itemId);
    const measures = await page.getByTestId("statement").evaluate((statement) => {
      // 10^{-6}: a superscript of the statement, and the digit it belongs to.
      const math = [...statement.querySelectorAll(".katex")].find((element) => element.querySelector("annotation")?.textContent === "10^{-6}");
      const supsub = math?.querySelector(".katex-html .msupsub");
      const base = supsub?.previousElementSibling;
      const script = supsub?.querySelector(".mtight");
      if (!supsub || !base || !script) return null;
      const baseBox = base.getBoundingClientRect();
      const scriptBox = script.getBoundingClientRect();
      return {
        raisedBy: baseBox.bottom - scriptBox.bottom,
        baseHeight: baseBox.height,
        sizeRatio: parseFloat(getComputedStyle(script).fontSize) / parseFloat(getComputedStyle(base).fontSize),
      };
    });
    expect(measures).not.toBeNull();
    // A superscript sits well above the base's bottom edge and in a smaller size.
    expect(measures!.raisedBy).toBeGreaterThan(measures!.baseHeight * 0.25);
    expect(measures!.sizeRatio).toBeLessThan(0.85);
    expectNoProblems(problems);
  });

  it("lets a wide display equation scroll in its own box, by keyboard too, with a cue at the edge, and never widens the page", async () => {
    const { page, problems, itemId } = await studentWith("backprop-gradients");
    await page.setViewportSize(PHONE);
    await page.goto(`/items/${itemId}`);
    const wide = page.locator(".statement .katex-display").first();
    await wide.waitFor();
    const box = await wide.evaluate((element) => ({
      overflowing: element.scrollWidth > element.clientWidth + 1,
      overflowX: getComputedStyle(element).overflowX,
      background: getComputedStyle(element).backgroundImage,
      tabIndex: element.tabIndex,
    }));
    expect(box.overflowing).toBe(true);
    expect(box.overflowX).toBe("auto");
    expect(box.background).toContain("gradient");
    expect(box.tabIndex).toBe(0);
    await expectNoSidewaysScroll(page);
    await wide.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => wide.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await expectNoSidewaysScroll(page);
    expectNoProblems(problems);
  });
});

describe("limits and feedback", () => {
  it("shows attempts left before and after each Submit, then turns Submit off with the reason while Run still works", async () => {
    const { course, page, problems, itemId } = await studentWith("forward-pass");
    await suite.data.db.problemSet.update({ where: { id: course.sets[0]!.id }, data: { maxAttempts: 2 } });
    await openExercise(page, itemId);
    const left = page.getByTestId("attempts-left");
    await expect(left.textContent()).resolves.toMatch(/2 of 2 attempts left/);
    await pasteIntoEditor(page, solution("forward-pass", "missing-bias"));
    expect((await submitAndWait(page)).verdict).toBe("failed");
    await expect.poll(() => left.getAttribute("data-left")).toBe("1");
    await expect(left.textContent()).resolves.toMatch(/1 of 2 attempts left/);
    expect((await submitAndWait(page)).verdict).toBe("failed");
    await expect.poll(() => left.getAttribute("data-left")).toBe("0");
    const submit = page.getByTestId("submit");
    expect(await submit.isDisabled()).toBe(true);
    await expect(submit.getAttribute("title")).resolves.toMatch(/used all 2 attempts/);
    await expect(left.textContent()).resolves.toMatch(/used all 2 attempts.*Run still checks the visible tests/);
    // The keyboard shortcut is refused with the same reason, and nothing is sent.
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("ControlOrMeta+Shift+Enter");
    await expect(page.getByTestId("problem").textContent()).resolves.toMatch(/used all 2 attempts/);
    expect(await suite.data.db.submission.count({ where: { itemId, kind: "submit" } })).toBe(2);
    expect(await page.getByTestId("run").isDisabled()).toBe(false);
    expect((await submitAndWait(page, "run")).verdict).toBe("failed");
    expectNoProblems(problems);
  });

  it("under counts-only feedback, a Run still shows each visible test's detail", async () => {
    const { page, problems, itemId } = await studentWith("forward-pass", { feedback: "counts" });
    await openExercise(page, itemId);
    await pasteIntoEditor(page, solution("forward-pass", "missing-bias"));
    const { verdict, results } = await submitAndWait(page, "run");
    expect(verdict).toBe("failed");
    const failing = results.locator('[data-testid="test-row"][data-status="failed"]').first();
    await expect(failing.getByTestId("test-message").textContent()).resolves.toMatch(/values are wrong/);
    await expect(failing.textContent()).resolves.toContain("Expected");
    expectNoProblems(problems);
  });

  it("labels verdicts in the submission history as the results panel does", async () => {
    const { course, page, problems, itemId } = await studentWith("forward-pass");
    const student = course.students[0]!;
    const broken = await suite.data.submit(student, itemId, "export function forward(x: number[]): number[] {\n  return x +;\n}\n", { minutesAgo: 3 });
    const passed = await suite.data.submit(student, itemId, solution("forward-pass", "correct"), { minutesAgo: 1 });
    await suite.data.waitUntilGraded([broken, passed]);
    await openExercise(page, itemId);
    const rows = page.getByTestId("history-row");
    await expect(rows.nth(0).locator("[data-verdict]").textContent()).resolves.toBe("Passed");
    await expect(rows.nth(1).textContent()).resolves.toContain("Compile error");
    expect(await rows.nth(1).textContent()).not.toContain("compile");
    // The same words in the results panel of that submission.
    await rows.nth(1).getByRole("button", { name: "Open" }).click();
    await expect(page.getByTestId("results").locator(".badge").first().textContent()).resolves.toBe("Compile error");
    expectNoProblems(problems);
  });
});

describe("drafts", () => {
  it("keeps the newest text when the page is reloaded before its save reached the server", async () => {
    const { course, page, problems, itemId } = await studentWith("mlp-parameter-count");
    await openExercise(page, itemId);
    await typeIntoEditor(page, "// first version\n");
    await page.getByTestId("save-state").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });
    // The next save does not reach the server before the reload (a slow or dropped request).
    await page.route("**/api/items/*/draft", (route) => (route.request().method() === "PUT" ? route.abort() : route.fallback()));
    await typeIntoEditor(page, "// newest version\n");
    await page.reload();
    await page.unroute("**/api/items/*/draft");
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    await expect.poll(() => editorText(page)).toContain("// newest version");
    // …and it is then stored on the server.
    await expect.poll(async () => (await suite.data.db.draft.findFirst({ where: { userId: course.students[0]!.id, itemId } }))?.code).toContain("// newest version");
    await page.getByTestId("save-state").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });
    const failed = problems.failedRequests.filter((request) => !request.includes("/draft"));
    expect(failed).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });
});

describe("the exam clock", () => {
  async function examWithMinutesLeft(minutesLeft: number) {
    const opened = await studentWith("forward-pass", { kind: "exam_practice", timeLimitMinutes: 30 });
    const student = opened.course.students[0]!;
    await suite.data.db.examSession.create({
      data: { userId: student.id, problemSetId: opened.course.sets[0]!.id, startedAt: new Date(Date.now() - 10 * 60_000), endsAt: new Date(Date.now() + minutesLeft * 60_000) },
    });
    return opened;
  }

  it("stays in view while the page scrolls, and warns at 5 minutes and at 1 minute left", async () => {
    const { page, problems, itemId } = await examWithMinutesLeft(4.8);
    await openExercise(page, itemId);
    const clock = page.getByTestId("exam-clock");
    await expect(clock.textContent()).resolves.toMatch(/Time left 0[34]:\d\d/);
    await expect(page.getByTestId("exam-warning").textContent()).resolves.toMatch(/5 minutes left/);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const box = await clock.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(80);
    expectNoProblems(problems);
  });

  it("warns again with 1 minute left", async () => {
    const { page, problems, itemId } = await examWithMinutesLeft(0.9);
    await openExercise(page, itemId);
    await expect(page.getByTestId("exam-warning").textContent()).resolves.toMatch(/1 minute left/);
    expectNoProblems(problems);
  });

  it("hydrates the exercise page without a mismatch when the browser's scripts arrive seconds after the HTML", async () => {
    const { page, problems, itemId } = await examWithMinutesLeft(20);
    // The server's HTML is shown at once; the scripts that hydrate it come 2.5 s later.
    await page.route("**/_next/static/chunks/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await route.fallback();
    });
    await openExercise(page, itemId);
    await expect(page.getByTestId("exam-clock").textContent()).resolves.toMatch(/Time left (19|20):\d\d/);
    await page.unroute("**/_next/static/chunks/**");
    expect(problems.consoleErrors.filter((text) => /418|hydrat/i.test(text))).toEqual([]);
    expectNoProblems(problems);
  });
});

describe("at phone width", () => {
  it("keeps the header off the content and puts the editor one tap away", async () => {
    const { page, problems, itemId } = await studentWith("backprop-gradients");
    await page.setViewportSize(PHONE);
    await page.goto(`/items/${itemId}`);
    const header = await page.locator(".site-header").boundingBox();
    const main = await page.locator("main").boundingBox();
    expect(header!.y + header!.height).toBeLessThanOrEqual(main!.y + 0.5);
    const headerFits = await page.locator(".site-header").evaluate((element) => element.scrollWidth <= element.clientWidth);
    expect(headerFits).toBe(true);
    await expectNoSidewaysScroll(page);

    await page.getByTestId("show-editor").click();
    const editor = page.locator(".monaco-editor").first();
    await editor.waitFor();
    expect((await editor.boundingBox())!.y).toBeLessThan(PHONE.height);
    expect(await page.getByTestId("statement").isVisible()).toBe(false);
    mkdirSync("tests/artifacts", { recursive: true });
    await page.screenshot({ path: "tests/artifacts/exercise-page-phone.png" });
    await page.getByTestId("show-statement").click();
    expect(await page.getByTestId("statement").isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    expectNoProblems(problems);
  });
});
