import { kmeansStep, squaredEuclidean } from "../../../core/index.ts";
import { defineCalculation } from "../../define.ts";
import { latexTuple } from "../../latex.ts";
import type { Rng } from "../../../spec/random.ts";

interface Values {
  readonly points: number[][];
  readonly centroids: number[][];
}

const POINTS = 5;

/** Clear cases only: no point equally far from both centroids, and no cluster left empty. */
function clear(points: readonly number[][], centroids: readonly number[][]): boolean {
  const sides = points.map((p) => Math.sign(squaredEuclidean(p, centroids[0]!) - squaredEuclidean(p, centroids[1]!)));
  return !sides.includes(0) && sides.includes(1) && sides.includes(-1);
}

function draw(rng: Rng): Values {
  const point = () => [rng.int(0, 9), rng.int(0, 9)];
  for (;;) {
    const values = { points: Array.from({ length: POINTS }, point), centroids: [point(), point()] };
    if (clear(values.points, values.centroids)) return values;
  }
}

export default defineCalculation<Values>({
  kind: "calculation",
  id: "kmeans-step-by-hand",
  title: "One k-means step by hand",
  summary: "Assign five points to the nearest of two centroids, then move each centroid to the mean of its points.",
  topics: ["clustering", "k-means"],
  difficulty: "warm-up",
  values: draw,
  show: (v) => ({
    points: v.points.map((p, i) => `\\mathbf{x}_{${i + 1}} = ${latexTuple(p)}`).join(", \\quad "),
    c1: latexTuple(v.centroids[0]!),
    c2: latexTuple(v.centroids[1]!),
  }),
  parts: [
    {
      id: "assignments",
      label: "The cluster (1 or 2) of each point $\\mathbf{x}_1, \\dots, \\mathbf{x}_5$",
      answer: { kind: "vector", length: POINTS, integer: true },
      solve: (v) => kmeansStep(v.points, v.centroids).assignments.map((a) => a + 1),
    },
    {
      id: "centroids",
      label: "The new centroids: row 1 is $\\mathbf{c}_1$, row 2 is $\\mathbf{c}_2$",
      answer: { kind: "matrix", rows: 2, cols: 2 },
      points: 2,
      solve: (v) => kmeansStep(v.points, v.centroids).centroids,
    },
  ],
});
