// Mistake: ignores `assignments` and measures each point against its nearest centroid.
export function wcss(points: number[][], centroids: number[][], assignments: number[]): number {
  let total = 0;
  for (const point of points) {
    let best = Infinity;
    for (const centroid of centroids) {
      let squared = 0;
      for (let i = 0; i < point.length; i++) squared += (point[i]! - centroid[i]!) ** 2;
      best = Math.min(best, squared);
    }
    total += best;
  }
  return total;
}
