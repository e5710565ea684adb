export function gradientStep(X: number[][], y: number[], w: number[], learningRate: number): number[] {
  // TODO: compute the gradient of the mean squared error at w, then step against it.
  return w;
}
