export function wcss(points: number[][], centroids: number[][], assignments: number[]): number {
  let total = 0;
  points.forEach((point, j) => {
    const centroid = centroids[assignments[j]!]!;
    for (let i = 0; i < point.length; i++) total += (point[i]! - centroid[i]!) ** 2;
  });
  // Mistake: averages instead of summing.
  return total / points.length;
}
