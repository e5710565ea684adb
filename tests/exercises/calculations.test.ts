/** The built-in calculation exercises: each passes `exercises:check`, and the check catches a broken one. */
import { describe, expect, it } from "vitest";
import { calculationStatement, calculationValues, referenceAnswers } from "../../exercises/calculation/bank.ts";
import { forward } from "../../exercises/core/index.ts";
import { defineCalculation, type Calculation } from "../../exercises/calculation/define.ts";
import { listCalculations } from "../../exercises/registry.ts";
import { checkCalculation } from "../../grader/engine/check-calculation.ts";

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 7919 + 1);

describe("the calculation bank", () => {
  it("has the lectures' six kinds of hand calculation", () => {
    expect(listCalculations().map((c) => c.id)).toEqual(
      expect.arrayContaining(["forward-pass-by-hand", "backprop-one-weight", "kmeans-step-by-hand", "mlp-parameters-by-hand", "convolution-by-hand", "softmax-probability"]),
    );
  });

  it.each(listCalculations().map((c) => [c.id, c] as const))("%s passes every check on 40 seeds", (_id, calculation) => {
    const report = checkCalculation(calculation, SEEDS);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each(listCalculations().map((c) => [c.id, c] as const))("%s shows each student their own values, all placeholders filled", (_id, calculation) => {
    const statements = SEEDS.slice(0, 10).map((seed) => calculationStatement(calculation, seed));
    for (const statement of statements) expect(statement).not.toMatch(/\{\{\w+\}\}/);
    expect(new Set(statements).size).toBeGreaterThan(3);
  });
});

describe("reference answers agree with the lectures' worked facts", () => {
  const find = (id: string) => listCalculations().find((c) => c.id === id)!;
  it("a 100-50-50 network has 7,500 weights (the lecture's example), biases add one per unit", () => {
    const count = find("mlp-parameters-by-hand").parts[0]!.solve({ sizes: [100, 50, 50] });
    expect(count).toBe(7500);
    expect(find("mlp-parameters-by-hand").parts[1]!.solve({ sizes: [784, 256, 128, 10] })).toBe(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
  });

  it("a 28-wide input with a 5-wide filter gives a 24-wide output; stride 2 and padding 2 give 14", () => {
    const size = find("convolution-by-hand").parts[0]!;
    expect(size.solve({ n: 28, k: 5, stride: 1, padding: 0 })).toBe(24);
    expect(size.solve({ n: 28, k: 5, stride: 2, padding: 2 })).toBe(14);
  });

  it("the forward pass's hidden layer clips negative sums to zero", () => {
    const values = {
      x: [1, 0],
      W1: [
        [2, -3],
        [-1, 4],
      ],
      b1: [0, 0],
      W2: [[2, -1]],
      b2: [0],
    };
    const [hidden, output] = find("forward-pass-by-hand").parts;
    expect(hidden!.solve(values)).toEqual([2, 0]);
    expect(output!.solve(values)).toBe(4);
  });

  it("the backprop gradients agree with central finite differences of the loss", () => {
    const calculation = find("backprop-one-weight");
    for (const seed of SEEDS.slice(0, 8)) {
      const v = calculationValues(calculation, seed) as { x: number[]; y: number; W1: number[][]; b1: number[]; W2: number[][]; b2: number[]; unit: number; input: number };
      const loss = (W1: number[][], W2: number[][]) => {
        const [yHat] = forward(v.x, [
          { W: W1, b: v.b1, activation: "sigmoid" },
          { W: W2, b: v.b2, activation: "sigmoid" },
        ]);
        return 0.5 * (yHat! - v.y) ** 2;
      };
      const h = 1e-6;
      const nudgedW1 = (d: number) => v.W1.map((row, i) => row.map((w, j) => (i === v.unit && j === v.input ? w + d : w)));
      const nudgedW2 = (d: number) => [v.W2[0]!.map((w, j) => (j === 0 ? w + d : w))];
      const references = referenceAnswers(calculation, seed);
      expect(references["hidden-weight"]).toBeCloseTo((loss(nudgedW1(h), v.W2) - loss(nudgedW1(-h), v.W2)) / (2 * h), 7);
      expect(references["output-weight"]).toBeCloseTo((loss(v.W1, nudgedW2(h)) - loss(v.W1, nudgedW2(-h))) / (2 * h), 7);
    }
  });
});

describe("checkCalculation", () => {
  const base = listCalculations().find((c) => c.id === "softmax-probability")!;

  it("reports a tolerance so loose that an answer 10% off passes", () => {
    const loose: Calculation = { ...base, parts: base.parts.map((p) => (p.id === "probability" ? { ...p, answer: { kind: "number", atol: 0.1 } } : p)) };
    const report = checkCalculation(loose);
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.check === "tolerance" && p.message.includes('part "probability"'))).toBe(true);
  });

  it("reports a spec that breaks the schema, naming the field", () => {
    const broken = defineCalculation({ ...base, id: "Not An Id" } as Calculation);
    expect(checkCalculation(broken).problems).toContainEqual({ check: "schema", message: "spec.ts: id: lowercase words joined by hyphens" });
  });

  it("reports values that do not depend on the seed", () => {
    const fixed: Calculation = { ...base, values: () => ({ logits: [1, 2, 3], target: 0 }) };
    expect(checkCalculation(fixed).problems.map((p) => p.check)).toContain("values");
  });
});
