export interface Gradients {
  dW1: number[][]; // same shape as W1: hidden × inputs
  db1: number[];
  dW2: number[][]; // same shape as W2: outputs × hidden
  db2: number[];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function backprop(x: number[], y: number[], W1: number[][], b1: number[], W2: number[][], b2: number[]): Gradients {
  // Forward pass: z1 = W1·x + b1, h = σ(z1), z2 = W2·h + b2, ŷ = σ(z2).
  const z1 = W1.map((row, i) => row.reduce((sum, w, j) => sum + w * x[j]!, b1[i]!));
  const h = z1.map(sigmoid);

  // TODO: finish the forward pass, then go backwards with the chain rule.
  const dW1 = W1.map((row) => row.map(() => 0));
  const db1 = b1.map(() => 0);
  const dW2 = W2.map((row) => row.map(() => 0));
  const db2 = b2.map(() => 0);
  return { dW1, db1, dW2, db2 };
}
