/**
 * Every exercise in the bank honours its authoring contract (exercises/check.ts), checked
 * through the real sandbox: valid deterministic cases, reference = finite differences,
 * correct solution passes for several seeds, starter fails, each mistake is explained.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/engine/check-solutions.ts";
import { exerciseFiles, getExercise, listExercises } from "../../exercises/registry.ts";
import { listSolutions } from "../../exercises/fixtures.ts";
import { LANGUAGES, pythonEntryName } from "../../exercises/spec/languages.ts";
import { fillVariant } from "../../exercises/spec/variant.ts";
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

  it("names each function in Python as in TypeScript, in snake_case", () => {
    const names = [
      "forward",
      "backprop",
      "kmeansStep",
      "countParameters",
      "gradients",
      "convMaxPool",
      "logisticRegressionStep",
      "softmaxCrossEntropy",
      "parseHTMLTable",
      "layer2Norm",
    ];
    expect(names.map(pythonEntryName)).toEqual([
      "forward",
      "backprop",
      "kmeans_step",
      "count_parameters",
      "gradients",
      "conv_max_pool",
      "logistic_regression_step",
      "softmax_cross_entropy",
      "parse_html_table",
      "layer2_norm",
    ]);
  });

  it("gives every exercise a starter and a signature in every language, the TypeScript ones also under their old names", () => {
    for (const exercise of listExercises()) {
      const files = exerciseFiles(exercise.id);
      expect(Object.keys(files.starters).sort(), exercise.id).toEqual([...LANGUAGES].sort());
      expect(files.starter).toBe(files.starters.typescript);
      expect(files.signature).toBe(files.signatures.typescript);
      expect(files.starters.python, exercise.id).toMatch(new RegExp(`^def ${pythonEntryName(exercise.entry)}\\(`, "m"));
      expect(files.signatures.python, exercise.id).toMatch(new RegExp(`^def ${pythonEntryName(exercise.entry)}\\([^)]*\\)? *(->|$)`, "m"));
    }
  });

  it("has a Python fixture for every typical mistake of the four seed exercises that Python can make", () => {
    // In Python 0/0 raises ZeroDivisionError instead of giving NaN: that mistake is an error there, reported with its line.
    const noPythonForm = new Set(["kmeans-step/empty-centroid-nan"]);
    for (const id of ["forward-pass", "backprop-gradients", "kmeans-step", "mlp-parameter-count"]) {
      for (const mistake of getExercise(id).mistakes ?? []) {
        expect({ mistake: `${id}/${mistake.id}`, python: listSolutions(id, undefined, "python").includes(mistake.id) }).toEqual({
          mistake: `${id}/${mistake.id}`,
          python: !noPythonForm.has(`${id}/${mistake.id}`),
        });
      }
    }
  });

  it("fills a Python fixture's variant value, marked by a comment at the end of its line", () => {
    expect(fillVariant("LAMBDA = 0.1  # {{lambda}}\nRATE = 0.5  # {{eta}}\n", { lambda: 0.03 })).toBe("LAMBDA = 0.03  # {{lambda}}\nRATE = 0.5  # {{eta}}\n");
    expect(fillVariant("const LAMBDA = /*{{lambda}}*/ 0.1;", { lambda: 0.03 })).toBe("const LAMBDA = /*{{lambda}}*/ 0.03;");
  });

  it("has at least eleven exercises", () => {
    expect(listExercises().length).toBeGreaterThanOrEqual(11);
  });

  it.each(listExercises().map((e) => [e.id, e] as const))(
    "%s passes exercises:check",
    async (_id, exercise) => {
      const report = await checkExercise(pool, exercise);
      expect(report.problems.map((p) => `[${p.check}] ${p.message}`)).toEqual([]);
      for (const label of ["TypeScript", "Python"]) {
        expect(report.passed, label).toContainEqual(expect.stringMatching(new RegExp(`^${label}: the correct solution gets full marks for seeds `)));
        expect(report.passed, label).toContainEqual(expect.stringMatching(new RegExp(`^${label}: the starter code does not pass`)));
      }
      expect(report.ok).toBe(true);
    },
    120_000,
  );
});
