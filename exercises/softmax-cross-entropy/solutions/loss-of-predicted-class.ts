export function softmaxCrossEntropy(logits: number[], target: number): { loss: number; gradient: number[] } {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  const p = exps.map((e) => e / total);
  // Mistake: the loss of the predicted (most likely) class, not of the true class.
  const loss = -Math.log(Math.max(...p));
  const gradient = p.map((pi, i) => (i === target ? pi - 1 : pi));
  return { loss, gradient };
}
