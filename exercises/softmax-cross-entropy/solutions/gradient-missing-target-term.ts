export function softmaxCrossEntropy(logits: number[], target: number): { loss: number; gradient: number[] } {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  const p = exps.map((e) => e / total);
  const loss = Math.log(total) + max - logits[target]!;
  // Mistake: forgets the −1 at the target.
  const gradient = [...p];
  return { loss, gradient };
}
