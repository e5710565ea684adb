export interface KMeansStepResult {
  assignments: number[]; // assignments[j] = index of the centroid point j belongs to
  centroids: number[][]; // the centroids after the update step
}

export function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult {
  // TODO 1: assign each point to the nearest centroid (squared Euclidean distance, ties → lowest index).
  const assignments = points.map(() => 0);

  // TODO 2: move each centroid to the mean of its points (a centroid with no points stays put).
  const updated = centroids.map((centroid) => [...centroid]);

  return { assignments, centroids: updated };
}
