export function softmaxCrossEntropy(logits: number[], target: number): { loss: number; gradient: number[] } {
  // Mistake: exponentiates the raw logits, which overflows for large ones.
  const exps = logits.map((z) => Math.exp(z));
  const total = exps.reduce((sum, e) => sum + e, 0);
  const p = exps.map((e) => e / total);
  const loss = -Math.log(p[target]!);
  const gradient = p.map((pi, i) => (i === target ? pi - 1 : pi));
  return { loss, gradient };
}
