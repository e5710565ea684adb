export function gradientStep(X: number[][], y: number[], w: number[], learningRate: number): number[] {
  const n = X.length;
  const residuals = X.map((x, i) => x.reduce((total, xj, j) => total + xj * w[j]!, 0) - y[i]!);
  const gradient = w.map((_, j) => X.reduce((total, x, i) => total + (2 / n) * residuals[i]! * x[j]!, 0));
  return w.map((wj, j) => wj - learningRate * gradient[j]!);
}
