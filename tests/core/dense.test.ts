import { describe, expect, it } from "vitest";
import { denseForward, forward, forwardTrace, ShapeError } from "../../exercises/core/index.ts";

// Lecture 11 (IIT Palakkad): w13 = 2, w23 = −3, w14 = 1, w24 = 4, w35 = 2, w45 = −1, step units, x = (1, 0).
const lectureNetwork = [
  {
    W: [
      [2, -3],
      [1, 4],
    ],
    b: [0, 0],
    activation: "step" as const,
  },
  { W: [[2, -1]], b: [0], activation: "step" as const },
];

describe("dense forward pass", () => {
  it("reproduces the lecture's step-network example step by step", () => {
    const [hidden, output] = forwardTrace([1, 0], lectureNetwork);
    expect(hidden!.z).toEqual([2, 1]); // a3 = 2, a4 = 1
    expect(hidden!.a).toEqual([1, 1]); // h3 = h4 = 1
    expect(output!.z).toEqual([1]); // a5 = 2·1 − 1·1
    expect(forward([1, 0], lectureNetwork)).toEqual([1]);
  });

  it("adds the bias before the activation", () => {
    expect(denseForward({ W: [[1, 1]], b: [-3], activation: "relu" }, [1, 1]).a).toEqual([0]);
    expect(denseForward({ W: [[1, 1]], b: [0.5], activation: "linear" }, [1, 1]).a).toEqual([2.5]);
  });

  it("rejects mismatched shapes loudly", () => {
    expect(() => denseForward({ W: [[1, 2, 3]], b: [0], activation: "linear" }, [1, 2])).toThrow(ShapeError);
    expect(() => denseForward({ W: [[1, 2]], b: [0, 1], activation: "linear" }, [1, 2])).toThrow("W has 1 rows but b has 2 entries");
  });
});
