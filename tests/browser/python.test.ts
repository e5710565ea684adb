/**
 * A student writing Python on the exercise page, in Chromium against the production build:
 * the language switch loads the Python starter and signature, Run and Submit grade Python,
 * and each language keeps its own draft.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadSolution } from "../../exercises/fixtures.ts";
import { useBrowserApp } from "../support/browser-app.ts";
import { editorText, expectNoProblems, openExercise, pasteIntoEditor, submitAndWait, typeIntoEditor } from "../support/page-helpers.ts";

const suite = useBrowserApp();

/** Waits for the editor to show a model in `language`'s mode, at a URI with that language's extension. */
async function editorIn(page: Page, language: "typescript" | "python"): Promise<void> {
  await page.locator(`[data-mode-id="${language}"] .monaco-editor[data-uri$="solution${language === "python" ? ".py" : ".ts"}"]`).waitFor();
}

function pythonSolution(name: string): string {
  return loadSolution("forward-pass", name, undefined, "python").source;
}

describe("a student solving forward-pass in Python", () => {
  it("switches to Python, runs and submits Python, and finds the TypeScript draft again", async () => {
    const course = await suite.data.course({ students: 1, sets: [{ title: "Week 1 — Neural network basics", items: [["forward-pass", 10]] }] });
    const itemId = course.sets[0]!.itemIds["forward-pass"]!;
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    await openExercise(page, itemId);
    const signature = page.getByRole("region", { name: /^Signature/ });
    expect(await signature.getAttribute("data-language")).toBe("typescript");
    await expect(signature.textContent()).resolves.toContain("export declare function forward");

    await typeIntoEditor(page, "// my TypeScript draft\n");
    await page.getByTestId("save-state").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });

    await page.getByLabel("Language").selectOption("python");
    await editorIn(page, "python");
    expect(await editorText(page)).toContain("def forward(x, layers):");
    await expect(page.getByRole("region", { name: "Signature (Python)" }).textContent()).resolves.toContain("class Layer(TypedDict):");
    // The statement names the entry function and writes the visible tests as Python does.
    await expect(page.getByTestId("statement").textContent()).resolves.toMatch(/Define forward in your module/);

    await pasteIntoEditor(page, pythonSolution("missing-bias"));
    const run = await submitAndWait(page, "run");
    expect(run.verdict).toBe("failed");
    const failing = run.results.locator('[data-testid="test-row"][data-status="failed"]').first();
    await expect(failing.getByTestId("test-message").textContent()).resolves.toMatch(/values are wrong/);
    await expect(failing.textContent()).resolves.toContain("forward(x = [");

    // A Python exception points at its line in the editor and shows its traceback.
    await pasteIntoEditor(page, "def forward(x, layers):\n    return x[99]\n");
    const crashed = await submitAndWait(page, "run");
    const errorRow = crashed.results.locator('[data-testid="test-row"][data-status="runtime_error"]').first();
    await expect(errorRow.getByTestId("test-message").textContent()).resolves.toMatch(/IndexError/);
    await expect(errorRow.textContent()).resolves.toMatch(/At line 2/);
    await expect(errorRow.textContent()).resolves.toContain("Traceback");
    await page.locator(".monaco-editor .squiggly-error").first().waitFor();

    await pasteIntoEditor(page, pythonSolution("correct"));
    const submitted = await submitAndWait(page);
    expect(submitted.verdict).toBe("passed");
    await expect(page.getByTestId("score").textContent()).resolves.toBe("10 / 10");
    await page.getByTestId("save-state").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });

    await page.getByLabel("Language").selectOption("typescript");
    await editorIn(page, "typescript");
    expect(await editorText(page)).toContain("// my TypeScript draft");
    expect(await page.getByRole("region", { name: /^Signature/ }).getAttribute("data-language")).toBe("typescript");
    await page.getByTestId("save-state").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });

    // After a reload the page opens in the language last used, and Python's draft is kept.
    await page.reload();
    await editorIn(page, "typescript");
    expect(await editorText(page)).toContain("// my TypeScript draft");
    await page.getByLabel("Language").selectOption("python");
    await editorIn(page, "python");
    expect(await editorText(page)).toContain("ACTIVATIONS = {");
    expectNoProblems(problems);
  });
});
