/**
 * What the statements promise about extreme inputs is tested, and the answers a numerically
 * naive solution gives there lose marks (graded through the real sandbox) with the right hint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_SEEDS } from "../../exercises/check.ts";
import { getExercise, exerciseFiles } from "../../exercises/registry.ts";
import { Rng } from "../../exercises/spec/random.ts";
import { activations, mean, softmax } from "../../exercises/core/index.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { variantFor } from "../../exercises/spec/variant.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import type { TestCase } from "../../exercises/spec/define.ts";
import { solution } from "../support/solutions.ts";

let pool: SandboxPool;
beforeAll(() => {
  pool = new SandboxPool();
});
afterAll(async () => {
  await pool.close();
});

function casesOf(id: string, seed: number): { visible: readonly TestCase<readonly unknown[]>[]; hidden: readonly TestCase<readonly unknown[]>[] } {
  const exercise = getExercise(id);
  return exercise.cases(new Rng(seed).fork("cases"), variantFor(exercise, seed));
}

function hintOf(id: string, mistakeId: string): string {
  const mistake = getExercise(id).mistakes?.find((m) => m.id === mistakeId);
  if (!mistake) throw new Error(`${id} has no mistake "${mistakeId}"`);
  return mistake.hint;
}

async function grade(id: string, fixture: string, seed = CHECK_SEEDS[0]) {
  return gradeSubmission(pool, { exercise: getExercise(id), source: solution(id, fixture), seed, mode: "submit" });
}

describe("softmax-cross-entropy: logits far apart", () => {
  const id = "softmax-cross-entropy";
  type Args = [number[], number];
  /** −log p_t with a stable softmax: Infinity once p_t underflows to 0. */
  const naiveLoss = ([logits, target]: Args) => -Math.log(softmax(logits)[target]!);

  /** How far below the largest logit the statement says the target's can lie. */
  const promisedGap = () => Number(/more than \$(\d+)\$ below the largest/.exec(exerciseFiles(id).statement)?.[1]);

  it.each(CHECK_SEEDS)("seed %i: a visible and a hidden case put the target's logit as far below the largest as the statement says", (seed) => {
    expect(promisedGap()).toBeGreaterThanOrEqual(800);
    const { visible, hidden } = casesOf(id, seed);
    for (const list of [visible, hidden]) {
      const underflowing = list.filter((c) => naiveLoss(c.args as Args) === Infinity);
      expect(underflowing.length).toBeGreaterThan(0);
      for (const c of underflowing) {
        const [logits, target] = c.args as Args;
        expect(Math.max(...logits) - logits[target]!).toBeGreaterThan(promisedGap());
        const { loss } = getExercise(id).solve(c.args, {}) as { loss: number };
        expect(Number.isFinite(loss)).toBe(true);
      }
    }
  });

  it("the statement says logits can be far apart and gives the log-sum-exp form", () => {
    const { statement } = exerciseFiles(id);
    expect(statement).toMatch(/far apart/);
    expect(statement).toMatch(/log-sum-exp/);
    expect(statement).toContain("J = -z_t + \\log \\sum_j e^{z_j} = (m - z_t) + \\log \\sum_j e^{z_j - m}");
  });

  it("taking −log p_t of a stable softmax loses marks on a visible and on a hidden test", async () => {
    const result = await grade(id, "loss-from-underflowed-probability");
    const failed = result.tests.filter((t) => t.status !== "passed");
    expect(failed.some((t) => t.visibility === "visible")).toBe(true);
    expect(failed.some((t) => t.visibility === "hidden")).toBe(true);
    expect(failed.find((t) => t.visibility === "visible")?.message).toMatch(/got Infinity/);
    expect(result.score).toBeLessThan(result.maxScore);
  }, 60_000);
});

