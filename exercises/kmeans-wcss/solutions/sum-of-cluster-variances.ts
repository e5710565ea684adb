// Mistake: adds up each cluster's mean squared distance (its variance) instead of the squared distances.
export function wcss(points: number[][], centroids: number[][], assignments: number[]): number {
  let total = 0;
  centroids.forEach((centroid, c) => {
    const members = points.filter((_, j) => assignments[j] === c);
    let squared = 0;
    for (const point of members) {
      for (let i = 0; i < point.length; i++) squared += (point[i]! - centroid[i]!) ** 2;
    }
    total += squared / members.length;
  });
  return total;
}
