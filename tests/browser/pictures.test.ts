/**
 * Pictures of visible tests in Chromium: in the student's results panel, on the TA's review page
 * and in a regrade preview. Screenshots of each picture kind go to tests/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import type { SeededCourse } from "../support/course-data.ts";
import { expectNoProblems, openExercise, pasteIntoEditor, submitAndWait } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();
const ARTIFACTS = "tests/artifacts";

const EXERCISES = ["kmeans-step", "forward-pass", "backprop-gradients", "conv-maxpool", "activation-derivatives", "softmax-cross-entropy"] as const;

async function courseWithPictures(feedback: "full" | "counts" = "full"): Promise<{ course: SeededCourse; items: Record<string, string> }> {
  const course = await suite.data.course({ students: 1, sets: [{ title: "Pictures", items: EXERCISES.map((id) => [id, 10] as const), feedback }] });
  return { course, items: course.sets[0]!.itemIds };
}

/** forward-pass's correct solution, except that layer 2 squashes with tanh whatever its activation says. */
const WRONG_LAYER_2 = `const g: Record<string, (v: number) => number> = {
  step: (v) => (v >= 0 ? 1 : 0), sigmoid: (v) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh, relu: (v) => Math.max(0, v), linear: (v) => v,
};
export function forward(x: number[], layers: { W: number[][]; b: number[]; activation: string }[]): number[] {
  let a = x;
  layers.forEach(({ W, b, activation }, l) => {
    const f = l === 1 ? Math.tanh : g[activation]!;
    a = W.map((row, i) => f(row.reduce((s, w, j) => s + w * a[j]!, b[i]!)));
  });
  return a;
}
`;

async function runAndGetPicture(page: Page, itemId: string, code: string, row: (rows: Locator) => Locator): Promise<Locator> {
  await openExercise(page, itemId);
  await pasteIntoEditor(page, code);
  const { verdict, results } = await submitAndWait(page, "run");
  expect(verdict).toBe("failed");
  const picture = row(results.getByTestId("test-row")).getByTestId("test-picture");
  await picture.waitFor();
  return picture;
}

async function shoot(picture: Locator, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await picture.scrollIntoViewIfNeeded();
  await picture.screenshot({ path: `${ARTIFACTS}/picture-${name}.png` });
}

/** axe-core's browser build (a devDependency). */
function axeCorePath(): string {
  return createRequire(import.meta.url).resolve("axe-core/axe.min.js");
}

/**
 * Accessibility of the pictures, checked by hand: each has a group with a name that says what it
 * shows, its drawings are hidden from assistive technology and hold nothing focusable, and its
 * numbers are in tables with a caption and column headers.
 */
async function expectAccessiblePictures(page: Page): Promise<void> {
  const report = await page.locator('[data-testid="test-picture"]').evaluateAll((pictures) =>
    pictures.map((picture) => ({
      summary: picture.querySelector("summary")?.textContent?.trim() ?? "",
      groups: [...picture.querySelectorAll('[role="group"]')].map((g) => g.getAttribute("aria-label") ?? ""),
      unhiddenSvgs: [...picture.querySelectorAll("svg")].filter((svg) => svg.closest('[aria-hidden="true"]') === null).length,
      focusableHidden: picture.querySelectorAll('[aria-hidden="true"] a, [aria-hidden="true"] button, [aria-hidden="true"] input, [aria-hidden="true"] [tabindex]').length,
      tables: [...picture.querySelectorAll("table")].map((t) => ({
        caption: t.querySelector("caption")?.textContent?.trim() ?? "",
        headers: [...t.querySelectorAll("th")].map((th) => th.getAttribute("scope")),
        rows: t.querySelectorAll("tbody tr").length,
      })),
    })),
  );
  expect(report.length).toBeGreaterThan(0);
  for (const picture of report) {
    expect(picture.summary).toBe("Picture");
    expect(picture.groups.length).toBe(1);
    expect(picture.groups[0]!.length).toBeGreaterThan(30);
    expect(picture.unhiddenSvgs).toBe(0);
    expect(picture.focusableHidden).toBe(0);
    expect(picture.tables.length).toBeGreaterThan(0);
    for (const table of picture.tables) {
      expect(table.caption.length).toBeGreaterThan(5);
      expect(table.headers.every((scope) => scope === "col")).toBe(true);
      expect(table.rows).toBeGreaterThan(0);
    }
  }
  // axe-core: no serious or critical violation inside the pictures.
  await page.addScriptTag({ path: axeCorePath() });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    const result = await axe.run({ include: [['[data-testid="test-picture"]']] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  });
  expect(violations).toEqual([]);
}

