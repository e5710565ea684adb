import { defineExercise, dot, numericalGradient, out, type Rng, type TestCase } from "@epoch/authoring";

type Args = [X: number[][], y: number[], w: number[], learningRate: number];

/** L(w) = (1/n) Σᵢ (xᵢ·w − yᵢ)²: the mean squared error of a linear model. */
function loss(X: number[][], y: number[], w: number[]): number {
  return X.reduce((total, x, i) => total + (dot(x, w) - y[i]!) ** 2, 0) / X.length;
}

/** ∇L(w) = (2/n) Σᵢ (xᵢ·w − yᵢ) xᵢ, scaled by `factor` (2 is right; the mistake uses 1). */
function gradient(X: number[][], y: number[], w: number[], factor = 2): number[] {
  return w.map((_, j) => (factor / X.length) * X.reduce((total, x, i) => total + (dot(x, w) - y[i]!) * x[j]!, 0));
}

function randomProblem(rng: Rng, n: number, d: number): Args {
  return [rng.matrix(n, d, -2, 2), rng.vector(n, -3, 3), rng.vector(d, -1, 1), rng.pick([0.01, 0.05, 0.1])];
}

export default defineExercise<Args, number[]>({
  id: "gradient-step",
  title: "One step of gradient descent",
  summary: "Take one gradient-descent step on the mean squared error of a linear model: w ← w − η ∇L(w).",
  topics: ["optimization", "gradient-descent", "linear-regression"],
  difficulty: "warm-up",
  entry: "gradientStep",
  params: ["X", "y", "w", "learningRate"],
  output: out.vector({ rtol: 1e-6, atol: 1e-9 }),
  cases(rng) {
    const visible: TestCase<Args>[] = [
      {
        name: "statement example",
        args: [
          [
            [1, 2],
            [3, 4],
          ],
          [1, 2],
          [0, 0],
          0.1,
        ],
      },
      { name: "three points, two weights", args: randomProblem(rng, 3, 2) },
    ];
    const hidden: TestCase<Args>[] = [
      { name: "one point, one weight", args: randomProblem(rng, 1, 1) },
      {
        name: "already at the minimum",
        args: [
          [
            [1, 0],
            [0, 1],
          ],
          [2, -1],
          [2, -1],
          0.1,
        ],
      },
      { name: "ten points, four weights", args: randomProblem(rng, 10, 4) },
    ];
    return { visible, hidden };
  },
  solve([X, y, w, learningRate]) {
    const g = gradient(X, y, w);
    return w.map((wj, j) => wj - learningRate * g[j]!);
  },
  finiteDifference([X, y, w, learningRate]) {
    const g = numericalGradient((v) => loss(X, y, v), w);
    return w.map((wj, j) => wj - learningRate * g[j]!);
  },
  mistakes: [
    {
      id: "missing-factor-two",
      hint: "Your step is half the expected one: the derivative of (xᵢ·w − yᵢ)² is 2(xᵢ·w − yᵢ)xᵢ, so the gradient has a factor 2/n.",
      solve([X, y, w, learningRate]) {
        const g = gradient(X, y, w, 1);
        return w.map((wj, j) => wj - learningRate * g[j]!);
      },
    },
    {
      id: "gradient-ascent",
      hint: "Your step goes uphill: gradient descent subtracts the gradient, w − η ∇L(w).",
      solve([X, y, w, learningRate]) {
        const g = gradient(X, y, w);
        return w.map((wj, j) => wj + learningRate * g[j]!);
      },
    },
  ],
});
