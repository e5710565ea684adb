/** What the browser tests do on Epoch's pages again and again: type into Monaco, submit and wait, check for problems. */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { PageProblems } from "./browser.ts";

/**
 * Replaces the editor's whole text the way a person would: select all, then type. A person
 * does not type indentation the editor already inserts after Enter, so leading spaces go.
 * Chromium delivers such typed text to Monaco in parts: when the first line ends with "{",
 * Monaco closes that brace itself and the code ends with one "}" too many. Paste whole
 * solutions with pasteIntoEditor.
 */
export async function typeIntoEditor(page: Page, code: string): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code.replace(/^[ \t]+/gm, ""));
}

/**
 * Replaces the editor's whole text as a student pasting their solution does: select all, then
 * paste (a paste event with the text, as the clipboard gives it; Monaco keeps it verbatim).
 */
export async function pasteIntoEditor(page: Page, code: string): Promise<void> {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
}

/** The editor's visible text (Monaco renders spaces as no-break spaces). */
export async function editorText(scope: Page | Locator): Promise<string> {
  return ((await scope.locator(".monaco-editor .view-lines").first().textContent()) ?? "").replace(/\u00a0/g, " ");
}

/** Presses Submit (or Run) and waits for the results of that new submission. */
export async function submitAndWait(page: Page, button: "submit" | "run" = "submit"): Promise<{ verdict: string; ms: number; results: Locator }> {
  const current = page.getByTestId("results");
  const previous = (await current.count()) > 0 ? await current.getAttribute("data-submission") : null;
  const started = performance.now();
  await page.getByTestId(button).click();
  const results = page.locator(`[data-testid="results"]:not([data-submission="${previous ?? "none"}"])`);
  await results.waitFor({ timeout: 30_000 });
  const ms = performance.now() - started;
  return { verdict: (await results.getAttribute("data-verdict")) ?? "", ms, results };
}

export function expectNoProblems(problems: PageProblems): void {
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
}

/** The page fits its width: wide content scrolls in its own frame, the page never sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} is wider than the window`).toBeLessThanOrEqual(client);
}

/** Opens an exercise page and waits for its editor. */
export async function openExercise(page: Page, itemId: string): Promise<void> {
  await page.goto(`/items/${itemId}`);
  await page.locator(".monaco-editor .view-lines").first().waitFor();
}
