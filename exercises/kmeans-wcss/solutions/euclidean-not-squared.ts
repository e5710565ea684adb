export function wcss(points: number[][], centroids: number[][], assignments: number[]): number {
  let total = 0;
  points.forEach((point, j) => {
    const centroid = centroids[assignments[j]!]!;
    let squared = 0;
    for (let i = 0; i < point.length; i++) squared += (point[i]! - centroid[i]!) ** 2;
    // Mistake: the Euclidean distance, not its square.
    total += Math.sqrt(squared);
  });
  return total;
}
