import { assertShape } from "./assert.ts";
import { squaredEuclidean } from "./distance.ts";
import { mean, type Vector } from "./vector.ts";

/** Index of the centroid nearest to `point` by squared Euclidean distance; ties go to the lowest index. */
export function nearestCentroid(point: Vector, centroids: readonly Vector[]): number {
  assertShape(centroids.length > 0, "nearestCentroid: needs at least one centroid");
  let best = 0;
  let bestDistance = squaredEuclidean(point, centroids[0]!);
  for (let c = 1; c < centroids.length; c++) {
    const d = squaredEuclidean(point, centroids[c]!);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

export function assignClusters(points: readonly Vector[], centroids: readonly Vector[]): number[] {
  return points.map((p) => nearestCentroid(p, centroids));
}

/** Each centroid moves to the mean of its points; a centroid with no points stays where it was. */
export function updateCentroids(points: readonly Vector[], assignments: readonly number[], centroids: readonly Vector[]): number[][] {
  assertShape(points.length === assignments.length, `updateCentroids: ${points.length} points but ${assignments.length} assignments`);
  return centroids.map((centroid, c) => {
    const members = points.filter((_, j) => assignments[j] === c);
    return members.length === 0 ? [...centroid] : mean(members);
  });
}

/** One k-means iteration: assignment step, then update step. */
export function kmeansStep(points: readonly Vector[], centroids: readonly Vector[]): { assignments: number[]; centroids: number[][] } {
  const assignments = assignClusters(points, centroids);
  return { assignments, centroids: updateCentroids(points, assignments, centroids) };
}

/** Within-cluster sum of squares Σ_c Σ_{x∈S_c} ‖x − μ_c‖². */
export function wcss(points: readonly Vector[], centroids: readonly Vector[], assignments: readonly number[]): number {
  assertShape(points.length === assignments.length, `wcss: ${points.length} points but ${assignments.length} assignments`);
  let total = 0;
  points.forEach((p, j) => {
    const c = assignments[j]!;
    assertShape(Number.isInteger(c) && c >= 0 && c < centroids.length, `wcss: assignment ${c} is not a centroid index`);
    total += squaredEuclidean(p, centroids[c]!);
  });
  return total;
}
