/**
 * Code in a statement follows the language: on the exercise page it switches with the
 * workspace's language switch, without a reload; on the staff bank page, with its language tabs.
 * In Chromium against the production build, signed in as the demo accounts.
 */
import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import { expectNoProblems, openExercise } from "../support/page-helpers.ts";

const ARTIFACTS = "tests/artifacts";

const suite = useBrowserApp();
beforeAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});

/** The statement's visible example code, one string per shown block. */
async function shownCode(scope: Locator): Promise<string[]> {
  return scope.locator("pre code[class^='language-']").evaluateAll((blocks) => blocks.filter((b) => (b as HTMLElement).offsetParent !== null).map((b) => b.textContent ?? ""));
}

/** Marks the page's window, so a later check can tell that no reload replaced it. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded === true);

describe("statement code in the chosen language", () => {
  it("the demo student switches the exercise to Python and back, and the statement's example follows", async () => {
    const { page, problems } = await suite.pageAs("student@epoch.test");
    await openExercise(page, "ml101-week1-forward-pass");
    const language = page.getByLabel("Language");
    if ((await language.inputValue()) !== "typescript") await language.selectOption("typescript");
    const statement = page.getByTestId("statement-text");
    await expect.poll(() => statement.getAttribute("data-chosen-language")).toBe("typescript");
    const typescript = await shownCode(statement);
    expect(typescript).toHaveLength(1);
    expect(typescript[0]).toContain('forward([1, 0], [\n  { W: [[2, -3], [1, 4]], b: [0, 0], activation: "step" },');
    expect(typescript[0]).toContain("]); // → [1]");
    await markPage(page);

    await language.selectOption("python");
    await expect.poll(() => statement.getAttribute("data-chosen-language")).toBe("python");
    const python = await shownCode(statement);
    expect(python).toHaveLength(1);
    expect(python[0]).toContain('{"W": [[2, -3], [1, 4]], "b": [0, 0], "activation": "step"},');
    expect(python[0]).toContain("])  # → [1.0]");
    expect(python[0]).not.toContain("//");
    await statement
      .locator("pre:visible")
      .first()
      .screenshot({ path: `${ARTIFACTS}/statement-python.png` });

    await language.selectOption("typescript");
    await expect.poll(() => statement.getAttribute("data-chosen-language")).toBe("typescript");
    expect(await shownCode(statement)).toEqual(typescript);
    expect(await stillSamePage(page)).toBe(true);
    expectNoProblems(problems);
  });

  it("the demo instructor's bank page shows each language's statement code, names, signature and tests under its tab", async () => {
    const { page, problems } = await suite.pageAs("instructor@epoch.test");
    await page.goto("/courses/ml101/bank/mlp-parameter-count");
    const tabs = page.getByTestId("language-tabs");
    await tabs.getByRole("button", { name: "TypeScript" }).waitFor();
    const statement = tabs.getByRole("article", { name: "Statement" });
    await expect(statement.getByText("countParameters(layerSizes, includeBias)").isVisible()).resolves.toBe(true);
    await expect(tabs.getByTestId("signature-typescript").isVisible()).resolves.toBe(true);
    await expect(tabs.getByTestId("signature-python").isVisible()).resolves.toBe(false);

    await tabs.getByRole("button", { name: "Python" }).click();
    await expect.poll(() => tabs.getAttribute("data-chosen-language")).toBe("python");
    await expect(statement.getByText("count_parameters(layer_sizes, include_bias)").isVisible()).resolves.toBe(true);
    await expect(statement.getByText("countParameters(layerSizes, includeBias)").isVisible()).resolves.toBe(false);
    const code = await shownCode(statement);
    expect(code).toHaveLength(1);
    expect(code[0]).toContain("count_parameters([784, 256, 128, 10], True)   # → 235146");
    const signature = tabs.getByTestId("signature-python");
    await expect(signature.isVisible()).resolves.toBe(true);
    await expect(signature.locator("pre").first().textContent()).resolves.toContain("def count_parameters(layer_sizes: list[int], include_bias: bool) -> int:");
    await expect(tabs.getByTestId("signature-typescript").isVisible()).resolves.toBe(false);
    await expect(tabs.getByTestId("visible-tests").locator("pre:visible").first().textContent()).resolves.toMatch(/^count_parameters\(/);
    await page.screenshot({ path: `${ARTIFACTS}/bank-python.png`, fullPage: true });
    expectNoProblems(problems);
  });
});
