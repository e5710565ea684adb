import { assignClusters, euclidean, mean, squaredEuclidean, sub, sum, wcss, type Vector } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [points: number[][], centroids: number[][], assignments: number[]];

/** `count` points scattered uniformly (2 decimals) within `spread` of `center`. */
function blob(rng: Rng, center: readonly number[], spread: number, count: number): number[][] {
  return Array.from({ length: count }, () => center.map((c) => rng.uniform(c - spread, c + spread)));
}

/** Points drawn around each center, shuffled, with the index of the center each came from. */
function clustered(rng: Rng, centers: readonly (readonly number[])[], spread: number, sizes: readonly number[]): { points: number[][]; labels: number[] } {
  const labelled = rng.shuffle(centers.flatMap((center, c) => blob(rng, center, spread, sizes[c]!).map((p) => ({ p, c }))));
  return { points: labelled.map((l) => l.p), labels: labelled.map((l) => l.c) };
}

/**
 * Points around integer centers whose mean is exactly that center: offsets come in opposite pairs
 * (plus the center itself for an odd count) and are multiples of 0.25, so every coordinate, every
 * sum and every mean is exact in binary floating point too.
 */
function aroundExactMeans(rng: Rng, centers: readonly (readonly number[])[], sizes: readonly number[]): { points: number[][]; labels: number[] } {
  const labelled = centers.flatMap((center, c) => {
    const members: number[][] = sizes[c]! % 2 === 1 ? [[...center]] : [];
    for (let pair = 0; pair < Math.floor(sizes[c]! / 2); pair++) {
      const offset = center.map(() => rng.int(-6, 6) * 0.25);
      members.push(
        center.map((x, i) => x + offset[i]!),
        center.map((x, i) => x - offset[i]!),
      );
    }
    return members.map((p) => ({ p, c }));
  });
  const shuffled = rng.shuffle(labelled);
  return { points: shuffled.map((l) => l.p), labels: shuffled.map((l) => l.c) };
}

/** Centroids near the means of their points: the means rounded to 2 decimals, so the inputs stay readable. */
function roundedMeans(points: readonly Vector[], labels: readonly number[], k: number): number[][] {
  return Array.from({ length: k }, (_, c) => mean(points.filter((_, j) => labels[j] === c)).map((v) => Math.round(v * 100) / 100 + 0));
}

/** Σ over points of `term(x, its centroid)`; the mistakes differ only in the term. */
function sumOver(points: readonly Vector[], centroids: readonly Vector[], assignments: readonly number[], term: (x: Vector, mu: Vector) => number): number {
  return sum(points.map((x, j) => term(x, centroids[assignments[j]!]!)));
}

