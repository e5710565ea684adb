import {
  activation,
  add,
  forward,
  hadamard,
  matVec,
  numericalGradient,
  numericalGradientMatrix,
  outer,
  sigmoid,
  squaredLoss,
  sub,
  transpose,
  twoLayerSigmoidGradients,
  type DenseLayer,
} from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [x: number[], y: number[], W1: number[][], b1: number[], W2: number[][], b2: number[]];
type Gradients = { dW1: number[][]; db1: number[]; dW2: number[][]; db2: number[] };

function network(W1: number[][], b1: number[], W2: number[][], b2: number[]): DenseLayer[] {
  return [
    { W: W1, b: b1, activation: "sigmoid" },
    { W: W2, b: b2, activation: "sigmoid" },
  ];
}

/** J = ½ Σ (ŷ − y)² for the given parameters. */
function loss(x: number[], y: number[], W1: number[][], b1: number[], W2: number[][], b2: number[]): number {
  return squaredLoss(forward(x, network(W1, b1, W2, b2)), y).loss;
}

interface Scales {
  readonly x?: number;
  readonly W1?: number;
}

/** A network with `inputs` → `hidden` → `outputs` units, a random input and a random target in [0, 1]. */
function randomCase(rng: Rng, inputs: number, hidden: number, outputs: number, scale: Scales = {}): Args {
  const x = rng.vector(inputs, -(scale.x ?? 2), scale.x ?? 2);
  const y = rng.vector(outputs, 0, 1);
  const W1 = rng.matrix(hidden, inputs, -(scale.W1 ?? 2), scale.W1 ?? 2);
  const b1 = rng.vector(hidden, -1, 1);
  const W2 = rng.matrix(outputs, hidden, -2, 2);
  const b2 = rng.vector(outputs, -1, 1);
  return [x, y, W1, b1, W2, b2];
}

/** Which σ' a mistaken backward pass multiplies by: σ'(z), nothing, or σ' taken at the activation a = σ(z). */
type Slope = "at-z" | "none" | "at-a";

interface Slips {
  /** Multiplies ∂J/∂ŷ = ŷ − y: −1 for y − ŷ, 2 for a forgotten ½. */
  readonly errorFactor?: number;
  readonly outputSlope?: Slope;
  readonly hiddenSlope?: Slope;
  /** δ₁ from W2·δ₂ instead of W2ᵀ·δ₂ (only defined when W2 is square). */
  readonly untransposedW2?: boolean;
  /** ∂J/∂W as a_prev·δᵀ (inputs × units) instead of δ·a_prevᵀ. */
  readonly transposedWeightGradients?: boolean;
}

const sigmoidPrime = activation("sigmoid").derivative;

function slopes(z: number[], kind: Slope): number[] {
  switch (kind) {
    case "at-z":
      return z.map(sigmoidPrime);
    case "none":
      return z.map(() => 1);
    case "at-a":
      return z.map((v) => sigmoidPrime(sigmoid(v)));
  }
}

/** The backward pass with the given slips; with none it is the correct one (the mistakes differ only there). */
function backpropWith([x, y, W1, b1, W2, b2]: Args, slips: Slips): Gradients {
  const z1 = add(matVec(W1, x), b1);
  const h = z1.map(sigmoid);
  const z2 = add(matVec(W2, h), b2);
  const yHat = z2.map(sigmoid);
  const error = sub(yHat, y).map((e) => (slips.errorFactor ?? 1) * e);
  const delta2 = hadamard(error, slopes(z2, slips.outputSlope ?? "at-z"));
  // matVec throws on a non-square W2, so that mistake is only recognised where it is defined.
  const upstream = slips.untransposedW2 ? matVec(W2, delta2) : matVec(transpose(W2), delta2);
  const delta1 = hadamard(upstream, slopes(z1, slips.hiddenSlope ?? "at-z"));
  const weightGradient = (delta: number[], input: number[]) => (slips.transposedWeightGradients ? outer(input, delta) : outer(delta, input));
  return { dW1: weightGradient(delta1, x), db1: delta1, dW2: weightGradient(delta2, h), db2: delta2 };
}

