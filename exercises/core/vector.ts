import { assertShape } from "./assert.ts";

export type Vector = readonly number[];

function assertSameLength(a: Vector, b: Vector, op: string): void {
  assertShape(a.length === b.length, `${op}: vectors differ in length (${a.length} vs ${b.length})`);
}

export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

export function add(a: Vector, b: Vector): number[] {
  assertSameLength(a, b, "add");
  return a.map((v, i) => v + b[i]!);
}

export function sub(a: Vector, b: Vector): number[] {
  assertSameLength(a, b, "sub");
  return a.map((v, i) => v - b[i]!);
}

export function scale(a: Vector, k: number): number[] {
  return a.map((v) => v * k);
}

/** Elementwise product a ∘ b. */
export function hadamard(a: Vector, b: Vector): number[] {
  assertSameLength(a, b, "hadamard");
  return a.map((v, i) => v * b[i]!);
}

export function dot(a: Vector, b: Vector): number {
  assertSameLength(a, b, "dot");
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

export function sum(a: Vector): number {
  let total = 0;
  for (const v of a) total += v;
  return total;
}

/** Euclidean (L2) norm ‖a‖. */
export function norm(a: Vector): number {
  return Math.sqrt(dot(a, a));
}

/** Mean of several vectors of equal length. */
export function mean(vectors: readonly Vector[]): number[] {
  assertShape(vectors.length > 0, "mean: needs at least one vector");
  const total = zeros(vectors[0]!.length);
  for (const v of vectors) {
    assertSameLength(total, v, "mean");
    for (let i = 0; i < v.length; i++) total[i]! += v[i]!;
  }
  return scale(total, 1 / vectors.length);
}
