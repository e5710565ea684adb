import { describe, expect, it } from "vitest";
import { binaryCrossEntropy, logisticLossGradient, logisticPredict, numericalGradient } from "../../exercises/core/index.ts";

describe("logistic regression", () => {
  const X = [
    [0.5, 1.5],
    [-1, 0.2],
    [2, -0.3],
  ];
  const y = [1, 0, 1];
  const w = [0.3, -0.2];
  const b = 0.1;

  it("its loss is the mean binary cross-entropy plus (λ/2)‖w‖²", () => {
    const mean = X.reduce((s, row, j) => s + binaryCrossEntropy(logisticPredict(row, w, b), y[j]!), 0) / X.length;
    expect(logisticLossGradient(X, y, w, b, 0.1).loss).toBeCloseTo(mean + 0.05 * (0.09 + 0.04), 12);
  });

  it("its gradient agrees with finite differences, bias unregularised", () => {
    const lambda = 0.2;
    const { dw, db } = logisticLossGradient(X, y, w, b, lambda);
    const numericW = numericalGradient((v) => logisticLossGradient(X, y, v, b, lambda).loss, w);
    dw.forEach((g, i) => expect(g).toBeCloseTo(numericW[i]!, 8));
    const [numericB] = numericalGradient(([v]) => logisticLossGradient(X, y, w, v!, lambda).loss, [b]);
    expect(db).toBeCloseTo(numericB!, 8);
  });

  it("stays finite for large logits", () => {
    expect(Number.isFinite(logisticLossGradient([[1000]], [0], [1], 0).loss)).toBe(true);
  });
});
