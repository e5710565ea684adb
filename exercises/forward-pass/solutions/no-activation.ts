type Activation = "step" | "sigmoid" | "tanh" | "relu" | "linear";
interface Layer {
  W: number[][];
  b: number[];
  activation: Activation;
}

// Mistake: never applies the layer's activation.
export function forward(x: number[], layers: Layer[]): number[] {
  let a = x;
  for (const { W, b } of layers) {
    a = W.map((row, i) => row.reduce((sum, w, j) => sum + w * a[j]!, b[i]!));
  }
  return a;
}
