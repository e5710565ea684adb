import { cosineSimilarity, dot, euclidean, norm } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [a: number[], b: number[]];

/** Entries in ±[0.1, 9.99], never 0, so norms are never accidentally tiny. */
function nonZeroVector(rng: Rng, length: number): number[] {
  return Array.from({ length }, () => rng.pick([-1, 1]) * rng.uniform(0.1, 9.99));
}

/** k·v rounded to 2 decimals: exact for 2-decimal v and integer k, without float noise like 1.1099999999999999. */
function times(v: readonly number[], k: number): number[] {
  return v.map((x) => Math.round(x * k * 100) / 100 + 0);
}

/** The same digits written with a power of ten, parsed from text so "3.45e+100" stays exactly that. */
function withExponent(v: readonly number[], exponent: number): number[] {
  return v.map((x) => Number(`${x}e${exponent}`));
}

/**
 * Formulas that are not scale-free (the dot product, the distance) give a value within the
 * tolerance of 0 at magnitudes like 1e−100, which is also what a cosine whose ‖a‖²‖b‖² underflowed
 * returns. There the value says nothing about which mistake was made, so it explains nothing.
 */
function telling(value: number): number {
  if (value !== 0 && Math.abs(value) < 1e-9) throw new Error("indistinguishable from an underflow to 0");
  return value;
}

export default defineExercise<Args, number>({
  id: "cosine-similarity",
  title: "Cosine similarity",
  summary: "Compute the cosine of the angle between two vectors, a·b / (‖a‖‖b‖), with 0 when either vector is all zeros.",
  topics: ["distances", "similarity", "vectors"],
  difficulty: "warm-up",
  entry: "cosineSimilarity",
  params: ["a", "b"],
  output: out.number({ rtol: 1e-6, atol: 1e-9 }),
  cases(rng) {
    const parallel = nonZeroVector(rng, 3);
    const opposite = nonZeroVector(rng, 4);
    const [p, q, r, s] = nonZeroVector(rng, 4) as [number, number, number, number];
    const visible: TestCase<Args>[] = [
      {
        name: "statement example",
        args: [
          [3, 4],
          [4, 3],
        ],
      },
      { name: "vectors pointing the same way", args: [parallel, times(parallel, rng.int(2, 5))] },
      { name: "vectors pointing opposite ways", args: [opposite, times(opposite, -rng.int(2, 5))] },
      // (p, q, r, s)·(−q, p, −s, r) = 0 exactly.
      {
        name: "orthogonal vectors",
        args: [
          [p, q, r, s],
          [-q, p, -s, r],
        ],
      },
      { name: "random 3-D vectors", args: [nonZeroVector(rng, 3), nonZeroVector(rng, 3)] },
    ];

    const self = nonZeroVector(rng, 5);
    const base = nonZeroVector(rng, 3);
    const hidden: TestCase<Args>[] = [
      { name: "a vector with itself", args: [self, [...self]] },
      { name: "a vector and a much shorter copy of it", args: [base, withExponent(base, -3)] },
      { name: "high dimension (100 entries)", args: [rng.vector(100, -5, 5), rng.vector(100, -5, 5)] },
      { name: "one vector is all zeros", args: rng.shuffle([[0, 0, 0], nonZeroVector(rng, 3)]) as Args },
      {
        name: "both vectors are all zeros",
        args: [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      },
      { name: "very large magnitudes", args: [withExponent(nonZeroVector(rng, 4), 100), withExponent(nonZeroVector(rng, 4), 100)] },
      { name: "very small magnitudes", args: [withExponent(nonZeroVector(rng, 4), -100), withExponent(nonZeroVector(rng, 4), -100)] },
      { name: "vectors of length 1", args: [[rng.pick([-1, 1]) * rng.uniform(0.5, 9)], [rng.pick([-1, 1]) * rng.uniform(0.5, 9)]] },
      { name: "one long and one short vector", args: [withExponent(nonZeroVector(rng, 3), 6), withExponent(nonZeroVector(rng, 3), -6)] },
    ];
    return { visible, hidden };
  },
  solve([a, b]) {
    return cosineSimilarity(a, b);
  },
  mistakes: [
    {
      id: "dot-product",
      hint: "Your result matches the dot product a·b alone. Cosine similarity divides it by the product of the lengths, ‖a‖‖b‖, so that it lies between −1 and 1.",
      solve: ([a, b]) => telling(dot(a, b)),
    },
    {
      id: "squared-norms",
      hint: "Your result matches dividing by the squared lengths ‖a‖²‖b‖². Divide by ‖a‖‖b‖, where ‖a‖ = √(Σᵢ aᵢ²) is the square root of the sum of squares.",
      // Keeps the zero-vector convention, as a student who only forgot the square roots would.
      solve: ([a, b]) => {
        if (norm(a) === 0 || norm(b) === 0) return 0;
        const squaredLengths = dot(a, a) * dot(b, b);
        // Where this product over- or underflows, the result (0 or ±Infinity) comes from the overflow, not from the missing roots.
        if (!Number.isFinite(squaredLengths) || squaredLengths === 0) throw new Error("‖a‖²‖b‖² is not representable");
        return dot(a, b) / squaredLengths;
      },
    },
    {
      id: "overflow-in-norm",
      hint: "Your result is 0 for vectors with very large or very small entries, although the answer is not. Multiplying the squared lengths first, ‖a‖²·‖b‖², overflows to Infinity (or underflows to 0) once the product passes about 10³⁰⁸ (or drops below about 10⁻³⁰⁸), even though each ‖a‖² alone is fine. Take each square root first and multiply the lengths: ‖a‖·‖b‖ = √(Σ aᵢ²)·√(Σ bᵢ²).",
      solve: ([a, b]) => {
        const lengths = Math.sqrt(dot(a, a) * dot(b, b));
        return lengths === 0 ? 0 : dot(a, b) / lengths;
      },
    },
    {
      id: "euclidean-distance",
      hint: "Your result matches the Euclidean distance ‖a − b‖. Cosine similarity compares directions, not positions: a·b / (‖a‖‖b‖).",
      solve: ([a, b]) => telling(euclidean(a, b)),
    },
    {
      id: "angle-instead-of-cosine",
      hint: "Your result matches the angle θ = cos⁻¹(s) in radians (the angular distance). Return the cosine itself, s = a·b / (‖a‖‖b‖).",
      solve: ([a, b]) => Math.acos(cosineSimilarity(a, b)),
    },
    {
      id: "zero-vector-nan",
      hint: "With an all-zero vector your function divides 0 by 0 and returns NaN. The statement fixes this case: when either vector is all zeros, return 0.",
      solve: ([a, b]) => dot(a, b) / (norm(a) * norm(b)),
    },
  ],
});
