import { assertShape } from "./assert.ts";

export const ACTIVATION_NAMES = ["step", "sigmoid", "tanh", "relu", "linear"] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

export interface Activation {
  /** g(v) */
  value(v: number): number;
  /** g'(v); at a kink (v = 0 for step and ReLU) the course uses 0. */
  derivative(v: number): number;
}

export function sigmoid(v: number): number {
  // Split by sign so exp never overflows for large |v|.
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

export const activations: Record<ActivationName, Activation> = {
  // The lectures' threshold unit: f(v) = 1 if v ≥ 0, else 0.
  step: { value: (v) => (v >= 0 ? 1 : 0), derivative: () => 0 },
  sigmoid: {
    value: sigmoid,
    derivative: (v) => {
      const s = sigmoid(v);
      return s * (1 - s);
    },
  },
  tanh: {
    value: Math.tanh,
    derivative: (v) => 1 - Math.tanh(v) ** 2,
  },
  relu: { value: (v) => (v > 0 ? v : 0), derivative: (v) => (v > 0 ? 1 : 0) },
  linear: { value: (v) => v, derivative: () => 1 },
};

export function activation(name: ActivationName): Activation {
  const found = activations[name];
  assertShape(found !== undefined, `unknown activation "${String(name)}"`);
  return found;
}
