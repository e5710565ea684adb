import { numericalGradient, softmax, softmaxCrossEntropy } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [logits: number[], target: number];
interface Out {
  loss: number;
  gradient: number[];
}

function reference(logits: readonly number[], target: number): Out {
  const { loss, gradient } = softmaxCrossEntropy(logits, target);
  return { loss, gradient };
}

function argmax(values: readonly number[]): number {
  return values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);
}

/** Logits whose largest entry is not at `target`, so the true class is not the predicted one. */
function wrongGuess(rng: Rng, classes: number): Args {
  const logits = rng.vector(classes, -3, 3);
  const predicted = argmax(logits);
  const others = logits.map((_, i) => i).filter((i) => i !== predicted);
  return [logits, rng.pick(others)];
}

/**
 * The true class's logit more than 800 below the largest: e^(z_t − max) underflows to 0, so
 * −log p_t is Infinity unless the loss is computed as log-sum-exp minus z_t. No logit exceeds
 * 700, so e^z itself stays finite and only the underflow is tested.
 */
function farBelow(rng: Rng, classes: number): Args {
  const logits = rng.vector(classes, -3, 3);
  const target = rng.int(0, classes - 1);
  const top = (target + rng.int(1, classes - 1)) % classes;
  logits[top] = rng.uniform(400, 500);
  logits[target] = rng.uniform(-500, -420);
  return [logits, target];
}

/** A logit of 1000 on the true class among small ones: the loss is about 0, e^1000 overflows. */
function hugeOnTarget(rng: Rng): Args {
  const logits = rng.vector(3, -3, 3);
  const target = rng.int(0, 2);
  logits[target] = 1000;
  return [logits, target];
}

export default defineExercise<Args, Out>({
  id: "softmax-cross-entropy",
  title: "Softmax cross-entropy and its gradient",
  summary: "Compute the cross-entropy loss of softmax(logits) for a true class, and its gradient with respect to the logits, stably for large logits.",
  topics: ["neural-networks", "losses", "softmax", "cross-entropy", "gradients"],
  difficulty: "core",
  entry: "softmaxCrossEntropy",
  params: ["logits", "target"],
  picture: "softmax-loss-curve",
  output: out.object({ loss: out.number(), gradient: out.vector() }),
  cases(rng) {
    const fiveClasses = rng.vector(5, -3, 3);
    const visible: TestCase<Args>[] = [
      { name: "worked example: three classes", args: [[2, 1, 0.1], 0] },
      { name: "three classes, true class is not the most likely", args: wrongGuess(rng, 3) },
      { name: "five classes, true class is the most likely", args: [fiveClasses, argmax(fiveClasses)] },
      { name: "true class's logit over 800 below the largest (p_target underflows to 0)", args: farBelow(rng.fork("far-below-visible"), 3) },
    ];
    const confident = rng.vector(3, -2, 2);
    const confidentTarget = rng.int(0, 2);
    confident[confidentTarget] = rng.uniform(25, 35);
    const hopeless = rng.vector(4, -2, 2);
    const hopelessTarget = rng.int(0, 3);
    hopeless[hopelessTarget] = rng.uniform(-45, -35);
    const uniform = rng.uniform(-3, 3);
    const hidden: TestCase<Args>[] = [
      { name: "large logits (e^z overflows)", args: [rng.vector(4, 990, 1010), rng.int(0, 3)] },
      { name: "very negative logits (e^z underflows to 0)", args: [rng.vector(3, -1010, -990), rng.int(0, 2)] },
      { name: "one huge logit, on the true class", args: hugeOnTarget(rng) },
      { name: "a single class", args: [[rng.uniform(-5, 5)], 0] },
      { name: "confident correct prediction", args: [confident, confidentTarget] },
      { name: "confident wrong prediction", args: [hopeless, hopelessTarget] },
      { name: "hopeless prediction: true class far below the others", args: farBelow(rng.fork("far-below-hidden"), 5) },
      { name: "very negative logits far apart", args: [[-rng.uniform(5, 20), -rng.uniform(880, 950), -rng.uniform(5, 20)], 1] },
      { name: "huge logit on a wrong class", args: [[rng.uniform(900, 1100), rng.uniform(-3, 3), rng.uniform(-3, 3)], rng.int(1, 2)] },
      { name: "uniform logits", args: [[uniform, uniform, uniform, uniform], rng.int(0, 3)] },
      { name: "ten classes (digits 0–9)", args: wrongGuess(rng, 10) },
      { name: "two classes", args: wrongGuess(rng, 2) },
    ];
    return { visible, hidden };
  },
  solve([logits, target]) {
    return reference(logits, target);
  },
  finiteDifference([logits, target]) {
    return {
      loss: softmaxCrossEntropy(logits, target).loss,
      gradient: numericalGradient((z) => softmaxCrossEntropy(z, target).loss, logits),
    };
  },
  mistakes: [
    {
      id: "naive-softmax-overflow",
      hint: "Your result is NaN for very large (or very negative) logits: e^z overflows to Infinity (or underflows to 0), and Infinity/Infinity or 0/0 is NaN. Subtract the largest logit from every logit before exponentiating; softmax does not change.",
      solve: ([logits, target]) => {
        // Exactly what exponentiating the raw logits gives, NaN included.
        const exps = logits.map((v) => Math.exp(v));
        const total = exps.reduce((s, e) => s + e, 0);
        const p = exps.map((e) => e / total);
        return { loss: -Math.log(p[target]!), gradient: p.map((pi, i) => (i === target ? pi - 1 : pi)) };
      },
    },
    {
      id: "loss-from-underflowed-probability",
      hint: "Your loss is Infinity where the target's logit is far below the largest: p_target underflows to 0 and −log 0 = ∞. Compute the loss without forming p_target: J = log Σⱼ e^(z_j − m) + m − z_target, with m the largest logit (log-sum-exp).",
      solve: ([logits, target]) => {
        const p = softmax(logits);
        return { loss: -Math.log(p[target]!), gradient: p.map((pi, i) => (i === target ? pi - 1 : pi)) };
      },
    },
    {
      id: "gradient-sign-flipped",
      hint: "Your gradient has the opposite sign. Raising the true class's logit lowers the loss, so ∂J/∂z for the target must be negative, and positive for the other classes.",
      solve: ([logits, target]) => {
        const { loss, gradient } = reference(logits, target);
        return { loss, gradient: gradient.map((g) => -g) };
      },
    },
    {
      id: "gradient-missing-target-term",
      hint: "Your gradient equals softmax(z) alone. The loss also depends on the target's logit directly, J = −z_target + log Σⱼ e^(z_j): differentiate that first term too.",
      solve: ([logits, target]) => ({ loss: reference(logits, target).loss, gradient: softmax(logits) }),
    },
    {
      id: "loss-missing-minus",
      hint: "Your loss has the wrong sign. The cross-entropy is J = −log p_target; it is never negative, since p_target ≤ 1.",
      solve: ([logits, target]) => {
        const { loss, gradient } = reference(logits, target);
        return { loss: -loss, gradient };
      },
    },
    {
      id: "loss-of-predicted-class",
      hint: "Your loss uses the probability of the most likely class. The cross-entropy uses the probability of the true class, `target`, whatever the network predicts.",
      solve: ([logits, target]) => ({ loss: softmaxCrossEntropy(logits, argmax(logits)).loss, gradient: reference(logits, target).gradient }),
    },
  ],
});
