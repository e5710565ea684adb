export function softmaxCrossEntropy(logits: number[], target: number): { loss: number; gradient: number[] } {
  // Mistake: stable softmax, but the loss takes log of p_target, which underflows to 0 (loss Infinity)
  // when the target's logit is far below the largest one.
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  const p = exps.map((e) => e / total);
  const loss = -Math.log(p[target]!);
  const gradient = p.map((pi, i) => (i === target ? pi - 1 : pi));
  return { loss, gradient };
}
