export function softmaxCrossEntropy(logits: number[], target: number): { loss: number; gradient: number[] } {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  const p = exps.map((e) => e / total);
  // Mistake: log p instead of −log p.
  const loss = -(Math.log(total) + max - logits[target]!);
  const gradient = p.map((pi, i) => (i === target ? pi - 1 : pi));
  return { loss, gradient };
}