describe("pictures of a student's visible tests", () => {
  it("a wrong k-means step rings the point it assigned differently, beside the expected plot", async () => {
    const { course, items } = await courseWithPictures();
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    const picture = await runAndGetPicture(page, items["kmeans-step"]!, solution("kmeans-step", "ties-last-index"), (rows) => rows.filter({ hasText: "a tie" }));
    const rings = picture.getByTestId("ring");
    expect(await rings.count()).toBeGreaterThan(0);
    await expect(rings.first().isVisible()).resolves.toBe(true);
    // The rings are in the student's plot, on exactly the points the table lists as assigned differently.
    expect(await picture.getByTestId("scatter-expected").getByTestId("ring").count()).toBe(0);
    const ringed = (await picture.locator(".picture-kmeans").getAttribute("data-ringed"))!.split(",");
    expect(await picture.locator('[data-testid="scatter-student"] [data-ringed="true"]').evaluateAll((gs) => gs.map((g) => g.getAttribute("data-point")))).toEqual(ringed);
    expect(await picture.getByTestId("picture-table").first().locator("tbody tr", { hasText: /no$/ }).count()).toBe(ringed.length);
    await shoot(picture, "kmeans");
    await expectAccessiblePictures(page);
    expectNoProblems(problems);
  });

  it("a forward pass with a wrong activation in layer 2 highlights layer 2", async () => {
    const { course, items } = await courseWithPictures();
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    const picture = await runAndGetPicture(page, items["forward-pass"]!, WRONG_LAYER_2, (rows) => rows.filter({ hasText: "2 → 4 → 3" }));
    const shaded = picture.locator('[data-first-wrong="true"]');
    expect(await shaded.count()).toBe(1);
    expect(await shaded.getAttribute("data-layer")).toBe("2");
    await expect(shaded.textContent()).resolves.toContain("first wrong layer");
    // Layer 1 was measured with the student's own function and matches.
    const layer1 = picture.locator('[data-testid="network-layer"][data-layer="1"]');
    await expect(layer1.textContent()).resolves.toContain("you");
    expect(await layer1.locator('[data-differs="true"]').count()).toBe(0);
    await expect(picture.locator(".picture-network").getAttribute("aria-label")).resolves.toMatch(/Layer 2 \(linear\) is the first layer whose activations differ/);
    await shoot(picture, "network");
    await expectAccessiblePictures(page);
    expectNoProblems(problems);
  });

  it("a transposed gradient shows the transposed pattern, named", async () => {
    const { course, items } = await courseWithPictures();
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    const picture = await runAndGetPicture(page, items["backprop-gradients"]!, solution("backprop-gradients", "transposed-weight-gradients"), (rows) =>
      rows.filter({ hasText: "3 inputs, 4 hidden units" }),
    );
    const dW1 = picture.locator('[data-map="dW1"]');
    expect(await dW1.getAttribute("data-pattern")).toBe("transposed");
    await expect(dW1.getByTestId("pattern").textContent()).resolves.toBe("transposed");
    await expect(dW1.textContent()).resolves.toContain("3×4, the transpose of the expected 4×3");
    // The student's map is drawn in its own (transposed) shape: 3 rows of 4 cells beside 4 rows of 3.
    const cells = (id: string) => dW1.locator(`[data-testid="${id}"] [data-cell]`).evaluateAll((gs) => gs.map((g) => g.getAttribute("data-cell")!));
    const rowsOf = (list: string[]) => new Set(list.map((c) => c.split(",")[0])).size;
    expect(rowsOf(await cells("heatmap-student"))).toBe(3);
    expect(rowsOf(await cells("heatmap-expected"))).toBe(4);
    await shoot(picture, "heatmaps");
    await expectAccessiblePictures(page);
    expectNoProblems(problems);
  });

  it("conv-maxpool: hovering a pooled cell lights its window and receptive field; curves show the student's points", async () => {
    const { course, items } = await courseWithPictures();
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    const conv = await runAndGetPicture(page, items["conv-maxpool"]!, solution("conv-maxpool", "flipped-kernel"), (rows) => rows.filter({ hasText: "statement example" }));
    await conv.locator('[data-testid="conv-pooled-student"] [data-cell="0,0"]').hover();
    const lit = (testId: string) => conv.locator(`[data-testid="${testId}"] [data-lit="true"]`).count();
    expect(await lit("conv-pooled-student")).toBe(1);
    expect(await lit("conv-feature-expected")).toBe(4);
    // A 2×2 window of a feature map from a 2×2 kernel covers a 3×3 patch of the input.
    expect(await lit("conv-image")).toBe(9);
    await shoot(conv, "conv");
    await expectAccessiblePictures(page);

    const curves = await runAndGetPicture(page, items["activation-derivatives"]!, solution("activation-derivatives", "sigmoid-derivative-is-sigmoid"), (rows) => rows.first());
    expect(await curves.locator('[data-panel="1"] [data-differs="true"]').count()).toBeGreaterThan(0);
    expect(await curves.locator('[data-panel="0"] [data-differs="true"]').count()).toBe(0);
    await shoot(curves, "curves");
    const softmax = await runAndGetPicture(page, items["softmax-cross-entropy"]!, solution("softmax-cross-entropy", "gradient-sign-flipped"), (rows) => rows.first());
    await shoot(softmax, "curves-softmax");
    await expectAccessiblePictures(page);
    expectNoProblems(problems);
  });

  it("a set that shows only counts shows no picture of a Submit; a Run's visible tests keep their detail, pictures included", async () => {
    const { course, items } = await courseWithPictures("counts");
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    await openExercise(page, items["kmeans-step"]!);
    await pasteIntoEditor(page, solution("kmeans-step", "ties-last-index"));
    const submitted = await submitAndWait(page, "submit");
    await expect(submitted.results.textContent()).resolves.toMatch(/passed/);
    expect(await page.getByTestId("test-picture").count()).toBe(0);
    expect(await page.content()).not.toContain("data-ringed");
    // Run grades only the visible tests, whose detail every feedback policy shows.
    await submitAndWait(page, "run");
    await page.getByTestId("test-picture").first().waitFor();
    expect(await page.locator("[data-ringed]").count()).toBeGreaterThan(0);
    expectNoProblems(problems);
  });
});