export default defineExercise<Args, Gradients>({
  id: "backprop-gradients",
  title: "Backpropagation through a two-layer sigmoid network",
  summary: "Compute the gradients of the squared loss with respect to every weight and bias of a two-layer sigmoid network by backpropagation.",
  topics: ["backprop", "neural-networks", "gradients", "chain-rule"],
  difficulty: "core",
  entry: "backprop",
  params: ["x", "y", "W1", "b1", "W2", "b2"],
  picture: "gradient-heatmaps",
  // A handful of multiply-adds per entry: any correct ordering agrees to ~1e-15 relative. The
  // absolute 1e-9 only matters for entries that vanish (a saturated σ' or a zero input).
  output: out.object({
    dW1: out.matrix({ rtol: 1e-6, atol: 1e-9 }),
    db1: out.vector({ rtol: 1e-6, atol: 1e-9 }),
    dW2: out.matrix({ rtol: 1e-6, atol: 1e-9 }),
    db2: out.vector({ rtol: 1e-6, atol: 1e-9 }),
  }),
  cases(rng) {
    const visible: TestCase<Args>[] = [
      {
        name: "lecture network (2 → 2 → 1) with sigmoid units at x = (1, 0), target 1",
        args: [
          [1, 0],
          [1],
          [
            [2, -3],
            [1, 4],
          ],
          [0, 0],
          [[2, -1]],
          [0],
        ],
      },
      { name: "3 inputs, 4 hidden units, 2 outputs", args: randomCase(rng.fork("3-4-2"), 3, 4, 2) },
      { name: "2 inputs, 3 hidden units, 3 outputs", args: randomCase(rng.fork("2-3-3"), 2, 3, 3) },
    ];

    const [xFit, , W1Fit, b1Fit, W2Fit, b2Fit] = randomCase(rng.fork("fit"), 3, 3, 2);
    // The target is the network's own prediction, so every gradient is zero.
    const perfectFit: Args = [xFit, forward(xFit, network(W1Fit, b1Fit, W2Fit, b2Fit)), W1Fit, b1Fit, W2Fit, b2Fit];
    const [, , W1Zero, b1Zero, W2Zero, b2Zero] = randomCase(rng.fork("zero-input"), 3, 2, 2);
    const saturating = rng.fork("saturated-output");
    const [xs, , W1s, b1s] = randomCase(saturating, 2, 3, 2);
    // Each output's weights and bias share one sign, so with 0 < h < 1 we get 4 ≤ |z₂| ≤ 12 and σ'(z₂) ≤ 0.02.
    const signs = [1, -1].map((s) => (saturating.bool() ? s : -s));
    const W2s = signs.map((s) => saturating.vector(3, 1, 2).map((w) => s * w));
    const b2s = signs.map((s) => s * saturating.uniform(4, 6));
    // Targets opposite to the saturated predictions: a large error whose gradient still nearly vanishes.
    const oppositeTargets = signs.map((s) => (s > 0 ? 0 : 1));

    const [xb, yb, W1b, b1b, W2b, b2b] = randomCase(rng.fork("binary"), 4, 3, 2);

    const hidden: TestCase<Args>[] = [
      { name: "prediction equal to the target (all gradients zero)", args: perfectFit },
      { name: "saturated hidden units (large first-layer weights)", args: randomCase(rng.fork("saturated-hidden"), 3, 4, 2, { x: 3, W1: 8 }) },
      { name: "saturated output units far from their targets", args: [xs, oppositeTargets, W1s, b1s, W2s, b2s] },
      { name: "a single hidden unit", args: randomCase(rng.fork("single-hidden"), 3, 1, 2) },
      { name: "more outputs than hidden units", args: randomCase(rng.fork("wide-output"), 4, 2, 3) },
      { name: "a single input", args: randomCase(rng.fork("single-input"), 1, 3, 1) },
      { name: "zero input vector", args: [[0, 0, 0], rng.fork("zero-target").vector(2, 0, 1), W1Zero, b1Zero, W2Zero, b2Zero] },
      { name: "wider network (6 inputs, 5 hidden units, 4 outputs)", args: randomCase(rng.fork("6-5-4"), 6, 5, 4) },
      { name: "square layers (3 → 3 → 3)", args: randomCase(rng.fork("3-3-3"), 3, 3, 3) },
      { name: "targets of exactly 0 and 1", args: [xb, yb.map((t) => Math.round(t)), W1b, b1b, W2b, b2b] },
    ];
    return { visible, hidden };
  },
  solve([x, y, W1, b1, W2, b2]) {
    return twoLayerSigmoidGradients(x, y, W1, b1, W2, b2);
  },
  finiteDifference([x, y, W1, b1, W2, b2]) {
    return {
      dW1: numericalGradientMatrix((W) => loss(x, y, W, b1, W2, b2), W1),
      db1: numericalGradient((b) => loss(x, y, W1, b, W2, b2), b1),
      dW2: numericalGradientMatrix((W) => loss(x, y, W1, b1, W, b2), W2),
      db2: numericalGradient((b) => loss(x, y, W1, b1, W2, b), b2),
    };
  },
  mistakes: [
    {
      // ∂J/∂ŷ enters every gradient linearly, so negating it negates all four: the whole-sign flip.
      id: "wrong-sign",
      hint: "Every gradient has the opposite sign. For J = ½ Σ (ŷ − y)², ∂J/∂ŷ = ŷ − y (prediction minus target), not the lecture's y − ŷ, so δ₂ = (ŷ − y) ∘ ŷ ∘ (1 − ŷ): return the gradient itself, not the descent direction −∇J.",
      solve: (args) => backpropWith(args, { errorFactor: -1 }),
    },
    {
      id: "missing-half",
      hint: "Every gradient is twice too large: the loss has a factor ½, so ∂J/∂ŷ = ŷ − y, with no factor 2.",
      solve: (args) => backpropWith(args, { errorFactor: 2 }),
    },
    {
      id: "no-output-sigmoid-derivative",
      hint: "Your gradients miss the output sigmoid's derivative: ŷ = σ(z₂), so ∂J/∂z₂ = (ŷ − y) ∘ σ'(z₂), with σ'(z) = σ(z)(1 − σ(z)).",
      solve: (args) => backpropWith(args, { outputSlope: "none" }),
    },
    {
      id: "no-hidden-sigmoid-derivative",
      hint: "dW2 and db2 are right, but dW1 and db1 miss the hidden sigmoid's derivative: h = σ(z₁), so the gradient passed back to z₁ must be multiplied, entry by entry, by σ'(z₁) = h ∘ (1 − h).",
      solve: (args) => backpropWith(args, { hiddenSlope: "none" }),
    },
    {
      id: "no-sigmoid-derivative",
      hint: "Your gradients are those of a network without activation functions: at both layers, multiply the gradient reaching z by σ'(z) = σ(z)(1 − σ(z)) before using it.",
      solve: (args) => backpropWith(args, { outputSlope: "none", hiddenSlope: "none" }),
    },
    {
      id: "sigmoid-derivative-of-activation",
      hint: "You applied σ' to the activation instead of the pre-activation: σ'(z) = σ(z)(1 − σ(z)) = a(1 − a) where a = σ(z) is already the unit's output. Computing σ(a)(1 − σ(a)) applies the sigmoid twice.",
      solve: (args) => backpropWith(args, { outputSlope: "at-a", hiddenSlope: "at-a" }),
    },
    {
      id: "transposed-weight-gradients",
      hint: "Your weight gradients are transposed. ∂J/∂W must have W's shape (one row per unit, units × inputs): ∂J/∂W[i][j] = δ[i]·a_prev[j], i.e. ∂J/∂W = δ·a_prevᵀ, where δ = ∂J/∂z of the layer and a_prev its input.",
      solve: (args) => backpropWith(args, { transposedWeightGradients: true }),
    },
    {
      id: "hidden-delta-untransposed-w2",
      hint: "dW2 and db2 are right, but the error sent back to the hidden layer is not. Hidden unit j feeds every output k through W2[k][j], so it receives Σₖ W2[k][j]·δ₂[k]: that is W2ᵀ·δ₂, not W2·δ₂.",
      solve: (args) => backpropWith(args, { untransposedW2: true }),
    },
  ],
});
