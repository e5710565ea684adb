import { countParameters } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [layerSizes: number[], includeBias: boolean];

/** Input width, `hidden` hidden widths and an output width, each in [min, max]. */
function randomSizes(rng: Rng, hidden: number, min: number, max: number): number[] {
  return Array.from({ length: hidden + 2 }, () => rng.int(min, max));
}

const sumOf = (sizes: readonly number[]) => sizes.reduce((total, n) => total + n, 0);

export default defineExercise<Args, number>({
  id: "mlp-parameter-count",
  title: "Counting the parameters of a fully connected network",
  summary: "Count the weights (and optionally the biases) of a multilayer perceptron from its layer widths.",
  topics: ["neural-networks", "mlp", "parameters"],
  difficulty: "warm-up",
  entry: "countParameters",
  params: ["layerSizes", "includeBias"],
  output: out.integer(),
  cases(rng) {
    const visible: TestCase<Args>[] = [
      { name: "lecture: 100 inputs, then layers of 50 and 50 units, weights only", args: [[100, 50, 50], false] },
      { name: "lecture: MNIST network 784-256-128-10, weights only", args: [[784, 256, 128, 10], false] },
      { name: "lecture: MNIST network 784-256-128-10, with biases", args: [[784, 256, 128, 10], true] },
      { name: "lecture: baseball network 19-64-1, with biases", args: [[19, 64, 1], true] },
      { name: "baseball network with all 20 variables as inputs (20-64-1), with biases", args: [[20, 64, 1], true] },
      { name: "one hidden layer, with biases", args: [randomSizes(rng, 1, 2, 30), true] },
    ];
    const hidden: TestCase<Args>[] = [
      { name: "only an input layer, weights only", args: [[rng.int(1, 50)], false] },
      { name: "only an input layer, with biases", args: [[rng.int(1, 50)], true] },
      { name: "a single layer (inputs straight to outputs), weights only", args: [randomSizes(rng, 0, 1, 40), false] },
      { name: "a single layer (inputs straight to outputs), with biases", args: [randomSizes(rng, 0, 1, 40), true] },
      { name: "one unit per layer, with biases", args: [[1, 1, 1, 1], true] },
      { name: "deep narrow network, with biases", args: [randomSizes(rng, rng.int(6, 9), 1, 4), true] },
      { name: "deep narrow network, weights only", args: [randomSizes(rng, rng.int(6, 9), 1, 4), false] },
      { name: "wide network, with biases", args: [[rng.int(500, 2000), rng.int(1000, 4000), rng.int(2, 20)], true] },
      { name: "widening then narrowing, weights only", args: [[rng.int(2, 8), rng.int(50, 200), rng.int(50, 200), rng.int(2, 8)], false] },
      { name: "several hidden layers, with biases", args: [randomSizes(rng, rng.int(2, 4), 5, 100), true] },
    ];
    return { visible, hidden };
  },
  solve([layerSizes, includeBias]) {
    return countParameters(layerSizes, includeBias);
  },
  mistakes: [
    {
      id: "ignores-include-bias",
      hint: "Your count leaves out the biases although includeBias is true. With biases, every unit after the input layer has one bias of its own, on top of its incoming weights.",
      solve: ([layerSizes]) => countParameters(layerSizes, false),
    },
    {
      id: "always-counts-biases",
      hint: "Your count includes biases although includeBias is false: then only the weights count.",
      solve: ([layerSizes]) => countParameters(layerSizes, true),
    },
    {
      id: "bias-on-input-layer",
      hint: "Your count gives the input layer biases too. The inputs are data, not units that compute anything: only the hidden and output units have a bias.",
      solve: ([layerSizes, includeBias]) => countParameters(layerSizes, includeBias) + (includeBias ? (layerSizes[0] ?? 0) : 0),
    },
    {
      id: "counts-units",
      hint: "Your count matches the number of units (neurons), not of parameters. Every connection between two consecutive layers has its own weight: a layer of n_out units fed by n_in values has n_in·n_out weights.",
      solve: ([layerSizes]) => sumOf(layerSizes),
    },
    {
      id: "skips-output-layer",
      hint: "Your count misses the weights into the output layer: a network with L widths has L − 1 weight matrices, one between each pair of consecutive layers, the last one included.",
      solve: ([layerSizes, includeBias]) => countParameters(layerSizes.slice(0, -1), includeBias),
    },
  ],
});
