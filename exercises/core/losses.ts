import { assertShape } from "./assert.ts";
import { sub, type Vector } from "./vector.ts";

export interface LossWithGradient {
  readonly loss: number;
  /** ∂loss/∂ŷ, same length as ŷ. */
  readonly gradient: number[];
}

function assertPair(yHat: Vector, y: Vector, name: string): void {
  assertShape(yHat.length === y.length, `${name}: prediction has ${yHat.length} entries, target has ${y.length}`);
}

/** J = ½ Σ (ŷ − y)², the lectures' squared loss; ∂J/∂ŷ = ŷ − y. */
export function squaredLoss(yHat: Vector, y: Vector): LossWithGradient {
  assertPair(yHat, y, "squaredLoss");
  const diff = sub(yHat, y);
  return { loss: 0.5 * diff.reduce((s, d) => s + d * d, 0), gradient: diff };
}

/** ε = (x̂ − x)ᵀ(x̂ − x), the auto-encoder reconstruction loss (no ½); ∂ε/∂x̂ = 2(x̂ − x). */
export function sumSquaredError(xHat: Vector, x: Vector): LossWithGradient {
  assertPair(xHat, x, "sumSquaredError");
  const diff = sub(xHat, x);
  return { loss: diff.reduce((s, d) => s + d * d, 0), gradient: diff.map((d) => 2 * d) };
}

/** J = −Σ y log ŷ for probabilities ŷ; ∂J/∂ŷ = −y / ŷ. */
export function crossEntropy(yHat: Vector, y: Vector): LossWithGradient {
  assertPair(yHat, y, "crossEntropy");
  let loss = 0;
  const gradient = yHat.map((p, i) => {
    const t = y[i]!;
    if (t !== 0) loss -= t * Math.log(p);
    return t === 0 ? 0 : -t / p;
  });
  return { loss, gradient };
}

/** Numerically stable softmax: subtracting the max logit leaves the result unchanged. */
export function softmax(logits: Vector): number[] {
  assertShape(logits.length > 0, "softmax: needs at least one logit");
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

/**
 * Cross-entropy of softmax(logits) against the class index `target`, computed from the
 * logits with log-sum-exp so that large logits neither overflow nor give log(0).
 * ∂J/∂logits = softmax(logits) − onehot(target).
 */
export function softmaxCrossEntropy(logits: Vector, target: number): LossWithGradient {
  assertShape(Number.isInteger(target) && target >= 0 && target < logits.length, `softmaxCrossEntropy: target ${target} is not a class index`);
  const max = Math.max(...logits);
  const logSumExp = max + Math.log(logits.reduce((s, v) => s + Math.exp(v - max), 0));
  const probabilities = softmax(logits);
  return {
    loss: logSumExp - logits[target]!,
    gradient: probabilities.map((p, i) => (i === target ? p - 1 : p)),
  };
}

/** Binary cross-entropy −[y log p + (1 − y) log(1 − p)] for a probability p. */
export function binaryCrossEntropy(p: number, y: number): number {
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}
