export type Activation = "step" | "sigmoid" | "tanh" | "relu" | "linear";

export interface Layer {
  W: number[][]; // one row per output unit: shape (units × inputs)
  b: number[]; // one bias per output unit
  activation: Activation;
}

export function forward(x: number[], layers: Layer[]): number[] {
  let a = x;
  for (const layer of layers) {
    // TODO: a = activation(W·a + b)
  }
  return a;
}
