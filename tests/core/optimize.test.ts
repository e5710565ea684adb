import { describe, expect, it } from "vitest";
import { gradientDescentStep, numericalGradient } from "../../exercises/core/index.ts";

describe("gradient descent", () => {
  it("moves against the gradient: w_new = w_old − α ∂L/∂w", () => {
    expect(gradientDescentStep([1, -2], [0.5, -1], 0.1)).toEqual([0.95, -1.9]);
  });

  it("decreases a convex loss for a small enough step", () => {
    const loss = (w: number[]) => (w[0]! - 3) ** 2 + 2 * (w[1]! + 1) ** 2;
    const w = [0, 0];
    const next = gradientDescentStep(w, numericalGradient(loss, w), 0.1);
    expect(loss(next)).toBeLessThan(loss(w));
  });

  it("finite differences are exact for quadratics up to rounding", () => {
    expect(numericalGradient((v) => v[0]! ** 2, [3])[0]).toBeCloseTo(6, 8);
  });
});
