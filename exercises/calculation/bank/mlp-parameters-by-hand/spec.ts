import { countParameters } from "../../../core/index.ts";
import { defineCalculation } from "../../define.ts";

interface Values {
  readonly sizes: number[];
}

export default defineCalculation<Values>({
  kind: "calculation",
  id: "mlp-parameters-by-hand",
  title: "How many parameters?",
  summary: "Count the weights and the biases of a fully connected network from its layer widths.",
  topics: ["neural-networks", "parameters"],
  difficulty: "warm-up",
  values(rng) {
    return { sizes: [rng.pick([64, 100, 256, 784]), rng.pick([32, 50, 64, 128]), rng.pick([16, 32, 50]), rng.pick([2, 3, 10])] };
  },
  show: (v) => ({ sizes: v.sizes.join("–"), inputs: v.sizes[0]!, h1: v.sizes[1]!, h2: v.sizes[2]!, outputs: v.sizes[3]! }),
  parts: [
    { id: "weights", label: "The number of weights (no biases)", answer: { kind: "integer" }, solve: (v) => countParameters(v.sizes, false) },
    { id: "total", label: "The number of parameters, biases included", answer: { kind: "integer" }, solve: (v) => countParameters(v.sizes, true) },
  ],
});
