import { sigmoid } from "./activations.ts";
import { assertShape } from "./assert.ts";
import { dot, type Vector } from "./vector.ts";
import type { Matrix } from "./matrix.ts";

/** p = σ(w·x + b): logistic regression is a one-layer network with a sigmoid output. */
export function logisticPredict(x: Vector, w: Vector, b: number): number {
  return sigmoid(dot(w, x) + b);
}

/**
 * Mean binary cross-entropy over the rows of X, plus (λ/2)‖w‖² (the bias is not
 * regularised), and its gradient: ∂J/∂w = (1/m) Σ (p_j − y_j) x_j + λw, ∂J/∂b = (1/m) Σ (p_j − y_j).
 */
export function logisticLossGradient(X: Matrix, y: Vector, w: Vector, b: number, lambda = 0): { loss: number; dw: number[]; db: number } {
  assertShape(X.length === y.length && X.length > 0, `logistic regression: ${X.length} rows of X but ${y.length} labels`);
  const m = X.length;
  const dw = w.map((wi) => lambda * wi);
  let db = 0;
  let loss = (lambda / 2) * dot(w, w);
  X.forEach((row, j) => {
    const z = dot(w, row) + b;
    const p = sigmoid(z);
    const err = p - y[j]!;
    // log(1 + e^z) − y·z is the stable form of the cross-entropy for logit z.
    loss += (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[j]! * z) / m;
    row.forEach((xi, i) => (dw[i]! += (err * xi) / m));
    db += err / m;
  });
  return { loss, dw, db };
}
