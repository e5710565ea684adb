export interface Gradients {
  dW1: number[][];
  db1: number[];
  dW2: number[][];
  db2: number[];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function affine(W: number[][], a: number[], b: number[]): number[] {
  return W.map((row, i) => row.reduce((sum, w, j) => sum + w * a[j]!, b[i]!));
}

// Mistake: uses y − ŷ for ∂J/∂ŷ.
export function backprop(x: number[], y: number[], W1: number[][], b1: number[], W2: number[][], b2: number[]): Gradients {
  const h = affine(W1, x, b1).map(sigmoid);
  const yHat = affine(W2, h, b2).map(sigmoid);

  const delta2 = yHat.map((p, k) => (y[k]! - p) * p * (1 - p));
  const delta1 = h.map((hi, i) => {
    let back = 0;
    for (let k = 0; k < delta2.length; k++) back += W2[k]![i]! * delta2[k]!;
    return back * hi * (1 - hi);
  });

  return {
    dW1: delta1.map((d) => x.map((xj) => d * xj)),
    db1: delta1,
    dW2: delta2.map((d) => h.map((hi) => d * hi)),
    db2: delta2,
  };
}
