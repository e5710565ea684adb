// Mistake: pads the image with zeros so the feature map keeps the image's size.
function convolve(image: number[][], kernel: number[][]): number[][] {
  const kh = kernel.length;
  const kw = kernel[0]!.length;
  const top = Math.floor((kh - 1) / 2);
  const left = Math.floor((kw - 1) / 2);
  const map: number[][] = [];
  for (let i = 0; i < image.length; i++) {
    const row: number[] = [];
    for (let j = 0; j < image[0]!.length; j++) {
      let total = 0;
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) total += (image[i + u - top]?.[j + v - left] ?? 0) * kernel[u]![v]!;
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
      let best = -Infinity;
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
