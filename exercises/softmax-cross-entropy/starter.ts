export interface LossWithGradient {
  loss: number; // J = −log p_target
  gradient: number[]; // ∂J/∂logits, same length as logits
}

export function softmaxCrossEntropy(logits: number[], target: number): LossWithGradient {
  // TODO: softmax probabilities (mind large logits), then the loss and its gradient.
  return { loss: 0, gradient: logits.map(() => 0) };
}
