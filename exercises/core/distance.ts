import { assertShape } from "./assert.ts";
import { dot, norm, sub, type Vector } from "./vector.ts";

/** ‖a − b‖², the distance k-means minimises. */
export function squaredEuclidean(a: Vector, b: Vector): number {
  const d = sub(a, b);
  return dot(d, d);
}

export function euclidean(a: Vector, b: Vector): number {
  return Math.sqrt(squaredEuclidean(a, b));
}

export function manhattan(a: Vector, b: Vector): number {
  return sub(a, b).reduce((s, d) => s + Math.abs(d), 0);
}

/** cos θ = a·b / (‖a‖‖b‖); Epoch's convention: 0 when either vector is all zeros. */
export function cosineSimilarity(a: Vector, b: Vector): number {
  assertShape(a.length === b.length, `cosineSimilarity: vectors differ in length (${a.length} vs ${b.length})`);
  const denominator = norm(a) * norm(b);
  if (denominator === 0) return 0;
  // Rounding can push |cos| a hair past 1; clamp so acos stays defined.
  return Math.min(1, Math.max(-1, dot(a, b) / denominator));
}

/** θ = cos⁻¹(s), in radians. */
export function angularDistance(a: Vector, b: Vector): number {
  return Math.acos(cosineSimilarity(a, b));
}
