import { assertShape } from "./assert.ts";
import { dot, type Vector } from "./vector.ts";

/** A dense matrix stored as rows: m[i][j] is row i, column j. */
export type Matrix = readonly Vector[];

export function shape(m: Matrix): [rows: number, cols: number] {
  const cols = m[0]?.length ?? 0;
  assertShape(
    m.every((row) => row.length === cols),
    "matrix rows differ in length",
  );
  return [m.length, cols];
}

export function zerosMatrix(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** W·v for W of shape (out × in) and v of length in. */
export function matVec(w: Matrix, v: Vector): number[] {
  const [, cols] = shape(w);
  assertShape(cols === v.length, `matVec: matrix has ${cols} columns but the vector has ${v.length} entries`);
  return w.map((row) => dot(row, v));
}

export function transpose(m: Matrix): number[][] {
  const [rows, cols] = shape(m);
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => m[i]![j]!));
}

/** Outer product a·bᵀ: entry (i, j) is a[i]·b[j]. */
export function outer(a: Vector, b: Vector): number[][] {
  return a.map((ai) => b.map((bj) => ai * bj));
}
