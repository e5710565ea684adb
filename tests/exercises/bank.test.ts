/**
 * Every exercise in the bank honours its authoring contract (exercises/check.ts), checked
 * through the real sandbox: valid deterministic cases, reference = finite differences,
 * correct solution passes for several seeds, starter fails, each mistake is explained.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/engine/check-solutions.ts";
import { getExercise, listExercises } from "../../exercises/registry.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";

let pool: SandboxPool;
beforeAll(() => {
  pool = new SandboxPool();
});
afterAll(async () => {
  await pool.close();
});

describe("the exercise bank", () => {
  it("has the five exercises course material links to, with their exact function names", () => {
    const named: Record<string, [string, string[]]> = {
      "forward-pass": ["forward", ["x", "layers"]],
      "backprop-gradients": ["backprop", ["x", "y", "W1", "b1", "W2", "b2"]],
      "kmeans-step": ["kmeansStep", ["points", "centroids"]],
      "mlp-parameter-count": ["countParameters", ["layerSizes", "includeBias"]],
      "backprop-warmup": ["gradients", ["x", "y", "z"]],
    };
    for (const [id, [entry, params]] of Object.entries(named)) {
      expect(getExercise(id), id).toMatchObject({ entry, params });
    }
  });

  it("has at least eleven exercises", () => {
    expect(listExercises().length).toBeGreaterThanOrEqual(11);
  });

  it.each(listExercises().map((e) => [e.id, e] as const))("%s passes exercises:check", async (_id, exercise) => {
    const report = await checkExercise(pool, exercise);
    expect(report.problems.map((p) => `[${p.check}] ${p.message}`)).toEqual([]);
    expect(report.ok).toBe(true);
  }, 120_000);
});
