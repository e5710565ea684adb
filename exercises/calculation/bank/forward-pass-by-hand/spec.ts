import { forward, forwardTrace, type DenseLayer } from "../../../core/index.ts";
import { defineCalculation } from "../../define.ts";
import { latexColumn, latexMatrix, latexNumber } from "../../latex.ts";

interface Values {
  readonly x: number[];
  readonly W1: number[][];
  readonly b1: number[];
  readonly W2: number[][];
  readonly b2: number[];
}

const layers = (v: Values): DenseLayer[] => [
  { W: v.W1, b: v.b1, activation: "relu" },
  { W: v.W2, b: v.b2, activation: "linear" },
];

export default defineCalculation<Values>({
  kind: "calculation",
  id: "forward-pass-by-hand",
  title: "Forward pass by hand",
  summary: "Compute a small ReLU network's hidden activations and output for one input, by hand.",
  topics: ["neural-networks", "forward-pass", "activations"],
  difficulty: "warm-up",
  values(rng) {
    // Small integers keep the arithmetic on paper; one hidden unit is usually negative before ReLU.
    return {
      x: [rng.int(-2, 3), rng.int(-2, 3)],
      W1: [
        [rng.int(-3, 3), rng.int(-3, 3)],
        [rng.int(-3, 3), rng.int(-3, 3)],
      ],
      b1: [rng.int(-2, 2), rng.int(-2, 2)],
      W2: [[rng.int(-3, 3), rng.int(-3, 3)]],
      b2: [rng.int(-2, 2)],
    };
  },
  show: (v) => ({ x: latexColumn(v.x), W1: latexMatrix(v.W1), b1: latexColumn(v.b1), W2: latexMatrix(v.W2), b2: latexNumber(v.b2[0]!) }),
  parts: [
    { id: "hidden", label: "The hidden activations $\\mathbf{h} = (h_1, h_2)$", answer: { kind: "vector", length: 2 }, solve: (v) => forwardTrace(v.x, layers(v))[0]!.a },
    { id: "output", label: "The network's output $\\hat{y}$", answer: { kind: "number" }, points: 2, solve: (v) => forward(v.x, layers(v))[0]! },
  ],
});
