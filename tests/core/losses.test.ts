import { describe, expect, it } from "vitest";
import { crossEntropy, numericalGradient, softmax, softmaxCrossEntropy, squaredLoss, sumSquaredError } from "../../exercises/core/index.ts";

describe("losses", () => {
  it("squared loss is ½Σ(ŷ − y)² with gradient ŷ − y", () => {
    const { loss, gradient } = squaredLoss([0.5, 2], [1, 1]);
    expect(loss).toBeCloseTo(0.5 * (0.25 + 1), 15);
    expect(gradient).toEqual([-0.5, 1]);
  });

  it("the reconstruction loss (x̂ − x)ᵀ(x̂ − x) has no ½", () => {
    expect(sumSquaredError([1.25, 2.5], [2, 1]).loss).toBeCloseTo(0.5625 + 2.25, 15);
  });

  it.each([
    ["squared loss", (p: number[]) => squaredLoss(p, [0.2, 0.9, -1]), [0.4, 0.1, 0.3]],
    ["reconstruction loss", (p: number[]) => sumSquaredError(p, [0.2, 0.9, -1]), [0.4, 0.1, 0.3]],
    ["cross-entropy", (p: number[]) => crossEntropy(p, [0, 1, 0]), [0.2, 0.5, 0.3]],
  ] as const)("%s: gradient agrees with finite differences", (_name, lossOf, at) => {
    const numeric = numericalGradient((p) => lossOf(p).loss, [...at]);
    lossOf([...at]).gradient.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 6));
  });

  it("softmax is unchanged by shifting the logits and never overflows", () => {
    const small = softmax([1, 2, 3]);
    const shifted = softmax([1001, 1002, 1003]);
    shifted.forEach((p, i) => expect(p).toBeCloseTo(small[i]!, 12));
    expect(small.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
  });

  it("softmax cross-entropy: gradient softmax − onehot, finite for huge logits", () => {
    const logits = [2, -1, 0.5, 3];
    const { loss, gradient } = softmaxCrossEntropy(logits, 2);
    expect(loss).toBeCloseTo(-Math.log(softmax(logits)[2]!), 12);
    const numeric = numericalGradient((z) => softmaxCrossEntropy(z, 2).loss, logits);
    gradient.forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 6));
    const huge = softmaxCrossEntropy([1000, 0, -1000], 1);
    expect(huge.loss).toBeCloseTo(1000, 9);
    expect(huge.gradient.every(Number.isFinite)).toBe(true);
  });
});