describe("activation-derivatives: |z| in the hundreds", () => {
  const id = "activation-derivatives";
  type Args = [number[], string];
  const naiveSigmoidPrime = (v: number) => Math.exp(v) / (1 + Math.exp(v)) ** 2;

  it.each(CHECK_SEEDS)("seed %i: hidden cases take the sigmoid and tanh at ±300 and ±800", (seed) => {
    const { hidden } = casesOf(id, seed);
    for (const name of ["sigmoid", "tanh"]) {
      const inputs = hidden.filter((c) => (c.args as Args)[1] === name).flatMap((c) => (c.args as Args)[0]);
      expect(inputs).toEqual(expect.arrayContaining([-800, -300, 300, 800]));
    }
    const sigmoidInputs = hidden.filter((c) => (c.args as Args)[1] === "sigmoid").flatMap((c) => (c.args as Args)[0]);
    expect(sigmoidInputs.some((v) => Number.isNaN(naiveSigmoidPrime(v)))).toBe(true);
  });

  it("the reference's derivatives stay exact (full relative precision) at ±300 and ±800", () => {
    const zs = [-800, -300, 300, 800];
    const sigmoidCase = getExercise(id).solve([zs, "sigmoid"], {}) as { value: number[]; derivative: number[] };
    const tanhCase = getExercise(id).solve([zs, "tanh"], {}) as { value: number[]; derivative: number[] };
    zs.forEach((z, i) => {
      // σ'(z) = e^(−|z|)/(1 + e^(−|z|))² and tanh'(z) = 4e^(−2|z|)/(1 + e^(−2|z|))², which never overflow.
      const e = Math.exp(-Math.abs(z));
      const e2 = Math.exp(-2 * Math.abs(z));
      expect(sigmoidCase.derivative[i]).toBe(e / (1 + e) ** 2);
      expect(tanhCase.derivative[i]).toBe((4 * e2) / (1 + e2) ** 2);
    });
    expect(sigmoidCase.derivative[1]).toBeGreaterThan(5e-131); // σ'(−300) ≈ 5.1e-131, not 0
    expect(sigmoidCase.derivative[2]).toBe(sigmoidCase.derivative[1]);
    expect(activations.sigmoid.derivative(300)).toBeGreaterThan(0);
  });

  it("the statement promises |z| in the hundreds", () => {
    expect(exerciseFiles(id).statement).toMatch(/\$z = \\pm 300\$ or \$\\pm 800\$/);
  });

  it("σ'(z) = e^z/(1 + e^z)² loses marks on |z| in the hundreds and is told why", async () => {
    const result = await grade(id, "sigmoid-derivative-overflow");
    const failed = result.tests.filter((t) => t.status !== "passed");
    expect(failed.map((t) => t.name)).toContain("sigmoid at |z| in the hundreds");
    expect(failed.find((t) => t.name === "sigmoid at |z| in the hundreds")?.hint).toBe(hintOf(id, "sigmoid-derivative-overflow"));
  }, 60_000);
});

