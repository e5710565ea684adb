import { softmax } from "../../../core/index.ts";
import { defineCalculation } from "../../define.ts";
import { latexTuple } from "../../latex.ts";

interface Values {
  readonly logits: number[];
  /** The class asked about (from 0). */
  readonly target: number;
}

export default defineCalculation<Values>({
  kind: "calculation",
  id: "softmax-probability",
  title: "Softmax: one class's probability",
  summary: "Turn three logits into probabilities with softmax: one class's probability, and which class is predicted.",
  topics: ["softmax", "classification", "losses"],
  difficulty: "warm-up",
  values(rng) {
    for (;;) {
      const logits = rng.vector(3, -2, 3, 1);
      // One clear winner, so the predicted class is never a tie.
      const sorted = [...logits].sort((a, b) => b - a);
      if (sorted[0]! - sorted[1]! >= 0.2) return { logits, target: rng.int(0, 2) };
    }
  },
  show: (v) => ({ z: latexTuple(v.logits), k: v.target + 1 }),
  parts: [
    {
      id: "probability",
      label: "The probability $p_k$ of the class named in the statement",
      answer: { kind: "number", rtol: 1e-3, atol: 5e-4 },
      solve: (v) => softmax(v.logits)[v.target]!,
    },
    {
      id: "prediction",
      label: "The class the network predicts",
      answer: { kind: "choice", options: ["Class 1", "Class 2", "Class 3"] },
      solve: (v) => {
        const p = softmax(v.logits);
        return p.indexOf(Math.max(...p));
      },
    },
  ],
});
