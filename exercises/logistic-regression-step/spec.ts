import { gradientDescentStep, logisticLossGradient, numericalGradient } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [X: number[][], y: number[], w: number[], b: number, learningRate: number];
interface Out {
  w: number[];
  b: number;
}
/** Each student's statement names their own regularisation strength. */
type V = { lambda: number };

const LAMBDAS = [0.01, 0.05, 0.1, 0.2, 0.5] as const;

/** One step on J(w, b) whose gradient is `gradient`: the pattern every variant below shares. */
function step(w: readonly number[], b: number, dw: readonly number[], db: number, learningRate: number): Out {
  const [newB] = gradientDescentStep([b], [db], learningRate);
  return { w: gradientDescentStep(w, dw, learningRate), b: newB! };
}

function reference([X, y, w, b, learningRate]: Args, lambda: number): Out {
  const { dw, db } = logisticLossGradient(X, y, w, b, lambda);
  return step(w, b, dw, db, learningRate);
}

function labels(rng: Rng, m: number): number[] {
  // At least one of each class, so neither label is missing from the data.
  return rng.shuffle(Array.from({ length: m }, (_, j) => (j === 0 ? 0 : j === 1 ? 1 : rng.int(0, 1))));
}

function dataset(rng: Rng, m: number, n: number, learningRate: number, range = 2): Args {
  return [rng.matrix(m, n, -range, range), labels(rng, m), rng.vector(n, -1, 1), rng.uniform(-1, 1), learningRate];
}

export default defineExercise<Args, Out, V>({
  id: "logistic-regression-step",
  title: "One gradient-descent step for regularised logistic regression",
  summary: "Take one gradient-descent step on the mean binary cross-entropy of logistic regression with an L2 penalty on the weights (not the bias).",
  topics: ["logistic-regression", "gradient-descent", "regularization", "cross-entropy"],
  difficulty: "core",
  entry: "logisticRegressionStep",
  params: ["X", "y", "w", "b", "learningRate"],
  picture: "descent-step-curve",
  output: out.object({ w: out.vector(), b: out.number() }),
  variant(rng) {
    return { lambda: rng.pick(LAMBDAS) };
  },
  cases(rng) {
    const visible: TestCase<Args>[] = [
      { name: "four examples, two features", args: dataset(rng, 4, 2, 0.5) },
      {
        name: "pixel intensities of a 3×3 image as features",
        args: [rng.matrix(5, 9, 0, 1), labels(rng, 5), rng.vector(9, -0.5, 0.5), rng.uniform(-0.5, 0.5), 0.1],
      },
      { name: "six examples, three features", args: dataset(rng, 6, 3, 0.2) },
    ];
    const saturated = dataset(rng, 4, 2, 0.1);
    const hidden: TestCase<Args>[] = [
      { name: "a single example", args: dataset(rng, 1, 3, 0.5) },
      { name: "zero weights and bias", args: [rng.matrix(5, 3, -2, 2), labels(rng, 5), [0, 0, 0], 0, 1] },
      { name: "saturated predictions (large logits)", args: [saturated[0].map((row) => row.map((v) => v * 20)), saturated[1], saturated[2].map((v) => v * 5), saturated[3], 0.1] },
      { name: "every label 1", args: [rng.matrix(4, 2, -2, 2), [1, 1, 1, 1], rng.vector(2, -1, 1), rng.uniform(-1, 1), 0.3] },
      { name: "one feature", args: dataset(rng, 5, 1, 1) },
      { name: "many examples (twenty)", args: dataset(rng, 20, 4, 0.05) },
      { name: "large weights, small learning rate", args: [rng.matrix(6, 3, -1, 1), labels(rng, 6), rng.vector(3, -8, 8), rng.uniform(-3, 3), 0.01] },
    ];
    return { visible, hidden };
  },
  solve(args, { lambda }) {
    return reference(args, lambda);
  },
  finiteDifference([X, y, w, b, learningRate], { lambda }) {
    const dw = numericalGradient((v) => logisticLossGradient(X, y, v, b, lambda).loss, w);
    const [db] = numericalGradient(([v]) => logisticLossGradient(X, y, w, v!, lambda).loss, [b]);
    return step(w, b, dw, db!, learningRate);
  },
  mistakes: [
    {
      id: "regularised-bias",
      hint: "Your bias moved as if it were regularised. The penalty (λ/2)‖w‖² covers the weights only, so ∂J/∂b has no λ term.",
      solve: ([X, y, w, b, learningRate], { lambda }) => {
        const { dw, db } = logisticLossGradient(X, y, w, b, lambda);
        return step(w, b, dw, db + lambda * b, learningRate);
      },
    },
    {
      id: "gradient-ascent",
      hint: "Your step goes uphill: the parameters moved along the gradient. Gradient descent subtracts: w ← w − η ∂J/∂w.",
      solve: ([X, y, w, b, learningRate], { lambda }) => reference([X, y, w, b, -learningRate], lambda),
    },
    {
      id: "summed-not-averaged",
      hint: "Your step matches a cross-entropy summed over the examples. J uses the mean over the m rows of X: divide the data term of the gradient by m.",
      solve: ([X, y, w, b, learningRate], { lambda }) => {
        // Scaling the data term by m: (∂J_data/∂w)·m + λw.
        const m = X.length;
        const data = logisticLossGradient(X, y, w, b, 0);
        return step(
          w,
          b,
          data.dw.map((g, i) => g * m + lambda * w[i]!),
          data.db * m,
          learningRate,
        );
      },
    },
    {
      id: "no-regularisation",
      hint: "Your step matches λ = 0: the regularisation term is missing. Your statement gives λ; its penalty (λ/2)‖w‖² adds λw to ∂J/∂w.",
      solve: (args) => reference(args, 0),
    },
  ],
});
