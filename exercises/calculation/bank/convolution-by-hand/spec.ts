import { conv2dValid, convOutputSize } from "../../../core/index.ts";
import { defineCalculation } from "../../define.ts";
import { latexMatrix } from "../../latex.ts";

interface Values {
  /** The size question: an n×n input, a k×k filter, stride and padding. */
  readonly n: number;
  readonly k: number;
  readonly stride: number;
  readonly padding: number;
  /** The value question: a small image and a 3×3 filter, and which output entry (from 0). */
  readonly image: number[][];
  readonly kernel: number[][];
  readonly row: number;
  readonly col: number;
}

export default defineCalculation<Values>({
  kind: "calculation",
  id: "convolution-by-hand",
  title: "Convolution: output size and one feature-map value",
  summary: "Work out a convolution's output size from the input, filter, stride and padding, and one entry of a feature map.",
  topics: ["cnn", "convolution"],
  difficulty: "core",
  values(rng) {
    const image = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => rng.int(0, 3)));
    return {
      n: rng.pick([28, 32, 64]),
      k: rng.pick([3, 5, 7]),
      stride: rng.pick([1, 2]),
      padding: rng.pick([0, 1, 2]),
      image,
      kernel: Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => rng.int(-1, 1))),
      row: rng.int(0, 2),
      col: rng.int(0, 2),
    };
  },
  show: (v) => ({ n: v.n, k: v.k, stride: v.stride, padding: v.padding, image: latexMatrix(v.image), kernel: latexMatrix(v.kernel), r: v.row + 1, c: v.col + 1 }),
  parts: [
    { id: "size", label: "The output's side length for the first layer", answer: { kind: "integer" }, solve: (v) => convOutputSize(v.n, v.k, v.stride, v.padding) },
    {
      id: "feature-map-size",
      label: "The feature map's size for the $5 \\times 5$ image (rows, columns)",
      answer: { kind: "vector", length: 2, integer: true },
      solve: (v) => {
        const map = conv2dValid(v.image, v.kernel);
        return [map.length, map[0]!.length];
      },
    },
    {
      id: "value",
      label: "The feature map's entry in the row and column named in the statement",
      answer: { kind: "number" },
      points: 2,
      solve: (v) => conv2dValid(v.image, v.kernel)[v.row]![v.col]!,
    },
  ],
});
