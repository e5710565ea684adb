import { describe, expect, it } from "vitest";
import { angularDistance, cosineSimilarity, euclidean, manhattan, squaredEuclidean } from "../../exercises/core/index.ts";

describe("distances and similarity", () => {
  it("Euclidean, squared Euclidean and Manhattan on a 3-4-5 triangle", () => {
    expect(euclidean([0, 0], [3, 4])).toBe(5);
    expect(squaredEuclidean([0, 0], [3, 4])).toBe(25);
    expect(manhattan([0, 0], [3, -4])).toBe(7);
  });

  it("cosine similarity: parallel 1, orthogonal 0, opposite −1, scale-free", () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, -1], [-2, 2])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([3, 1], [1, 2])).toBeCloseTo(cosineSimilarity([30, 10], [0.1, 0.2]), 14);
  });

  it("is 0 for a zero vector (Epoch's convention) and stays within [−1, 1]", () => {
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
    expect(Math.abs(cosineSimilarity([0.1, 0.2, 0.3], [0.1, 0.2, 0.3]))).toBeLessThanOrEqual(1);
    expect(angularDistance([1, 0], [0, 1])).toBeCloseTo(Math.PI / 2, 15);
  });
});
