function convolve(image: number[][], kernel: number[][]): number[][] {
  const kh = kernel.length;
  const kw = kernel[0]!.length;
  const rows = image.length - kh + 1;
  const cols = image[0]!.length - kw + 1;
  const map: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let total = 0;
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) total += image[i + u]![j + v]! * kernel[u]![v]!;
      }
      row.push(total);
    }
    map.push(row);
  }
  return map;
}

// Mistake: the pooling window moves one entry at a time (stride 1), so windows overlap.
function maxPool(map: number[][], p: number): number[][] {
  const pooled: number[][] = [];
  for (let r = 0; r + p <= map.length; r++) {
    const row: number[] = [];
    for (let s = 0; s + p <= map[0]!.length; s++) {
      let best = -Infinity;
      for (let u = 0; u < p; u++) {
        for (let v = 0; v < p; v++) best = Math.max(best, map[r + u]![s + v]!);
      }
      row.push(best);
    }
    pooled.push(row);
  }
  return pooled;
}

export function convMaxPool(image: number[][], kernel: number[][], poolSize: number): number[][] {
  return maxPool(convolve(image, kernel), poolSize);
}
