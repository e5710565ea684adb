import { describe, expect, it } from "vitest";
import { countParameters, ShapeError } from "../../exercises/core/index.ts";

describe("countParameters", () => {
  it("matches the lecture's 7,500 weights: [100, 50, 50], 100 inputs then layers of 50 and 50 units", () => {
    expect(countParameters([100, 50, 50], false)).toBe(7500);
  });

  it("matches the lecture's MNIST network 784-256-128-10 (≈ 235,000)", () => {
    expect(countParameters([784, 256, 128, 10], false)).toBe(234_752);
    expect(countParameters([784, 256, 128, 10], true)).toBe(235_146);
  });

  it("matches the lecture's baseball network with 64 hidden units: 1,345 parameters come from 19 inputs, not 20", () => {
    expect(countParameters([19, 64, 1], true)).toBe(1345);
    expect(countParameters([20, 64, 1], true)).toBe(1409);
  });

  it("an input layer alone has no parameters; sizes must be positive integers", () => {
    expect(countParameters([7], true)).toBe(0);
    expect(() => countParameters([3, 0], false)).toThrow(ShapeError);
  });
});
