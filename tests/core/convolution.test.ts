import { describe, expect, it } from "vitest";
import { conv2dValid, maxPool2d, ShapeError } from "../../exercises/core/index.ts";

describe("convolution and pooling", () => {
  // The lecture slides a 3×3 diagonal filter over a digit image; this is a small cut of that stroke.
  const image = [
    [0, 0, 0, 0, 0],
    [0, 0.6, 1, 0, 0],
    [0, 0, 0.6, 1, 0],
    [0, 0, 0, 0.6, 1],
  ];
  const diagonal = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];

  it("slides the filter without flipping it, output (H − kh + 1) × (W − kw + 1)", () => {
    const map = conv2dValid(image, diagonal);
    expect(map).toHaveLength(2);
    expect(map[0]).toHaveLength(3);
    expect(map[1]![1]).toBeCloseTo(0.6 + 0.6 + 0.6, 12); // the filter sits on the stroke
    expect(map[0]![1]).toBeCloseTo(0 + 1 + 1, 12);
    // An asymmetric filter tells correlation from convolution.
    expect(
      conv2dValid(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 0],
          [0, 0],
        ],
      ),
    ).toEqual([[1]]);
  });

  it("max-pools with stride equal to the window, dropping windows past the edge", () => {
    const map = [
      [1, 3, 2, 0, 9],
      [4, 2, 1, 5, 9],
      [0, 1, 7, 1, 9],
    ];
    expect(maxPool2d(map, 2)).toEqual([[4, 5]]);
    expect(maxPool2d(map, 2, 1)).toEqual([
      [4, 3, 5, 9],
      [4, 7, 7, 9],
    ]);
  });

  it("refuses a filter larger than the image", () => {
    expect(() => conv2dValid([[1]], diagonal)).toThrow(ShapeError);
  });
});
