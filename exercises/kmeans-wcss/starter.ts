export function wcss(points: number[][], centroids: number[][], assignments: number[]): number {
  let total = 0;
  // TODO: for every point j, add its squared Euclidean distance to centroids[assignments[j]].
  return total;
}
