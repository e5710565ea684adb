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

export function backprop(x: number[], y: number[], W1: number[][], b1: number[], W2: number[][], b2: number[]): Gradients {
  const h = affine(W1, x, b1).map(sigmoid);
  const yHat = affine(W2, h, b2).map(sigmoid);

  // δ2 = ∂J/∂z2 = (ŷ − y) ∘ σ'(z2), with σ'(z2) = ŷ(1 − ŷ).
  const delta2 = yHat.map((p, k) => (p - y[k]!) * p * (1 - p));
  // δ1 = (W2ᵀ δ2) ∘ h(1 − h): hidden unit i collects Σ_k W2[k][i]·δ2[k].
  const delta1 = h.map((hi, i) => {
    let back = 0;
    for (let k = 0; k < delta2.length; k++) back += W2[k]![i]! * delta2[k]!;
    return back * hi * (1 - hi);
  });

  // Mistake: returns the descent direction −∇J (every gradient negated at the end).
  const flip = (v: number) => -v;
  return {
    dW1: delta1.map((d) => x.map((xj) => flip(d * xj))),
    db1: delta1.map(flip),
    dW2: delta2.map((d) => h.map((hi) => flip(d * hi))),
    db2: delta2.map(flip),
  };
}
