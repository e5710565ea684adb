import { describe, expect, it } from "vitest";
import { assignClusters, kmeansStep, nearestCentroid, updateCentroids, wcss } from "../../exercises/core/index.ts";

describe("k-means", () => {
  it("assigns by squared Euclidean distance, ties to the lowest index", () => {
    expect(
      nearestCentroid(
        [1, 0],
        [
          [0, 0],
          [2, 0],
        ],
      ),
    ).toBe(0);
    expect(
      nearestCentroid(
        [1, 0],
        [
          [2, 0],
          [0, 0],
          [1, 0.5],
        ],
      ),
    ).toBe(2);
    expect(
      assignClusters(
        [
          [0, 0],
          [5, 5],
          [2.5, 2.5],
        ],
        [
          [0, 0],
          [5, 5],
        ],
      ),
    ).toEqual([0, 1, 0]);
  });

  it("moves each centroid to the mean of its points and leaves an empty one in place", () => {
    expect(
      updateCentroids(
        [
          [0, 0],
          [2, 0],
          [10, 10],
        ],
        [0, 0, 1],
        [
          [1, 1],
          [9, 9],
          [-4, 7],
        ],
      ),
    ).toEqual([
      [1, 0],
      [10, 10],
      [-4, 7],
    ]);
  });

  it("one step on two clusters", () => {
    const points = [
      [1, 1],
      [1.5, 2],
      [3, 4],
      [5, 7],
      [3.5, 5],
      [4.5, 5],
      [3.5, 4.5],
    ];
    const step = kmeansStep(points, [
      [1, 1],
      [5, 7],
    ]);
    expect(step.assignments).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(step.centroids[0]![0]).toBeCloseTo(5.5 / 3, 12);
    expect(step.centroids[1]).toEqual([4.125, 5.375]);
  });

  it("WCSS sums squared distances to each point's centroid", () => {
    expect(
      wcss(
        [
          [0, 0],
          [2, 0],
          [10, 10],
        ],
        [
          [1, 0],
          [10, 10],
        ],
        [0, 0, 1],
      ),
    ).toBe(2);
    // Moving a centroid to the mean of its points never increases WCSS.
    const points = [
      [0, 1],
      [2, 3],
      [4, 1],
    ];
    const assignments = [0, 0, 0];
    expect(wcss(points, updateCentroids(points, assignments, [[0, 0]]), assignments)).toBeLessThanOrEqual(wcss(points, [[0, 0]], assignments));
  });
});
