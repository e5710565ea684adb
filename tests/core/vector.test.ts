import { describe, expect, it } from "vitest";
import { add, dot, hadamard, matVec, mean, norm, outer, ShapeError, shape, sub, transpose } from "../../exercises/core/index.ts";

describe("vectors and matrices", () => {
  it("elementwise operations and reductions", () => {
    expect(add([1, 2], [3, 4])).toEqual([4, 6]);
    expect(sub([1, 2], [3, 4])).toEqual([-2, -2]);
    expect(hadamard([1, 2], [3, 4])).toEqual([3, 8]);
    expect(dot([1, 2], [3, 4])).toBe(11);
    expect(norm([3, 4])).toBe(5);
    expect(
      mean([
        [0, 2],
        [2, 4],
      ]),
    ).toEqual([1, 3]);
  });

  it("W·v uses one row of W per output", () => {
    expect(
      matVec(
        [
          [1, 0, 2],
          [0, 1, -1],
        ],
        [1, 2, 3],
      ),
    ).toEqual([7, -1]);
    expect(
      transpose([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(outer([1, 2], [3, 4, 5])).toEqual([
      [3, 4, 5],
      [6, 8, 10],
    ]);
    expect(
      shape([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([2, 3]);
  });

  it("refuses mismatched and ragged shapes", () => {
    expect(() => dot([1], [1, 2])).toThrow(ShapeError);
    expect(() => matVec([[1, 2]], [1, 2, 3])).toThrow("matrix has 2 columns but the vector has 3 entries");
    expect(() => shape([[1, 2], [3]])).toThrow("matrix rows differ in length");
  });
});
