type Activation = "step" | "sigmoid" | "tanh" | "relu" | "linear";
interface Layer {
  W: number[][];
  b: number[];
  activation: Activation;
}

const activations: Record<Activation, (v: number) => number> = {
  step: (v) => (v >= 0 ? 1 : 0),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: Math.tanh,
  relu: (v) => Math.max(0, v),
  linear: (v) => v,
};

// Mistake: treats W as (inputs × units), reading column i for unit i.
export function forward(x: number[], layers: Layer[]): number[] {
  let a = x;
  for (const { W, b, activation } of layers) {
    const g = activations[activation];
    a = b.map((bias, i) => g(a.reduce((sum, aj, j) => sum + W[j]![i]! * aj, bias)));
  }
  return a;
}
