export function wcss(points: number[][], centroids: number[][], assignments: number[]): number {
  let total = 0;
  points.forEach((point, j) => {
    const centroid = centroids[assignments[j]!]!;
    let difference = 0;
    for (let i = 0; i < point.length; i++) difference += point[i]! - centroid[i]!;
    // Mistake: squares the summed differences instead of summing squared differences.
    total += difference ** 2;
  });
  return total;
}