export default defineExercise<Args, number>({
  id: "kmeans-wcss",
  title: "Within-cluster sum of squares",
  summary: "Compute the k-means objective: the sum of squared Euclidean distances from every point to the centroid of its cluster.",
  topics: ["clustering", "k-means", "unsupervised-learning"],
  difficulty: "warm-up",
  entry: "wcss",
  params: ["points", "centroids", "assignments"],
  picture: "kmeans-objective",
  output: out.number({ rtol: 1e-6, atol: 1e-9 }),
  cases(rng) {
    const twoCenters = [
      [rng.int(-3, 0), rng.int(-3, 0)],
      [rng.int(3, 6), rng.int(2, 5)],
    ];
    const two = aroundExactMeans(rng, twoCenters, [4, 5]);

    // Centroids that moved after the points were assigned: some points are now nearer the other
    // centroid, and one point is deliberately filed under the far one.
    const moved = clustered(
      rng,
      [
        [0, 0],
        [4, 4],
      ],
      2,
      [5, 5],
    );
    const movedLabels = [...moved.labels];
    movedLabels[0] = 1 - movedLabels[0]!;
    const movedCentroids = [
      [rng.uniform(1, 2), rng.uniform(1, 2)],
      [rng.uniform(2, 3), rng.uniform(2, 3)],
    ];

    const visible: TestCase<Args>[] = [
      {
        name: "statement example",
        args: [
          [
            [1, 1],
            [6, 5],
            [3, 1],
            [8, 7],
            [2, 4],
          ],
          [
            [2, 2],
            [7, 6],
          ],
          [0, 1, 0, 1, 0],
        ],
      },
      { name: "two clusters, centroids at their means", args: [two.points, twoCenters, two.labels] },
      { name: "assignments that are not the nearest centroid", args: [moved.points, movedCentroids, movedLabels] },
    ];

    const one = blob(rng, [rng.uniform(-5, 5), rng.uniform(-5, 5)], 3, 6);
    const sizes = clustered(
      rng,
      [
        [0, 0, 0],
        [6, 0, 0],
        [0, 6, 6],
      ],
      1.5,
      [1, 2, 6],
    );
    const withEmpty = clustered(
      rng,
      [
        [-3, 2],
        [3, -2],
      ],
      1.5,
      [4, 3],
    );
    const exact = blob(rng, [0, 0], 5, 3);
    const exactLabels = rng.shuffle([0, 1, 2, 0, 1, 2]);
    const line = clustered(rng, [[-4], [0], [5]], 1.5, [3, 3, 3]);
    const high = clustered(
      rng,
      [
        [1, 1, 1, 1, 1],
        [-2, 0, 2, 0, -2],
        [3, -3, 0, 3, -3],
      ],
      1,
      [4, 3, 5],
    );
    const large = clustered(
      rng,
      [
        [1000, 2000],
        [-3000, 500],
      ],
      200,
      [4, 4],
    );
    const singletons = blob(rng, [0, 0], 6, 4);

    const hidden: TestCase<Args>[] = [
      { name: "a single cluster", args: [one, [rng.vector(2, -3, 3)], one.map(() => 0)] },
      { name: "clusters of very different sizes (3-D)", args: [sizes.points, roundedMeans(sizes.points, sizes.labels, 3), sizes.labels] },
      {
        name: "a centroid with no points contributes nothing",
        args: [withEmpty.points, [...roundedMeans(withEmpty.points, withEmpty.labels, 2), [rng.uniform(10, 20), rng.uniform(10, 20)]], withEmpty.labels],
      },
      { name: "every point on its own centroid", args: [exactLabels.map((c) => [...exact[c]!]), exact, exactLabels] },
      { name: "one point per cluster, centroids elsewhere", args: [singletons, rng.matrix(4, 2, -6, 6), [0, 1, 2, 3]] },
      { name: "one-dimensional points", args: [line.points, [[rng.uniform(-5, -3)], [rng.uniform(-1, 1)], [rng.uniform(4, 6)]], line.labels] },
      { name: "5-D points, three clusters", args: [high.points, roundedMeans(high.points, high.labels, 3), high.labels] },
      { name: "large coordinates", args: [large.points, roundedMeans(large.points, large.labels, 2), large.labels] },
      { name: "no points at all", args: [[], [[rng.uniform(-3, 3), rng.uniform(-3, 3)]], []] },
    ];
    return { visible, hidden };
  },
  solve([points, centroids, assignments]) {
    return wcss(points, centroids, assignments);
  },
  mistakes: [
    {
      id: "euclidean-not-squared",
      hint: "Your result matches adding up Euclidean distances ‖x − μ‖. The objective adds up squared distances ‖x − μ‖² = Σᵢ (xᵢ − μᵢ)²: do not take the square root.",
      solve: ([points, centroids, assignments]) => sumOver(points, centroids, assignments, euclidean),
    },
    {
      id: "square-of-sum",
      hint: "Your result matches squaring the sum of the coordinate differences, (Σᵢ (xᵢ − μᵢ))². Square each coordinate difference first, then add them up: Σᵢ (xᵢ − μᵢ)².",
      solve: ([points, centroids, assignments]) => sumOver(points, centroids, assignments, (x, mu) => sum(sub(x, mu)) ** 2),
    },
    {
      id: "nearest-centroid",
      hint: "Your result matches measuring each point against its nearest centroid. Use the centroid the point is assigned to, `centroids[assignments[j]]`, even when another centroid is closer.",
      solve: ([points, centroids]) => sumOver(points, centroids, assignClusters(points, centroids), squaredEuclidean),
    },
    {
      id: "divide-by-n",
      hint: "Your result matches the average over all points. The within-cluster sum of squares is a sum: do not divide by the number of points.",
      solve: ([points, centroids, assignments]) => wcss(points, centroids, assignments) / points.length,
    },
    {
      id: "sum-of-cluster-variances",
      hint: "Your result matches adding up each cluster's average squared distance (its variance). Add up the squared distances themselves, without dividing by the cluster sizes.",
      solve: ([points, centroids, assignments]) =>
        sum(
          centroids.map((mu, c) => {
            const members = points.filter((_, j) => assignments[j] === c);
            // A naive per-cluster average divides 0 by 0 for an empty cluster.
            return sum(members.map((x) => squaredEuclidean(x, mu))) / members.length;
          }),
        ),
    },
  ],
});
