import { assignClusters, kmeansStep, manhattan, squaredEuclidean, updateCentroids, zeros, type Vector } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [points: number[][], centroids: number[][]];
type Result = { assignments: number[]; centroids: number[][] };

/** `count` points scattered uniformly (2 decimals) within `spread` of `center`. */
function blob(rng: Rng, center: readonly number[], spread: number, count: number): number[][] {
  return Array.from({ length: count }, () => center.map((c) => rng.uniform(c - spread, c + spread)));
}

/** Index of the centroid nearest to `point` under `distance`, switching only when `better` says so. */
function nearestBy(point: Vector, centroids: readonly Vector[], distance: (a: Vector, b: Vector) => number, better: (d: number, best: number) => boolean): number {
  let best = 0;
  let bestDistance = distance(point, centroids[0]!);
  centroids.forEach((centroid, c) => {
    const d = distance(point, centroid);
    if (c > 0 && better(d, bestDistance)) {
      best = c;
      bestDistance = d;
    }
  });
  return best;
}

/** The update step with a custom rule for each cluster's (sum, count); mistakes differ only there. */
function updateWith(
  points: readonly Vector[],
  assignments: readonly number[],
  centroids: readonly Vector[],
  rule: (sum: number[], count: number, old: Vector) => number[],
): number[][] {
  return centroids.map((old, c) => {
    const sum = zeros(old.length);
    let count = 0;
    points.forEach((p, j) => {
      if (assignments[j] !== c) return;
      count++;
      p.forEach((v, i) => (sum[i]! += v));
    });
    return rule(sum, count, old);
  });
}

