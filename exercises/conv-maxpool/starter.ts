export function convMaxPool(image: number[][], kernel: number[][], poolSize: number): number[][] {
  // TODO 1: the feature map, (H − kh + 1) × (W − kw + 1): featureMap[i][j] = Σ image[i + u][j + v] · kernel[u][v].
  const featureMap: number[][] = [];

  // TODO 2: max pooling over non-overlapping poolSize × poolSize windows (drop windows that overhang).
  const pooled: number[][] = [];

  return pooled;
}
