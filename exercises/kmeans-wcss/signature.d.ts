/**
 * Within-cluster sum of squares: Σⱼ ‖points[j] − centroids[assignments[j]]‖², the k-means
 * objective. Returns 0 when there are no points.
 */
export declare function wcss(points: number[][], centroids: number[][], assignments: number[]): number;