export default defineExercise<Args, Result>({
  id: "kmeans-step",
  title: "One iteration of k-means",
  summary: "Assign each point to its nearest centroid, then move every centroid to the mean of its points: one step of Lloyd's k-means algorithm.",
  topics: ["clustering", "k-means", "unsupervised-learning"],
  difficulty: "core",
  entry: "kmeansStep",
  params: ["points", "centroids"],
  picture: "kmeans-step",
  output: out.object({ assignments: out.array(out.integer()), centroids: out.matrix() }),
  cases(rng) {
    // Ties are only exact with integer coordinates, so tie-breaking cases use rng.int.
    const ox = rng.int(-5, 5);
    const oy = rng.int(-5, 5);
    const d = rng.int(1, 3);
    const tieCentroids = [
      [ox, oy],
      [ox + 2 * d, oy],
    ];
    const tiePoints = rng.shuffle([
      [ox + d, oy + rng.int(1, 3)],
      [ox + d, oy - rng.int(1, 3)],
      [ox - 1, oy + rng.int(0, 2)],
      [ox + 2 * d + 1, oy - rng.int(0, 2)],
      [ox, oy + 1],
      [ox + 2 * d, oy - 1],
    ]);

    const visible: TestCase<Args>[] = [
      {
        name: "statement example",
        args: [
          [
            [0, 1],
            [1, 0],
            [2, 0],
            [5, 0],
            [4, 2],
          ],
          [
            [0, 0],
            [4, 0],
          ],
        ],
      },
      {
        name: "two well-separated clusters in 2-D",
        args: [
          rng.shuffle([...blob(rng, [1.5, 1.5], 1.5, 4), ...blob(rng, [8, 7.5], 1.5, 4)]),
          [
            [rng.uniform(0, 4), rng.uniform(0, 4)],
            [rng.uniform(6, 10), rng.uniform(5, 9)],
          ],
        ],
      },
      { name: "points exactly halfway between two centroids (a tie)", args: [tiePoints, tieCentroids] },
    ];

    // A third centroid far from every point, and never at the origin.
    const far = [rng.pick([-1, 1]) * rng.uniform(15, 25), rng.uniform(12, 20)];
    const emptyCase: Args = [
      rng.shuffle([...blob(rng, [-2, 0], 1, 3), ...blob(rng, [3, 1], 1, 3)]),
      [[rng.uniform(-3, -1), rng.uniform(-1, 1)], [rng.uniform(2, 4), rng.uniform(0, 2)], far],
    ];

    // Points nearer the repeated centroid tie between its two copies.
    const dupe = [rng.int(-3, 3), rng.int(-3, 3)];
    const duplicateCase: Args = [rng.shuffle([...blob(rng, dupe, 1, 4), ...blob(rng, [dupe[0]! + 8, dupe[1]! - 6], 1, 3)]), [[...dupe], [dupe[0]! + 8, dupe[1]! - 6], [...dupe]]];

    // Squared Euclidean and Manhattan distance disagree: from (0, 0), (3, 0) is nearer in L1 (3 < 4)
    // but (2, 2) is nearer in squared L2 (8 < 9).
    const mx = rng.int(-4, 4);
    const my = rng.int(-4, 4);
    const manhattanCase: Args = [
      rng.shuffle([
        [mx, my],
        [mx - 1, my - 1],
        [mx + 6, my + 1],
        [mx + 2, my + 5],
        [mx, my - 3],
      ]),
      [
        [mx + 3, my],
        [mx + 2, my + 2],
      ],
    ];

    // In order, the first point would drag centroid 0 towards the second point if centroids moved during assignment.
    const sx = rng.int(-5, 5);
    const sy = rng.int(-5, 5);
    const sequentialCase: Args = [
      [
        [sx + 4, sy],
        [sx + 6, sy],
        [sx + 9, sy + 1],
        [sx + 1, sy - 1],
        [sx + 11, sy - 1],
      ],
      [
        [sx, sy],
        [sx + 10, sy],
      ],
    ];

    // Centroids on the corners of a square of side 2; every grid point is equidistant from 2 or 4 of them.
    const gx = rng.int(-3, 3);
    const gy = rng.int(-3, 3);
    const corners = rng.shuffle([
      [gx, gy],
      [gx + 2, gy],
      [gx, gy + 2],
      [gx + 2, gy + 2],
    ]);
    const grid: number[][] = [];
    for (let i = 0; i <= 2; i++) for (let j = 0; j <= 2; j++) grid.push([gx + i, gy + j]);

    const onCentroids = blob(rng, [0, 0], 5, 3);
    const hidden: TestCase<Args>[] = [
      { name: "a centroid with no points stays where it was", args: emptyCase },
      { name: "two identical centroids", args: duplicateCase },
      { name: "nearest by squared Euclidean distance, not by sum of coordinate differences", args: manhattanCase },
      { name: "every point is assigned with the centroids as given", args: sequentialCase },
      { name: "many exact ties on an integer grid", args: [rng.shuffle(grid), corners] },
      { name: "points lying exactly on centroids", args: [rng.shuffle([...onCentroids.map((c) => [...c]), ...blob(rng, [0, 0], 6, 4)]), onCentroids] },
      {
        name: "3-D points, two clusters",
        args: [rng.shuffle([...blob(rng, [1, 1, 1], 1, 4), ...blob(rng, [5, -2, 4], 1, 5)]), [rng.vector(3, 0, 2), [rng.uniform(4, 6), rng.uniform(-3, -1), rng.uniform(3, 5)]]],
      },
      {
        name: "4-D points, three clusters",
        args: [
          rng.shuffle([...blob(rng, [0, 0, 0, 0], 1, 4), ...blob(rng, [4, 4, 0, 0], 1, 4), ...blob(rng, [0, 4, 4, -4], 1, 4)]),
          [
            rng.vector(4, -1, 1),
            [rng.uniform(3, 5), rng.uniform(3, 5), rng.uniform(-1, 1), rng.uniform(-1, 1)],
            [rng.uniform(-1, 1), rng.uniform(3, 5), rng.uniform(3, 5), rng.uniform(-5, -3)],
          ],
        ],
      },
      { name: "a single centroid", args: [blob(rng, [2, -1], 3, 6), [[rng.uniform(-5, 5), rng.uniform(-5, 5)]]] },
      {
        name: "more centroids than points",
        args: [blob(rng, [0, 0], 4, 2), [rng.vector(2, -5, 5), rng.vector(2, -5, 5), [rng.uniform(20, 30), rng.uniform(20, 30)], [rng.uniform(-30, -20), rng.uniform(20, 30)]]],
      },
      { name: "one-dimensional points", args: [blob(rng, [0], 5, 7), [[rng.uniform(-5, 0)], [rng.uniform(0, 5)]]] },
    ];
    return { visible, hidden };
  },
  solve([points, centroids]) {
    return kmeansStep(points, centroids);
  },
  mistakes: [
    {
      id: "ties-last-index",
      hint: "A point exactly as far from two centroids went to the later one. Ties go to the centroid with the lowest index: only switch to a later centroid when it is strictly closer (< rather than ≤).",
      solve: ([points, centroids]) => {
        const assignments = points.map((p) => nearestBy(p, centroids, squaredEuclidean, (dist, best) => dist <= best));
        return { assignments, centroids: updateCentroids(points, assignments, centroids) };
      },
    },
    {
      id: "manhattan-distance",
      hint: "Your assignments match measuring distance as the sum of absolute coordinate differences (Manhattan distance). k-means uses the squared Euclidean distance ‖x − μ‖² = Σᵢ (xᵢ − μᵢ)².",
      solve: ([points, centroids]) => {
        const assignments = points.map((p) => nearestBy(p, centroids, manhattan, (dist, best) => dist < best));
        return { assignments, centroids: updateCentroids(points, assignments, centroids) };
      },
    },
    {
      id: "update-while-assigning",
      hint: "Your result matches moving a centroid as soon as a point is assigned to it, so later points see centroids that have already moved. Assign every point using the centroids you were given, and only then compute the new centroids.",
      solve: ([points, centroids]) => {
        const current = centroids.map((c) => [...c]);
        const counts = zeros(centroids.length);
        const assignments = points.map((p) => {
          const c = nearestBy(p, current, squaredEuclidean, (dist, best) => dist < best);
          counts[c]!++;
          // Running mean: the centroid ends at the mean of its points, but moved along the way.
          current[c] = current[c]!.map((v, i) => v + (p[i]! - v) / counts[c]!);
          return c;
        });
        return { assignments, centroids: current };
      },
    },
    {
      id: "divide-by-all-points",
      hint: "Your centroids match dividing each cluster's coordinate sum by the total number of points. A centroid is the mean of its own points: divide by the number of points assigned to that centroid.",
      solve: ([points, centroids]) => {
        const assignments = assignClusters(points, centroids);
        return { assignments, centroids: updateWith(points, assignments, centroids, (sum, count, old) => (count === 0 ? [...old] : sum.map((s) => s / points.length))) };
      },
    },
    {
      id: "empty-centroid-nan",
      hint: "A centroid with no points came out as NaN (0 / 0 from averaging an empty cluster). A centroid that no point is assigned to must stay where it was.",
      solve: ([points, centroids]) => {
        const assignments = assignClusters(points, centroids);
        return { assignments, centroids: updateWith(points, assignments, centroids, (sum, count) => sum.map((s) => s / count)) };
      },
    },
    {
      id: "empty-centroid-origin",
      hint: "A centroid with no points moved to the origin (all zeros) in your result. A centroid that no point is assigned to must stay where it was.",
      solve: ([points, centroids]) => {
        const assignments = assignClusters(points, centroids);
        return { assignments, centroids: updateWith(points, assignments, centroids, (sum, count) => (count === 0 ? sum : sum.map((s) => s / count))) };
      },
    },
  ],
});
