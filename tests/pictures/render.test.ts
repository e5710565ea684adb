/** What each picture's markup shows, rendered from real grading results. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TestPicture } from "../../app/_components/pictures/test-picture.tsx";
import { readSolution } from "../../exercises/fixtures.ts";
import { getExercise } from "../../exercises/registry.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import type { TestResult } from "../../grader/engine/result.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });

async function rendered(exerciseId: string, fixture: string, pick: (t: TestResult) => boolean) {
  const result = await gradeSubmission(pool, { exercise: getExercise(exerciseId), source: readSolution(exerciseId, fixture), seed: 3, mode: "run" });
  const test = result.tests.find(pick)!;
  expect(test.picture).toBeDefined();
  return { test, html: renderToStaticMarkup(createElement(TestPicture, { picture: test.picture })) };
}

const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;

describe("rendered pictures", () => {
  it("k-means: rings exactly the differently assigned points, in the student's plot only, and tables them", async () => {
    const { test, html } = await rendered("kmeans-step", "ties-last-index", (t) => t.status === "failed");
    const differing = test.picture!.kind === "kmeans" ? test.picture!.differing : [];
    expect(differing.length).toBeGreaterThan(0);
    expect(count(html, /data-testid="ring"/g)).toBe(differing.length);
    const ringedPoints = [...html.matchAll(/data-point="(\d+)"[^>]*data-ringed="true"/g)].map((m) => Number(m[1]));
    expect(ringedPoints).toEqual(differing);
    expect(html).toContain(`data-ringed="${differing.join(",")}"`);
    expect(count(html, /<td>no<\/td>/g)).toBe(differing.length);
    expect(html).toMatch(/role="group" aria-label="Scatter plot of \d+ points/);
  });

  it("network: shades the first wrong layer and says so in words", async () => {
    const { html } = await rendered("forward-pass", "no-activation", (t) => t.status === "failed" && t.name.includes("2 → 4 → 3"));
    expect(html).toContain('data-first-wrong-layer="1"');
    expect(count(html, /data-first-wrong="true"/g)).toBe(1);
    expect(html).toContain("first wrong layer");
    expect(html).toMatch(/aria-label="Network of 2 layers: Layer 1 \(tanh\) is the first layer/);
  });

  it("heatmaps: a transposed gradient is drawn in its own shape and named", async () => {
    const { html } = await rendered("backprop-gradients", "transposed-weight-gradients", (t) => t.status === "failed" && t.name.includes("3 inputs"));
    expect(html).toContain('data-map="dW1" data-pattern="transposed"');
    expect(html).toContain("the transpose of the expected");
    expect(html).toContain('data-testid="pattern"');
  });

  it("conv: every pooled cell's input window is in the table", async () => {
    const { html } = await rendered("conv-maxpool", "average-pooling", (t) => t.status === "failed");
    expect(html).toContain('data-testid="conv-feature-student"');
    expect(html).toMatch(/<th scope="col">Input rows<\/th>/);
  });

  it("curves: the student's wrong derivative points are marked", async () => {
    const { html } = await rendered("activation-derivatives", "tanh-derivative-no-square", (t) => t.status === "failed");
    expect(count(html, /data-differs="true"/g)).toBeGreaterThan(0);
    expect(html).toContain("tanh′(z)");
  });

  it("no picture: the reason, and nothing drawn", async () => {
    const result = await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source: "export function forward() { return 3; }", seed: 3, mode: "run" });
    const html = renderToStaticMarkup(createElement(TestPicture, { picture: result.tests[0]!.picture }));
    expect(html).toContain("No picture: the result is a number, not a vector of");
    expect(html).not.toContain("<svg");
  });
});
