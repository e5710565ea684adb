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

  it("the sigmoid and tanh derivatives keep their relative precision at |v| in the hundreds", () => {
    // σ'(v) = e^(−|v|)/(1 + e^(−|v|))² and tanh'(v) = 4e^(−2|v|)/(1 + e^(−2|v|))², written so no term overflows.
    for (const v of [-800, -300, -40, 40, 300, 800]) {
      const e = Math.exp(-Math.abs(v));
      expect(activations.sigmoid.derivative(v)).toBe(e / (1 + e) ** 2);
      const e2 = Math.exp(-2 * Math.abs(v));
      expect(activations.tanh.derivative(v)).toBe((4 * e2) / (1 + e2) ** 2);
    }
    expect(activations.sigmoid.derivative(300)).toBeGreaterThan(5e-131);
    expect(activations.sigmoid.derivative(300)).toBe(activations.sigmoid.derivative(-300));
    expect(activations.tanh.derivative(0)).toBe(1);
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