describe("pictures for staff", () => {
  it("the TA's review page shows the student's pictures, and a regrade preview pictures the tests whose outcome it changes", async () => {
    const { course, items } = await courseWithPictures();
    const student = course.students[0]!;
    const submissionId = await suite.data.submit(student, items["kmeans-step"]!, solution("kmeans-step", "correct"));
    await suite.data.waitUntilGraded([submissionId]);
    const { page, problems } = await suite.pageAs(course.ta.email);

    await page.goto(`/courses/${course.id}/review/${submissionId}`);
    await page.getByTestId("submission-review").waitFor();
    // A passing submission's visible tests have pictures (folded), its hidden tests none.
    const reviewPictures = page.getByTestId("test-picture");
    expect(await reviewPictures.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="test-row"][data-visibility="hidden"] [data-testid="test-picture"]').count()).toBe(0);

    // The code changes under the stored result (as a spec change would move the answers): a regrade now loses points.
    await suite.data.db.submission.update({ where: { id: submissionId }, data: { code: solution("kmeans-step", "ties-last-index") } });
    const runId = await page.evaluate(
      async ({ courseId, id }) => {
        const response = await fetch(`/api/courses/${courseId}/regrades`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ submissionId: id }),
        });
        return ((await response.json()) as { runId: string }).runId;
      },
      { courseId: course.id, id: submissionId },
    );
    await page.goto(`/courses/${course.id}/regrades/${runId}`);
    await page.locator('[data-testid="regrade-run"][data-status="ready"]').waitFor({ timeout: 90_000 });
    const entry = page.locator(`[data-testid="regrade-entry"][data-submission-id="${submissionId}"]`);
    expect(await entry.getAttribute("data-changed")).toBe("true");
    const pictures = entry.getByTestId("regrade-pictures");
    await pictures.locator("summary").first().click();
    const tie = pictures.locator('[data-testid="regrade-picture"]', { hasText: "a tie" });
    await expect(tie.textContent()).resolves.toContain("passes before, fails now");
    expect(await tie.getByTestId("ring").count()).toBeGreaterThan(0);
    await shoot(pictures, "regrade");
    expectNoProblems(problems);
  });
});
