import { forwardTrace, twoLayerSigmoidGradients } from "../../../core/index.ts";
import { defineCalculation } from "../../define.ts";
import { latexColumn, latexMatrix, latexNumber } from "../../latex.ts";

interface Values {
  readonly x: number[];
  readonly y: number;
  readonly W1: number[][];
  readonly b1: number[];
  readonly W2: number[][];
  readonly b2: number[];
  /** Which first-layer weight is asked for: hidden unit `unit`, input `input` (both from 0). */
  readonly unit: number;
  readonly input: number;
}

const gradients = (v: Values) => twoLayerSigmoidGradients(v.x, [v.y], v.W1, v.b1, v.W2, v.b2);

// Gradients can be a few ten-thousandths: a relative tolerance of 1% and an absolute one far below them.
const GRADIENT_TOLERANCE = { rtol: 1e-2, atol: 1e-6 };

export default defineCalculation<Values>({
  kind: "calculation",
  id: "backprop-one-weight",
  title: "Backpropagation: the gradient of one weight",
  summary: "Apply the chain rule through a two-layer sigmoid network to get the loss's gradient for one output weight and one hidden weight.",
  topics: ["backprop", "gradients", "neural-networks"],
  difficulty: "core",
  values(rng) {
    return {
      x: rng.vector(2, -1, 1, 1),
      y: rng.pick([0, 1]),
      W1: rng.matrix(2, 2, -2, 2, 1),
      b1: rng.vector(2, -0.5, 0.5, 1),
      W2: rng.matrix(1, 2, -2, 2, 1),
      b2: [rng.uniform(-0.5, 0.5, 1)],
      unit: rng.int(0, 1),
      input: rng.int(0, 1),
    };
  },
  show: (v) => ({
    x: latexColumn(v.x),
    y: v.y,
    W1: latexMatrix(v.W1),
    b1: latexColumn(v.b1),
    W2: latexMatrix(v.W2),
    b2: latexNumber(v.b2[0]!),
    i: v.unit + 1,
    j: v.input + 1,
    // The hidden activations, so that one slip early does not spoil both parts.
    h: latexColumn(forwardTrace(v.x, [{ W: v.W1, b: v.b1, activation: "sigmoid" }])[0]!.a.map((a) => Number(a.toFixed(4)))),
  }),
  parts: [
    {
      id: "output-weight",
      label: "$\\partial J / \\partial w^{(2)}_{1}$, the gradient of the first output weight",
      answer: { kind: "number", ...GRADIENT_TOLERANCE },
      solve: (v) => gradients(v).dW2[0]![0]!,
    },
    {
      id: "hidden-weight",
      label: "$\\partial J / \\partial w^{(1)}_{ij}$ for the hidden weight named in the statement",
      answer: { kind: "number", ...GRADIENT_TOLERANCE },
      points: 2,
      solve: (v) => gradients(v).dW1[v.unit]![v.input]!,
    },
  ],
});
