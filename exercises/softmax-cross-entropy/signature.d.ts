export interface LossWithGradient {
  /** J = −log softmax(logits)[target]; never negative. */
  loss: number;
  /** ∂J/∂logits, same length as logits. */
  gradient: number[];
}

/**
 * Cross-entropy of softmax(logits) against the true class `target` (0-based index), and its
 * gradient with respect to the logits. Logits can be very large or very negative, and more
 * than 800 apart.
 */
export declare function softmaxCrossEntropy(logits: number[], target: number): LossWithGradient;
