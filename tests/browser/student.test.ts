/**
 * The student's path in Chromium against the production build: sign in, open forward-pass,
 * type a solution into Monaco, submit, see full marks; a wrong one shows its failing test.
 * Each test signs in as a student of a course of its own (tests/support/course-data.ts).
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import type { PageProblems } from "../support/browser.ts";
import type { SeededCourse } from "../support/course-data.ts";
import { editorText, expectNoProblems, openExercise, submitAndWait, typeIntoEditor } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();

/** A course with one student and a set holding forward-pass and mlp-parameter-count; the student's page, signed in. */
async function studentOfOwnCourse(): Promise<{ course: SeededCourse; forwardItem: string; countItem: string; page: Page; problems: PageProblems }> {
  const course = await suite.data.course({
    students: 1,
    sets: [
      {
        title: "Week 1 — Neural network basics",
        items: [
          ["forward-pass", 10],
          ["mlp-parameter-count", 5],
        ],
      },
    ],
  });
  const { itemIds } = course.sets[0]!;
  const opened = await suite.pageAs(course.students[0]!.email);
  return { course, forwardItem: itemIds["forward-pass"]!, countItem: itemIds["mlp-parameter-count"]!, ...opened };
}

describe("a student solving forward-pass", () => {
  it("sees the statement with math, submits a correct solution and gets full marks", async () => {
    const { course, page, problems } = await studentOfOwnCourse();
    await page.getByRole("heading", { name: `${course.code} · ${course.title}` }).waitFor();
    await page.getByRole("link", { name: "Forward pass through a dense network" }).click();
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    expect(await page.getByTestId("statement").locator(".katex").count()).toBeGreaterThan(3);

    await typeIntoEditor(page, solution("forward-pass", "correct"));
    const { verdict, ms } = await submitAndWait(page);
    process.stderr.write(`Submit → verdict shown in ${ms.toFixed(0)} ms\n`);
    expect(verdict).toBe("passed");
    await expect(page.getByTestId("score").textContent()).resolves.toBe("10 / 10");
    await expect(page.getByTestId("hidden-summary").textContent()).resolves.toMatch(/Hidden tests: 6 of 6 passed/);

    mkdirSync("tests/artifacts", { recursive: true });
    await page.screenshot({ path: "tests/artifacts/exercise-page.png", fullPage: true });
    expectNoProblems(problems);
  });

  it("submits a wrong solution and sees the failing test's message and hint", async () => {
    const { page, problems, forwardItem } = await studentOfOwnCourse();
    await openExercise(page, forwardItem);
    await typeIntoEditor(page, solution("forward-pass", "missing-bias"));
    const { verdict } = await submitAndWait(page);
    expect(verdict).toBe("failed");
    const failing = page.locator('[data-testid="test-row"][data-status="failed"]').first();
    await expect(failing.getByTestId("test-message").textContent()).resolves.toMatch(/values are wrong\. Worst: result\[\d\]: expected .*, got .*/);
    await expect(failing.locator(".hint").textContent()).resolves.toContain("without biases");
    await expect(failing.textContent()).resolves.toContain("Expected");
    // A failed hidden test says only that it failed (and the hint), never its suite.data.
    const hiddenFailure = page.locator('[data-testid="test-row"][data-status="failed"][data-visibility="hidden"]').first();
    await expect(hiddenFailure.textContent()).resolves.toContain("Wrong answer on a hidden test.");
    expect(await hiddenFailure.textContent()).not.toMatch(/Call|Expected|Got/);
    await page.screenshot({ path: "tests/artifacts/exercise-page-failed.png", fullPage: true });
    expectNoProblems(problems);
  });

  it("Run (Ctrl+Enter) checks only the visible tests; a compile error points at its line", async () => {
    const { page, problems, forwardItem } = await studentOfOwnCourse();
    await openExercise(page, forwardItem);
    await typeIntoEditor(page, "export function forward(x: number[]): number[] {\n  return x +;\n}\n");
    const started = performance.now();
    await page.keyboard.press("ControlOrMeta+Enter");
    const results = page.getByTestId("results");
    await results.waitFor();
    expect(performance.now() - started).toBeGreaterThan(0);
    expect(await results.getAttribute("data-verdict")).toBe("compile_error");
    await expect(results.getByRole("alert").textContent()).resolves.toMatch(/line 2, column 13/);
    // The grader's error is drawn in the editor at that line.
    await page.locator(".monaco-editor .squiggly-error").first().waitFor();
    await expect(page.locator(".muted").filter({ hasText: "Run: visible tests only" }).count()).resolves.toBe(1);
    expectNoProblems(problems);
  });

  it("saves the draft as the student types and restores it after a reload", async () => {
    const { page, problems, countItem } = await studentOfOwnCourse();
    await openExercise(page, countItem);
    await typeIntoEditor(page, "// my draft for later\nexport function countParameters(sizes: number[], bias: boolean): number {\n  return 0;\n}\n");
    await page.getByTestId("save-state").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    expect(await editorText(page)).toContain("// my draft for later");
    expectNoProblems(problems);
  });

  it("lists each submission with its time, verdict and score, and opens its code and results", async () => {
    const { course, page, problems, forwardItem } = await studentOfOwnCourse();
    const student = course.students[0]!;
    const passed = await suite.data.submit(student, forwardItem, solution("forward-pass", "correct"), { minutesAgo: 10 });
    const failed = await suite.data.submit(student, forwardItem, solution("forward-pass", "missing-bias"), { minutesAgo: 5 });
    await suite.data.waitUntilGraded([passed, failed]);
    await openExercise(page, forwardItem);
    const rows = page.getByTestId("history-row");
    expect(await rows.count()).toBe(2);
    await expect(rows.nth(0).textContent()).resolves.toMatch(/failed/);
    await expect(rows.nth(1).textContent()).resolves.toMatch(/Passed.*10 \/ 10/);
    await rows.nth(1).getByRole("button", { name: "Open" }).click();
    const viewing = page.getByTestId("viewing-submission");
    await viewing.waitFor();
    await viewing.locator(".monaco-editor .view-lines").waitFor();
    expect(await editorText(viewing)).toContain('type Activation = "step" | "sigmoid"');
    expect(await page.getByTestId("results").getAttribute("data-verdict")).toBe("passed");
    expectNoProblems(problems);
  });

  it("gets TypeScript diagnostics and completion from the editor's language service", async () => {
    const { page, problems, forwardItem, countItem } = await studentOfOwnCourse();
    await openExercise(page, countItem);
    await typeIntoEditor(page, 'const wrong: number = "seven";\n');
    // The squiggle comes from the TypeScript worker (a web worker that must load).
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 15_000 });
    await openExercise(page, forwardItem);
    // The exercise's signature is importable, and completion knows its types.
    await typeIntoEditor(page, 'import type { Layer } from "./signature";\nexport function firstActivation(layer: Layer): string {\nreturn layer.');
    await page.keyboard.press("Control+Space");
    const suggestions = page.locator(".monaco-editor .suggest-widget .monaco-list-row");
    await suggestions.first().waitFor({ timeout: 15_000 });
    expect((await suggestions.allTextContents()).join(" ")).toContain("activation");
    expectNoProblems(problems);
  });

  it("cannot open an exercise of a course they are not enrolled in", async () => {
    const { page } = await studentOfOwnCourse();
    // The demo course's item exists; this student is not in that course.
    const response = await page.goto("/items/ml101-week1-forward-pass");
    expect(response?.status()).toBe(404);
  });
});
