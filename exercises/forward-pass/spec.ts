import { activation, forward, matVec, transpose, type ActivationName, type DenseLayer } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Layer = { W: number[][]; b: number[]; activation: ActivationName };
type Args = [x: number[], layers: Layer[]];

function randomLayer(rng: Rng, inputs: number, units: number, act: ActivationName): Layer {
  return { W: rng.matrix(units, inputs, -2, 2), b: rng.vector(units, -1, 1), activation: act };
}

function randomNetwork(rng: Rng, sizes: number[], acts: ActivationName[]): Layer[] {
  return acts.map((act, l) => randomLayer(rng, sizes[l]!, sizes[l + 1]!, act));
}

/** Same network, each layer computed by `layerOutput`: the mistakes differ only there. */
function forwardWith(x: number[], layers: Layer[], layerOutput: (layer: Layer, input: number[]) => number[]): number[] {
  return layers.reduce<number[]>((input, layer) => layerOutput(layer, input), x);
}

export default defineExercise<Args, number[]>({
  id: "forward-pass",
  title: "Forward pass through a dense network",
  summary: "Compute a fully connected network's output layer by layer: a = g(W·a_prev + b).",
  topics: ["neural-networks", "forward-pass", "activations"],
  difficulty: "core",
  entry: "forward",
  params: ["x", "layers"],
  picture: "network-forward",
  output: out.vector({ rtol: 1e-6, atol: 1e-9 }),
  cases(rng) {
    const visible: TestCase<Args>[] = [
      {
        name: "lecture example: step network at x = (1, 0)",
        args: [
          [1, 0],
          [
            {
              W: [
                [2, -3],
                [1, 4],
              ],
              b: [0, 0],
              activation: "step",
            },
            { W: [[2, -1]], b: [0], activation: "step" },
          ],
        ],
      },
      { name: "square sigmoid layer, 3 inputs → 3 units", args: [rng.vector(3, -2, 2), randomNetwork(rng, [3, 3], ["sigmoid"])] },
      { name: "tanh hidden layer, linear output (2 → 4 → 3)", args: [rng.vector(2, -2, 2), randomNetwork(rng, [2, 4, 3], ["tanh", "linear"])] },
    ];
    const hidden: TestCase<Args>[] = [
      {
        name: "step activation at exactly v = 0",
        // Unit 1: 2·1 + (−1)·2 + 0 = 0, and f(0) = 1; unit 2: 1 + 2 − 1 = 2.
        args: [
          [1, 2],
          [
            {
              W: [
                [2, -1],
                [1, 1],
              ],
              b: [0, -1],
              activation: "step",
            },
          ],
        ],
      },
      { name: "ReLU layers with negative pre-activations (4 → 5 → 3)", args: [rng.vector(4, -3, 3), randomNetwork(rng, [4, 5, 3], ["relu", "relu"])] },
      { name: "five layers, every activation", args: [rng.vector(3), randomNetwork(rng, [3, 4, 4, 3, 3, 2], ["sigmoid", "tanh", "relu", "linear", "sigmoid"])] },
      { name: "one input, one unit", args: [[rng.uniform(-3, 3)], randomNetwork(rng, [1, 1], ["linear"])] },
      { name: "wide then narrow (6 → 2 → 5)", args: [rng.vector(6, -2, 2), randomNetwork(rng, [6, 2, 5], ["sigmoid", "tanh"])] },
      {
        name: "large pre-activations (saturating sigmoid)",
        args: [rng.vector(3, 5, 20), randomNetwork(rng, [3, 3], ["sigmoid"]).map((l) => ({ ...l, W: l.W.map((r) => r.map((w) => w * 10)) }))],
      },
    ];
    return { visible, hidden };
  },
  solve([x, layers]) {
    return forward(x, layers as DenseLayer[]);
  },
  mistakes: [
    {
      id: "missing-bias",
      hint: "Your output matches a network without biases: each layer computes g(W·a + b), so add b before applying the activation.",
      solve: ([x, layers]) => forwardWith(x, layers, (layer, input) => matVec(layer.W, input).map(activation(layer.activation).value)),
    },
    {
      id: "transposed-weights",
      hint: "Your output matches using W transposed. W has one row per output unit (shape out × in): unit i computes Σⱼ W[i][j]·a[j].",
      solve: ([x, layers]) =>
        forwardWith(x, layers, (layer, input) => {
          const g = activation(layer.activation);
          return matVec(transpose(layer.W), input).map((v, i) => g.value(v + layer.b[i]!));
        }),
    },
    {
      id: "step-strict-inequality",
      hint: "At v = 0 the step activation gives 1: f(v) = 1 if v ≥ 0, otherwise 0.",
      solve: ([x, layers]) =>
        forwardWith(x, layers, (layer, input) => {
          const g = layer.activation === "step" ? (v: number) => (v > 0 ? 1 : 0) : activation(layer.activation).value;
          return matVec(layer.W, input).map((v, i) => g(v + layer.b[i]!));
        }),
    },
    {
      id: "no-activation",
      hint: "Your output matches the network with no activation functions: apply each layer's activation to W·a + b.",
      solve: ([x, layers]) => forwardWith(x, layers, (layer, input) => matVec(layer.W, input).map((v, i) => v + layer.b[i]!)),
    },
  ],
});
