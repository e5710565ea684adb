import { describe, expect, it } from "vitest";
import { ACTIVATION_NAMES, activations, numericalGradient, sigmoid } from "../../exercises/core/index.ts";

describe("activations", () => {
  it("step is 1 at and above zero, 0 below (the lecture's threshold unit)", () => {
    expect([-1, -1e-12, 0, 1e-12, 5].map(activations.step.value)).toEqual([0, 0, 1, 1, 1]);
  });

  it("sigmoid is stable for large |v| and its derivative is σ(1 − σ)", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(Number.isNaN(sigmoid(-1000))).toBe(false);
    const s = sigmoid(0.7);
    expect(activations.sigmoid.derivative(0.7)).toBeCloseTo(s * (1 - s), 15);
  });

  it("ReLU and step use 0 as the derivative at the kink", () => {
    expect(activations.relu.derivative(0)).toBe(0);
    expect(activations.step.derivative(0)).toBe(0);
  });

  it.each(ACTIVATION_NAMES)("%s: derivative agrees with central finite differences away from kinks", (name) => {
    const g = activations[name];
    for (const v of [-3.1, -0.7, -0.2, 0.3, 1.4, 2.9]) {
      const [numeric] = numericalGradient(([x]) => g.value(x!), [v]);
      expect(g.derivative(v)).toBeCloseTo(numeric!, 6);
    }
  });
});
