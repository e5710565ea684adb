/**
 * Grading a calculation's answers: each part graded by the comparator with its tolerance,
 * partial credit per part, shape and NaN errors explained, and the reference kept from students.
 */
import { describe, expect, it } from "vitest";
import { findCalculation } from "../../exercises/registry.ts";
import { referenceAnswers } from "../../exercises/calculation/bank.ts";
import { typedAnswer } from "../../exercises/calculation/typed.ts";
import type { Calculation } from "../../exercises/calculation/define.ts";
import { gradeAnswers } from "../../grader/engine/calculation.ts";
import { GradeResultSchema } from "../../grader/engine/result.ts";
import { redactForStudent } from "../../grader/engine/student-view.ts";

const SEED = 7;
const kmeans = findCalculation("kmeans-step-by-hand")!;
const softmax = findCalculation("softmax-probability")!;
const parameters = findCalculation("mlp-parameters-by-hand")!;

function rightAnswers(calculation: Calculation, seed = SEED): Record<string, unknown> {
  return Object.fromEntries(Object.entries(referenceAnswers(calculation, seed)).map(([id, value]) => [id, typedAnswer(value)]));
}
const grade = (calculation: Calculation, answers: Record<string, unknown>, seed = SEED) => gradeAnswers({ calculation, answers: JSON.stringify(answers), seed });

describe("gradeAnswers", () => {
  it("gives full marks to the reference typed in, as an ordinary result of kind calculation", () => {
    const result = grade(kmeans, rightAnswers(kmeans));
    expect(GradeResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      kind: "calculation",
      exerciseId: "kmeans-step-by-hand",
      verdict: "passed",
      score: 3,
      maxScore: 3,
      summary: "All 2 parts correct",
      mode: "submit",
    });
  });

  it("accepts answers rounded to three decimals, and fractions", () => {
    const centroids = referenceAnswers(kmeans, SEED).centroids as number[][];
    const rounded = centroids.map((row) => row.map((x) => x.toFixed(3)));
    expect(grade(kmeans, { ...rightAnswers(kmeans), centroids: rounded }).verdict).toBe("passed");
    // Seed 7's second centroid is the mean of three points: (7/3, 8/3).
    expect(centroids[1]![0]).toBeCloseTo(7 / 3, 12);
    expect(centroids[1]![1]).toBeCloseTo(8 / 3, 12);
    expect(grade(kmeans, { ...rightAnswers(kmeans), centroids: [centroids[0]!.map(String), ["7/3", "8/3"]] }).verdict).toBe("passed");
  });

  it("scores each part on its own: a wrong part loses only its points", () => {
    const centroids = referenceAnswers(kmeans, SEED).centroids as number[][];
    const wrong = centroids.map((row, i) => row.map((x, j) => String(i === 1 && j === 0 ? x + 1 : x)));
    const result = grade(kmeans, { ...rightAnswers(kmeans), centroids: wrong });
    expect(result).toMatchObject({ verdict: "failed", score: 1, maxScore: 3, summary: "1 of 2 parts correct" });
    expect(result.tests.map((t) => [t.name, t.status, t.points])).toEqual([
      ["Part 1 (assignments)", "passed", 1],
      ["Part 2 (centroids)", "failed", 0],
    ]);
    expect(result.tests[1]!.message).toBe("1 of 4 entries are wrong (outside the tolerance, within ±(0.001 + 0.1% of the answer)).");
  });

  it("explains a transposed matrix as a shape error", () => {
    const centroids = referenceAnswers(kmeans, SEED).centroids as number[][];
    const result = grade(kmeans, {
      ...rightAnswers(kmeans),
      centroids: [
        ["1", "2"],
        ["3", "4"],
        ["5", "6"],
      ],
    });
    expect(result.tests[1]).toMatchObject({ status: "invalid_output", points: 0, message: "Your answer should be a 2×2 matrix (rows × columns), but it is 3×2." });
    const ragged = grade(kmeans, { ...rightAnswers(kmeans), centroids: [centroids[0]!.map(String), ["1"]] });
    expect(ragged.tests[1]!.message).toBe("Row 2 should have 2 entries, but it has 1.");
  });

  it("explains a NaN, an unreadable field and an empty one, without failing other parts", () => {
    const nan = grade(kmeans, {
      ...rightAnswers(kmeans),
      centroids: [
        ["nan", "1"],
        ["2", "3"],
      ],
    });
    expect(nan.tests[1]!.message).toMatch(/^\d of 4 entries are wrong\. Entry \(1, 1\) is NaN \("not a number"\): this answer is a finite number\. NaN comes from 0\/0/);
    const unreadable = grade(kmeans, {
      ...rightAnswers(kmeans),
      centroids: [
        ["1,5", "1"],
        ["2", "3"],
      ],
    });
    expect(unreadable.tests[1]).toMatchObject({ status: "invalid_output", message: 'Entry (1, 1): "1,5" is not a number: write decimals with a point (1.5).' });
    expect(unreadable.tests[0]!.status).toBe("passed");
    const missing = grade(kmeans, { assignments: rightAnswers(kmeans).assignments });
    expect(missing.tests[1]).toMatchObject({ status: "invalid_output", message: "Not answered." });
  });

  it("compares counts and cluster numbers exactly, and says when a whole number was expected", () => {
    const weights = referenceAnswers(parameters, SEED).weights as number;
    expect(grade(parameters, { ...rightAnswers(parameters), weights: String(weights + 1) }).tests[0]).toMatchObject({ status: "failed", message: "Not the right number." });
    expect(grade(parameters, { ...rightAnswers(parameters), weights: `${weights}.5` }).tests[0]!.message).toBe("Your answer should be a whole number.");
  });

  it("grades a choice by its option", () => {
    const predicted = referenceAnswers(softmax, SEED).prediction as number;
    const wrong = grade(softmax, { ...rightAnswers(softmax), prediction: String((predicted + 1) % 3) });
    expect(wrong.tests[1]).toMatchObject({ status: "failed", message: "That is not the right option.", expected: `Class ${predicted + 1} (option ${predicted + 1})` });
  });

  it("never names the reference in a message, and the student's view drops it", () => {
    const reference = referenceAnswers(softmax, SEED).probability as number;
    const result = grade(softmax, { ...rightAnswers(softmax), probability: String(reference + 0.01) });
    expect(result.tests[0]!.expected).toBe(String(Number(reference.toPrecision(10))));
    const digits = reference.toFixed(3).slice(2);
    for (const test of result.tests) expect(test.message).not.toContain(digits);
    const shown = redactForStudent(result);
    expect(shown.tests.every((t) => t.expected === undefined)).toBe(true);
    expect(shown.tests[0]!.got).toBe(String(Number((reference + 0.01).toPrecision(10))));
  });

  it("grades stored answers it cannot read as unanswered instead of throwing", () => {
    const result = gradeAnswers({ calculation: kmeans, answers: "not json", seed: SEED });
    expect(result.tests.map((t) => t.message)).toEqual(["Not answered.", "Not answered."]);
    expect(result.score).toBe(0);
  });

  it("grades each student against their own values", () => {
    const other = grade(kmeans, rightAnswers(kmeans, SEED), SEED + 1);
    expect(JSON.stringify(referenceAnswers(kmeans, SEED))).not.toBe(JSON.stringify(referenceAnswers(kmeans, SEED + 1)));
    expect(other.verdict).not.toBe("passed");
  });
});