describe("cosine-similarity: magnitudes from 1e−101 to 1e101", () => {
  const id = "cosine-similarity";
  const magnitudeTests = ["very large magnitudes", "very small magnitudes"];

  it.each(CHECK_SEEDS)("seed %i: every case has 1 to 100 entries, each 0 or within the range the statement states", (seed) => {
    const statement = exerciseFiles(id).statement;
    const range = /absolute value between \$10\^\{(-?\d+)\}\$ and \$10\^\{(-?\d+)\}\$/.exec(statement);
    expect(range).not.toBeNull();
    const [low, high] = [10 ** Number(range![1]), 10 ** Number(range![2])];
    const { visible, hidden } = casesOf(id, seed);
    for (const c of [...visible, ...hidden]) for (const v of c.args as number[][]) expect(v.length >= 1 && v.length <= 100, c.name).toBe(true);
    const entries = [...visible, ...hidden].flatMap((c) => (c.args as number[][]).flat());
    for (const x of entries) if (x !== 0) expect(Math.abs(x) >= low && Math.abs(x) <= high, `${x}`).toBe(true);
    // The range is used: the hidden tests reach both ends.
    expect(Math.max(...entries.map(Math.abs))).toBeGreaterThan(1e100);
    expect(Math.min(...entries.filter((x) => x !== 0).map(Math.abs))).toBeLessThan(1e-99);
  });

  it("a norm that overflows is told so, and never told it uses squared norms, the dot product or a distance", async () => {
    const result = await grade(id, "overflow-in-norm");
    const failedNames = result.tests.filter((t) => t.status !== "passed").map((t) => t.name);
    expect(failedNames).toEqual(expect.arrayContaining(magnitudeTests));
    const wrongCauses = ["squared-norms", "dot-product", "euclidean-distance"].map((m) => hintOf(id, m));
    for (const name of magnitudeTests) {
      const test = result.tests.find((t) => t.name === name)!;
      expect(test.hint).toBe(hintOf(id, "overflow-in-norm"));
      for (const wrong of wrongCauses) expect(test.hint).not.toContain(wrong);
    }
  }, 60_000);

  it("dividing by the squared norms is still recognised as that", async () => {
    const result = await grade(id, "squared-norms");
    const hinted = result.tests.filter((t) => t.hint === hintOf(id, "squared-norms")).map((t) => t.name);
    expect(hinted.length).toBeGreaterThan(0);
    for (const name of magnitudeTests) expect(hinted).not.toContain(name);
  }, 60_000);
});

describe("backprop-gradients: sign convention", () => {
  const id = "backprop-gradients";
  type Gradients = Record<"dW1" | "db1" | "dW2" | "db2", number[] | number[][]>;

  it("the statement states δ₂ = (ŷ − y) ∘ ŷ ∘ (1 − ŷ) and that y − ŷ flips every sign", () => {
    const { statement } = exerciseFiles(id);
    expect(statement).toContain("\\delta_{2,k} = \\frac{\\partial J}{\\partial z_{2,k}} = (\\hat{y}_k - y_k)\\,\\hat{y}_k\\,(1 - \\hat{y}_k)");
    expect(statement).toContain("$\\partial J / \\partial \\hat{y}_k = \\hat{y}_k - y_k$");
    expect(statement).toMatch(/flips the sign of \*\*every\*\* gradient/);
  });

  it.each(CHECK_SEEDS)("seed %i: the wrong-sign mistake is the whole gradient negated, entry by entry", (seed) => {
    const exercise = getExercise(id);
    const mistake = exercise.mistakes!.find((m) => m.id === "wrong-sign")!;
    const { visible, hidden } = casesOf(id, seed);
    for (const c of [...visible, ...hidden]) {
      const right = exercise.solve(c.args, {}) as Gradients;
      const flipped = mistake.solve(c.args, {}) as Gradients;
      for (const key of ["dW1", "db1", "dW2", "db2"] as const) {
        // `+ 0` makes −0 and 0 equal: a zero gradient has no sign to flip.
        expect((flipped[key] as number[]).flat().map((v) => v + 0)).toEqual((right[key] as number[]).flat().map((v) => -v + 0));
      }
    }
  });

  it("returning −∇J (every gradient negated at the end) gets the wrong-sign hint alone", async () => {
    const result = await grade(id, "descent-direction");
    const failed = result.tests.filter((t) => t.status !== "passed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((t) => t.hint === hintOf(id, "wrong-sign"))).toBe(true);
  }, 60_000);
});

describe("kmeans-wcss: centroids at their means", () => {
  it.each(CHECK_SEEDS)("seed %i: the centroids of that test are exactly the means of their points", (seed) => {
    const test = casesOf("kmeans-wcss", seed).visible.find((c) => c.name === "two clusters, centroids at their means");
    expect(test).toBeDefined();
    const [points, centroids, assignments] = test!.args as [number[][], number[][], number[]];
    centroids.forEach((centroid, c) => {
      const members = points.filter((_, j) => assignments[j] === c);
      expect(members.length).toBeGreaterThan(0);
      expect(mean(members)).toEqual(centroid);
    });
  });
});
