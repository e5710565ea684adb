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
    // σ(v)(1 − σ(v)) = σ(v)σ(−v): the second form keeps full relative precision for large |v|,
    // where 1 − σ(v) would round to 0 (σ'(300) ≈ 5.1e-131, not 0).
    derivative: (v) => sigmoid(v) * sigmoid(-v),
  },
  tanh: {
    value: Math.tanh,
    // 1 − tanh²v = 4e^(−2|v|) / (1 + e^(−2|v|))²: exact where 1 − tanh²v rounds to 0.
    derivative: (v) => {
      const e = Math.exp(-2 * Math.abs(v));
      return (4 * e) / (1 + e) ** 2;
    },
  },
  relu: { value: (v) => (v > 0 ? v : 0), derivative: (v) => (v > 0 ? 1 : 0) },
  linear: { value: (v) => v, derivative: () => 1 },
};

export function activation(name: ActivationName): Activation {
  const found = activations[name];
  assertShape(found !== undefined, `unknown activation "${String(name)}"`);
  return found;
}
