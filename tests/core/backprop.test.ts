import { describe, expect, it } from "vitest";
import {
  backpropSquaredLoss,
  forward,
  numericalGradient,
  numericalGradientMatrix,
  squaredLoss,
  sumTimesGradients,
  twoLayerSigmoidGradients,
  type DenseLayer,
} from "../../exercises/core/index.ts";

describe("backpropagation", () => {
  it("reproduces the lecture's f(x, y, z) = (x + y)z example at (−2, 5, −4)", () => {
    expect(sumTimesGradients(-2, 5, -4)).toEqual({ f: -12, dx: -4, dy: -4, dz: 3 });
  });

  it("two-layer sigmoid gradients agree with finite differences for every parameter", () => {
    const x = [0.5, -1.2, 0.3];
    const y = [1, 0];
    const W1 = [
      [0.2, -0.4, 0.1],
      [0.7, 0.3, -0.5],
      [-0.6, 0.9, 0.4],
      [0.05, -0.2, 0.8],
    ];
    const b1 = [0.1, -0.2, 0.3, 0];
    const W2 = [
      [0.3, -0.8, 0.5, 0.2],
      [-0.1, 0.4, 0.6, -0.7],
    ];
    const b2 = [0.05, -0.05];
    const J = (w1: number[][], c1: number[], w2: number[][], c2: number[]) =>
      squaredLoss(
        forward(x, [
          { W: w1, b: c1, activation: "sigmoid" },
          { W: w2, b: c2, activation: "sigmoid" },
        ]),
        y,
      ).loss;
    const grads = twoLayerSigmoidGradients(x, y, W1, b1, W2, b2);
    const close = (a: number[][], b: number[][]) => a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i]![j]!, 8)));
    close(
      grads.dW1,
      numericalGradientMatrix((m) => J(m, b1, W2, b2), W1),
    );
    close(
      grads.dW2,
      numericalGradientMatrix((m) => J(W1, b1, m, b2), W2),
    );
    close([grads.db1], [numericalGradient((v) => J(W1, v, W2, b2), b1)]);
    close([grads.db2], [numericalGradient((v) => J(W1, b1, W2, v), b2)]);
    expect(grads.dW1).toHaveLength(4);
    expect(grads.dW1[0]).toHaveLength(3);
  });

  it("handles deeper networks with mixed activations", () => {
    const layers: DenseLayer[] = [
      {
        W: [
          [0.5, -0.3],
          [0.8, 0.1],
          [-0.4, 0.6],
        ],
        b: [0.1, 0, -0.1],
        activation: "tanh",
      },
      {
        W: [
          [0.2, -0.5, 0.4],
          [0.7, 0.3, -0.2],
        ],
        b: [0, 0.2],
        activation: "linear",
      },
      { W: [[0.6, -0.9]], b: [0.3], activation: "sigmoid" },
    ];
    const x = [0.4, -0.7];
    const y = [0.25];
    const { gradients } = backpropSquaredLoss(x, y, layers);
    layers.forEach((layer, l) => {
      const withW = (m: number[][]) =>
        squaredLoss(
          forward(
            x,
            layers.map((other, k) => (k === l ? { ...other, W: m } : other)),
          ),
          y,
        ).loss;
      const numeric = numericalGradientMatrix(withW, layer.W);
      gradients[l]!.dW.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(numeric[i]![j]!, 8)));
    });
  });

  it("gives zero gradients when the prediction equals the target", () => {
    const W1 = [[0.3, 0.2]];
    const W2 = [[0.5]];
    const yHat = forward(
      [1, 1],
      [
        { W: W1, b: [0], activation: "sigmoid" },
        { W: W2, b: [0], activation: "sigmoid" },
      ],
    );
    const grads = twoLayerSigmoidGradients([1, 1], yHat, W1, [0], W2, [0]);
    expect([...grads.dW1.flat(), ...grads.db1, ...grads.dW2.flat(), ...grads.db2].every((g) => g === 0)).toBe(true);
  });
});
