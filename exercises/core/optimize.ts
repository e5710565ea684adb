import { assertShape } from "./assert.ts";
import type { Vector } from "./vector.ts";

/** One step of gradient descent: w_new = w_old − η ∂L/∂w. */
export function gradientDescentStep(weights: Vector, gradient: Vector, learningRate: number): number[] {
  assertShape(weights.length === gradient.length, `gradientDescentStep: ${weights.length} weights but ${gradient.length} partial derivatives`);
  return weights.map((w, i) => w - learningRate * gradient[i]!);
}

/**
 * Central finite differences: ∂f/∂v_i ≈ (f(v + h·e_i) − f(v − h·e_i)) / 2h.
 * The independent oracle that every analytic gradient in Epoch is checked against.
 */
export function numericalGradient(f: (v: number[]) => number, at: Vector, h = 1e-5): number[] {
  return at.map((_, i) => {
    const plus = [...at];
    const minus = [...at];
    plus[i]! += h;
    minus[i]! -= h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

/** numericalGradient for a matrix argument, same shape as the matrix. */
export function numericalGradientMatrix(f: (m: number[][]) => number, at: readonly Vector[], h = 1e-5): number[][] {
  return at.map((row, i) =>
    row.map((_, j) => {
      const shifted = (delta: number) => at.map((r, ri) => r.map((v, cj) => (ri === i && cj === j ? v + delta : v)));
      return (f(shifted(h)) - f(shifted(-h))) / (2 * h);
    }),
  );
}
