export interface KMeansStepResult {
  /** assignments[j] is the index of the centroid point j is assigned to (0 … k − 1). */
  assignments: number[];
  /** The k centroids after the update step, in the input order. */
  centroids: number[][];
}

/**
 * One k-means iteration: assign every point to its nearest centroid by squared Euclidean
 * distance (ties go to the lowest index), then move each centroid to the mean of its points
 * (a centroid with no points stays where it was).
 */
export declare function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult;
