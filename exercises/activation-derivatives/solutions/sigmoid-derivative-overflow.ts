type ActivationName = "step" | "sigmoid" | "tanh" | "relu" | "linear";

interface Activation {
  value(v: number): number;
  derivative(v: number): number;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

const activations: Record<ActivationName, Activation> = {
  step: { value: (v) => (v >= 0 ? 1 : 0), derivative: () => 0 },
  // Mistake: e^v overflows to Infinity for v > 709, and Infinity/Infinity is NaN.
  sigmoid: { value: sigmoid, derivative: (v) => Math.exp(v) / (1 + Math.exp(v)) ** 2 },
  tanh: { value: Math.tanh, derivative: (v) => 1 - Math.tanh(v) ** 2 },
  relu: { value: (v) => Math.max(0, v), derivative: (v) => (v > 0 ? 1 : 0) },
  linear: { value: (v) => v, derivative: () => 1 },
};

export function activate(z: number[], name: ActivationName): { value: number[]; derivative: number[] } {
  const g = activations[name];
  return { value: z.map((v) => g.value(v)), derivative: z.map((v) => g.derivative(v)) };
}
