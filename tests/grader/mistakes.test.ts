/** A typical mistake's hint is shown only when that mistake explains every wrong answer of the submission. */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { recogniseMistakes } from "../../grader/engine/mistakes.ts";
import type { GradeResult } from "../../grader/engine/result.ts";
import backpropWarmup from "../../exercises/backprop-warmup/spec.ts";
import convMaxPool from "../../exercises/conv-maxpool/spec.ts";
import forwardPass from "../../exercises/forward-pass/spec.ts";
import { getExercise } from "../../exercises/registry.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });

const grade = (exerciseId: string, source: string) => gradeSubmission(pool, { exercise: getExercise(exerciseId), source, language: "javascript", seed: 1, mode: "submit" });
const hintsOf = (result: GradeResult) => result.tests.flatMap((t) => (t.hint ? [t.hint] : []));
const hintOf = (exercise: { mistakes?: readonly { id: string; hint: string }[] }, id: string) => exercise.mistakes!.find((m) => m.id === id)!.hint;

/** Valid convolution and max pooling; `term` is the product summed at kernel offset (u, v), `extents` the kernel's loop bounds. */
function convSubmission(term: string, extents: string, afterPool = "best"): string {
  return `
export function convMaxPool(image, kernel, poolSize) {
  ${extents}
  const map = [];
  for (let i = 0; i + kh <= image.length; i++) {
    const row = [];
    for (let j = 0; j + kw <= image[0].length; j++) {
      let total = 0;
      for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) total += ${term};
      row.push(total);
    }
    map.push(row);
  }
  const pooled = [];
  for (let r = 0; (r + 1) * poolSize <= map.length; r++) {
    const row = [];
    for (let s = 0; (s + 1) * poolSize <= map[0].length; s++) {
      let best = -Infinity;
      for (let u = 0; u < poolSize; u++) for (let v = 0; v < poolSize; v++) best = Math.max(best, map[r * poolSize + u][s * poolSize + v]);
      row.push(${afterPool});
    }
    pooled.push(row);
  }
  return pooled;
}`;
}

describe("mistake hints", () => {
  it("does not blame dz = z on a submission whose dz is f itself, which only agrees with it where z = 0", async () => {
    const result = await grade("backprop-warmup", "export function gradients(x, y, z) { const f = (x + y) * z; return { dx: z, dy: z, dz: f }; }");
    expect(result.verdict).toBe("failed");
    expect(hintsOf(result)).toEqual([]);
  });

  it("shows the dz = z hint on every failed test of a submission that makes exactly that mistake", async () => {
    const result = await grade("backprop-warmup", "export function gradients(x, y, z) { return { dx: z, dy: z, dz: z }; }");
    const failed = result.tests.filter((t) => t.status === "failed");
    expect(failed.length).toBeGreaterThan(1);
    for (const test of failed) expect(test.hint).toBe(hintOf(backpropWarmup, "dz-is-z"));
  });

  it("does not say 'no activation' to a forward pass whose last layer is always linear", async () => {
    const source = `
export function forward(x, layers) {
  const act = { step: (v) => (v >= 0 ? 1 : 0), sigmoid: (v) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh, relu: (v) => Math.max(0, v), linear: (v) => v };
  return layers.reduce((a, layer, l) => layer.W.map((row, i) => {
    const v = row.reduce((s, w, j) => s + w * a[j], layer.b[i]);
    return l === layers.length - 1 ? v : act[layer.activation](v);
  }), x);
}`;
    const result = await grade("forward-pass", source);
    expect(result.verdict).toBe("failed");
    expect(hintsOf(result)).not.toContain(hintOf(forwardPass, "no-activation"));
    expect(hintsOf(result)).toEqual([]);
  });

  it("does not call a filter transposed when the convolution's answers are not all those of the transposed filter", async () => {
    // Reads the filter transposed, with the kernel's extents swapped, and also starts every maximum at 0.
    const result = await grade("conv-maxpool", convSubmission("image[i + u][j + v] * kernel[v][u]", "const kh = kernel[0].length, kw = kernel.length;", "Math.max(0, best)"));
    expect(result.verdict).toBe("failed");
    expect(hintsOf(result)).not.toContain(hintOf(convMaxPool, "transposed-kernel"));
  });

  it("calls a filter transposed when every answer is that of the transposed filter", async () => {
    const result = await grade("conv-maxpool", convSubmission("image[i + u][j + v] * kernel[v][u]", "const kh = kernel[0].length, kw = kernel.length;"));
    const failed = result.tests.filter((t) => t.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    // The hint stands on the tests the transposed filter reproduces; where transposing is not
    // defined (a non-square filter) a test gets no hint rather than a guess.
    const hinted = failed.filter((t) => t.hint !== undefined);
    expect(hinted.length).toBeGreaterThan(0);
    for (const test of hinted) expect(test.hint).toBe(hintOf(convMaxPool, "transposed-kernel"));
  });

  it("gives no hint to a filter loop with swapped extents that reads the filter the right way round", async () => {
    const result = await grade("conv-maxpool", convSubmission("image[i + u][j + v] * kernel[u][v]", "const kh = kernel[0].length, kw = kernel.length;"));
    expect(result.verdict).not.toBe("passed");
    expect(hintsOf(result)).toEqual([]);
  });
});

describe("mistakes' answers", () => {
  it("are computed once per case and variant, however many submissions repeat the same wrong answers", () => {
    let solves = 0;
    const counted = {
      ...forwardPass,
      mistakes: forwardPass.mistakes!.map((m) => ({ ...m, solve: ((args, variant) => (solves++, m.solve(args, variant))) as typeof m.solve })),
    };
    const missingBias = counted.mistakes.find((m) => m.id === "missing-bias")!;
    const prepared = prepareCases(counted, 3);
    const cases = [...prepared.visible, ...prepared.hidden];
    const failed = cases.map((c) => ({ case: c, got: missingBias.solve(c.args as Parameters<typeof missingBias.solve>[0], prepared.variant) as never }));
    const before = solves;
    const first = recogniseMistakes(counted, prepared.variant, failed);
    const perSubmission = solves - before;
    expect(perSubmission).toBeGreaterThan(0);
    expect(recogniseMistakes(counted, prepared.variant, failed)).toEqual(first);
    expect(recogniseMistakes(counted, prepared.variant, failed)).toEqual(first);
    expect(solves - before).toBe(perSubmission);
    expect(first.some((hint) => hint === hintOf(forwardPass, "missing-bias"))).toBe(true);
  });
});
