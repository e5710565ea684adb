import { numericalGradient, sumTimesGradients } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";

type Args = [x: number, y: number, z: number];
type Gradients = { dx: number; dy: number; dz: number };

export default defineExercise<Args, Gradients>({
  id: "backprop-warmup",
  title: "Backpropagation by hand: f(x, y, z) = (x + y)·z",
  summary: "Apply the chain rule through q = x + y to get the gradient of f(x, y, z) = (x + y)·z with respect to x, y and z.",
  topics: ["backprop", "chain-rule", "gradients"],
  difficulty: "warm-up",
  entry: "gradients",
  params: ["x", "y", "z"],
  picture: "gradient-heatmaps",
  output: out.object({ dx: out.number(), dy: out.number(), dz: out.number() }),
  cases(rng) {
    const opposite = rng.uniform(0.5, 5);
    const twin = rng.uniform(-5, 5);
    const visible: TestCase<Args>[] = [
      { name: "lecture example: x = −2, y = 5, z = −4", args: [-2, 5, -4] },
      { name: "positive inputs", args: [rng.uniform(0.5, 5), rng.uniform(0.5, 5), rng.uniform(0.5, 5)] },
      { name: "mixed signs", args: [rng.uniform(-5, 0), rng.uniform(0, 5), rng.uniform(-5, -0.5)] },
    ];
    const hidden: TestCase<Args>[] = [
      // ∂f/∂x and ∂f/∂y vanish, ∂f/∂z does not.
      { name: "z = 0", args: [rng.uniform(-5, 5), rng.uniform(-5, 5), 0] },
      // x + y = 0 makes ∂f/∂z vanish while ∂f/∂x = ∂f/∂y = z does not.
      { name: "x + y = 0", args: [opposite, -opposite, rng.uniform(1, 5)] },
      // With z = 1 a chain-rule slip on x and y goes unnoticed, so it must be caught on dz.
      { name: "z = 1", args: [rng.uniform(-5, 5), rng.uniform(-5, 5), 1] },
      { name: "x equal to y", args: [twin, twin, rng.uniform(-5, 5)] },
      { name: "large magnitudes", args: [rng.uniform(-1000, 1000), rng.uniform(-1000, 1000), rng.uniform(-1000, 1000)] },
      { name: "small magnitudes", args: [rng.uniform(-0.01, 0.01, 4), rng.uniform(-0.01, 0.01, 4), rng.uniform(-0.01, 0.01, 4)] },
      { name: "all inputs negative", args: [rng.uniform(-5, -0.5), rng.uniform(-5, -0.5), rng.uniform(-5, -0.5)] },
    ];
    return { visible, hidden };
  },
  solve([x, y, z]) {
    const { dx, dy, dz } = sumTimesGradients(x, y, z);
    return { dx, dy, dz };
  },
  finiteDifference([x, y, z]) {
    const [dx, dy, dz] = numericalGradient(([a, b, c]) => (a! + b!) * c!, [x, y, z]) as [number, number, number];
    return { dx, dy, dz };
  },
  mistakes: [
    {
      id: "local-gradients-only",
      hint: "Your dx and dy are only the local gradients ∂q/∂x = ∂q/∂y = 1. By the chain rule, multiply each by the upstream gradient ∂f/∂q.",
      solve: ([x, y]) => ({ dx: 1, dy: 1, dz: x + y }),
    },
    {
      id: "swapped-gradients",
      hint: "Your gradients look swapped between the two factors of f = q·z: ∂f/∂q is the other factor z, and ∂f/∂z is the other factor q.",
      solve: ([x, y, z]) => ({ dx: x + y, dy: x + y, dz: z }),
    },
    {
      id: "dz-is-z",
      hint: "Your dz is wrong: in f = q·z, the derivative with respect to z is the factor that multiplies z, not z itself.",
      solve: ([, , z]) => ({ dx: z, dy: z, dz: z }),
    },
  ],
});
