import { activation, numericalGradient, sigmoid, type ActivationName } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [z: number[], name: ActivationName];
interface Out {
  value: number[];
  derivative: number[];
}

function reference(z: readonly number[], name: ActivationName): Out {
  const g = activation(name);
  return { value: z.map((v) => g.value(v)), derivative: z.map((v) => g.derivative(v)) };
}

/** The reference everywhere except for one activation, which the mistake computes its own way. */
function mistaken(z: readonly number[], name: ActivationName, only: ActivationName, value: (v: number) => number, derivative: (v: number) => number): Out {
  if (name !== only) return reference(z, name);
  return { value: z.map(value), derivative: z.map(derivative) };
}

/**
 * Step and ReLU have no derivative at 0, where central differences measure the jump instead;
 * there the finite-difference oracle can only restate the course's convention (0).
 */
const KINK_CONVENTION: Partial<Record<ActivationName, number>> = { step: 0, relu: 0 };
/** Inputs have two decimals, so any |v| below this is exactly the kink. */
const KINK_WIDTH = 1e-3;

/** Values on both sides of 0 but never at it, so the visible tests stay away from the kinks. */
function awayFromZero(rng: Rng, count: number, max: number): number[] {
  return rng.shuffle(Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 1 : -1) * rng.uniform(0.1, max)));
}

export default defineExercise<Args, Out>({
  id: "activation-derivatives",
  title: "Activation functions and their derivatives",
  summary: "Evaluate the step, sigmoid, tanh, ReLU and linear activations and their derivatives g'(z), elementwise, as backpropagation needs them.",
  topics: ["neural-networks", "activations", "derivatives", "backprop"],
  difficulty: "warm-up",
  entry: "activate",
  params: ["z", "name"],
  picture: "activation-curves",
  output: out.object({ value: out.vector(), derivative: out.vector() }),
  cases(rng) {
    const visible: TestCase<Args>[] = [
      { name: "sigmoid at negative, zero and positive inputs", args: [rng.shuffle([0, ...rng.vector(4, -4, 4)]), "sigmoid"] },
      { name: "tanh at negative and positive inputs", args: [rng.vector(5, -3, 3), "tanh"] },
      { name: "ReLU away from 0", args: [awayFromZero(rng, 5, 3), "relu"] },
      { name: "step away from 0", args: [awayFromZero(rng, 4, 3), "step"] },
    ];
    const hidden: TestCase<Args>[] = [
      { name: "step at exactly 0", args: [rng.shuffle([0, ...awayFromZero(rng, 3, 2)]), "step"] },
      { name: "ReLU at exactly 0", args: [rng.shuffle([0, ...awayFromZero(rng, 3, 2)]), "relu"] },
      { name: "sigmoid saturating at large |z|", args: [rng.shuffle([-40, 40, rng.uniform(-35, -10), rng.uniform(10, 35)]), "sigmoid"] },
      { name: "tanh saturating at large |z|", args: [rng.shuffle([-40, 40, 0, rng.uniform(-35, -10), rng.uniform(10, 35)]), "tanh"] },
      { name: "ReLU and its derivative at large |z|", args: [[-40, 40, rng.uniform(-35, -10), rng.uniform(10, 35)], "relu"] },
      { name: "sigmoid at |z| in the hundreds", args: [rng.shuffle([-800, -300, 300, 800, rng.uniform(-700, -100), rng.uniform(100, 700)]), "sigmoid"] },
      { name: "tanh at |z| in the hundreds", args: [rng.shuffle([-800, -300, 300, 800, rng.uniform(-700, -100), rng.uniform(100, 700)]), "tanh"] },
      { name: "linear activation", args: [rng.shuffle([0, ...rng.vector(4, -5, 5)]), "linear"] },
      { name: "sigmoid derivative at many points", args: [rng.vector(8, -6, 6), "sigmoid"] },
      { name: "tanh at 0 and near 0", args: [rng.shuffle([0, ...rng.vector(3, -0.5, 0.5)]), "tanh"] },
      { name: "a single input", args: [[rng.uniform(-2, 2)], rng.pick(["sigmoid", "tanh"] as const)] },
    ];
    return { visible, hidden };
  },
  solve([z, name]) {
    return reference(z, name);
  },
  finiteDifference([z, name]) {
    const g = activation(name);
    const kink = KINK_CONVENTION[name];
    return {
      value: z.map((v) => g.value(v)),
      derivative: z.map((v) => (kink !== undefined && Math.abs(v) < KINK_WIDTH ? kink : numericalGradient((p) => g.value(p[0]!), [v])[0]!)),
    };
  },
  mistakes: [
    {
      id: "sigmoid-derivative-is-sigmoid",
      hint: "Your sigmoid derivative equals σ(z) itself. Differentiate σ(z) = 1/(1 + e^(−z)) again: the result can be written with σ(z), but it is not σ(z) alone.",
      solve: ([z, name]) => mistaken(z, name, "sigmoid", sigmoid, sigmoid),
    },
    {
      id: "sigmoid-derivative-overflow",
      hint: "Your sigmoid derivative is NaN for large positive z: e^z overflows to Infinity there (from z ≈ 710 on), and Infinity/Infinity is NaN. Write σ'(z) = σ(z)(1 − σ(z)) with a σ that never exponentiates a large positive number, e.g. 1/(1 + e^(−z)) for z ≥ 0.",
      // The derivative straight from e^z/(1 + e^z)², the value computed safely.
      solve: ([z, name]) => mistaken(z, name, "sigmoid", sigmoid, (v) => Math.exp(v) / (1 + Math.exp(v)) ** 2),
    },
    {
      id: "tanh-derivative-no-square",
      hint: "Your tanh derivative matches 1 − tanh(z). Check the power of tanh(z) in its derivative (d/dz tanh z = 1/cosh² z).",
      solve: ([z, name]) => mistaken(z, name, "tanh", Math.tanh, (v) => 1 - Math.tanh(v)),
    },
    {
      id: "relu-derivative-one-at-zero",
      hint: "At z = 0 your ReLU derivative is 1. ReLU has a kink there; this course's convention is g'(0) = 0 (the derivative is 1 only for z > 0).",
      solve: ([z, name]) =>
        mistaken(
          z,
          name,
          "relu",
          (v) => Math.max(0, v),
          (v) => (v >= 0 ? 1 : 0),
        ),
    },
    {
      id: "step-zero-at-zero",
      hint: "At z = 0 your step function gives 0. The lectures' threshold unit is f(z) = 1 if z ≥ 0, otherwise 0: check the comparison.",
      solve: ([z, name]) =>
        mistaken(
          z,
          name,
          "step",
          (v) => (v > 0 ? 1 : 0),
          () => 0,
        ),
    },
  ],
});
