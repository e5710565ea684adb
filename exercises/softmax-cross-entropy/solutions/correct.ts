export function softmaxCrossEntropy(logits: number[], target: number): { loss: number; gradient: number[] } {
  // Shifting by the largest logit keeps every exponent ≤ 0, so the sum lies in [1, K].
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  // J = log Σ e^z − z_t, never log p_t: p_t can underflow to 0 when z_t is far below the max.
  const loss = Math.log(total) + max - logits[target]!;
  const gradient = exps.map((e, i) => (i === target ? e / total - 1 : e / total));
  return { loss, gradient };
}
