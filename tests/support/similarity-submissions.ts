/**
 * Submissions to kmeans-step for similarity tests: a copied pair (the second one renamed,
 * re-commented, re-laid-out, with other literals and no semicolons), two honest solutions
 * written into the starter, a student who handed in the starter untouched, and a Python pair.
 */

/** Written from scratch: the original of the copy. */
export const COPY_ORIGINAL = `export function kmeansStep(points: number[][], centroids: number[][]) {
  // label every point with its closest centroid
  const labels: number[] = [];
  for (const p of points) {
    let bestIndex = 0;
    let bestDistance = Infinity;
    centroids.forEach((centre, index) => {
      const d = centre.reduce((acc, value, dim) => acc + (value - p[dim]!) * (value - p[dim]!), 0);
      if (d < bestDistance) {
        bestDistance = d;
        bestIndex = index;
      }
    });
    labels.push(bestIndex);
  }
  // average the members of each cluster; empty clusters keep their centroid
  const sums = centroids.map((centre) => centre.map(() => 0));
  const sizes = centroids.map(() => 0);
  labels.forEach((label, j) => {
    sizes[label]!++;
    points[j]!.forEach((value, dim) => (sums[label]![dim]! += value));
  });
  const moved = sums.map((sum, index) => (sizes[index] === 0 ? [...centroids[index]!] : sum.map((s) => s / sizes[index]!)));
  return { assignments: labels, centroids: moved };
}
`;

/** The same program with every name changed, other comments, other layout, no semicolons. */
export const COPY_RENAMED = `export function kmeansStep(data: number[][], means: number[][]) {
  /* step 1: nearest mean for each sample */
  let owner: number[] = []
  for (const sample of data) {
    let winner = 0
    let closest = Number.POSITIVE_INFINITY
    means.forEach((m, k) => {
      const dist = m.reduce((total, x, axis) =>
        total + (x - sample[axis]!) * (x - sample[axis]!), 0)
      if (dist < closest) {
        closest = dist
        winner = k
      }
    })
    owner.push(winner)
  }

  // step 2: recompute means
  const totals = means.map((m) => m.map(() => 0.0))
  const counts = means.map(() => 0.0)
  owner.forEach((o, i) => {
    counts[o]!++
    data[i]!.forEach((x, axis) => (totals[o]![axis]! += x))
  })
  const result = totals.map((t, k) =>
    (counts[k] === 0 ? [...means[k]!] : t.map((v) => v / counts[k]!)))
  return { assignments: owner, centroids: result }
}
`;

/** Honest: fills in the starter's TODOs with loops. */
export const HONEST_LOOPS = `export interface KMeansStepResult {
  assignments: number[]; // assignments[j] = index of the centroid point j belongs to
  centroids: number[][]; // the centroids after the update step
}

export function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult {
  // TODO 1: assign each point to the nearest centroid (squared Euclidean distance, ties → lowest index).
  const assignments = points.map(() => 0);
  for (let j = 0; j < points.length; j++) {
    let nearest = 0;
    let smallest = Infinity;
    for (let c = 0; c < centroids.length; c++) {
      let squared = 0;
      for (let d = 0; d < points[j]!.length; d++) squared += (points[j]![d]! - centroids[c]![d]!) ** 2;
      if (squared < smallest) {
        smallest = squared;
        nearest = c;
      }
    }
    assignments[j] = nearest;
  }

  // TODO 2: move each centroid to the mean of its points (a centroid with no points stays put).
  const updated = centroids.map((centroid) => [...centroid]);
  for (let c = 0; c < centroids.length; c++) {
    const mine = points.filter((_, j) => assignments[j] === c);
    if (mine.length > 0) updated[c] = centroids[c]!.map((_, d) => mine.reduce((s, p) => s + p[d]!, 0) / mine.length);
  }

  return { assignments, centroids: updated };
}
`;

/** Honest: fills in the starter with helper functions and array methods. */
export const HONEST_HELPERS = `export interface KMeansStepResult {
  assignments: number[]; // assignments[j] = index of the centroid point j belongs to
  centroids: number[][]; // the centroids after the update step
}

const dist2 = (u: number[], v: number[]) => u.reduce((s, x, i) => s + (x - v[i]!) ** 2, 0);

function argmin(values: number[]): number {
  let at = 0;
  values.forEach((v, i) => {
    if (v < values[at]!) at = i;
  });
  return at;
}

export function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult {
  // TODO 1: assign each point to the nearest centroid (squared Euclidean distance, ties → lowest index).
  const assignments = points.map((p) => argmin(centroids.map((c) => dist2(p, c))));

  // TODO 2: move each centroid to the mean of its points (a centroid with no points stays put).
  const updated = centroids.map((centroid, c) => {
    const members = points.filter((_, j) => assignments[j] === c);
    if (members.length === 0) return [...centroid];
    const mean = new Array(centroid.length).fill(0);
    for (const m of members) m.forEach((x, i) => (mean[i] += x / members.length));
    return mean;
  });

  return { assignments, centroids: updated };
}
`;

/** A Python copy pair: the second renamed and re-commented. */
export const PYTHON_ORIGINAL = `def kmeans_step(points, centroids):
    labels = []
    for p in points:
        scores = [sum((a - b) ** 2 for a, b in zip(p, c)) for c in centroids]
        labels.append(scores.index(min(scores)))
    new_centroids = []
    for k, c in enumerate(centroids):
        group = [p for p, label in zip(points, labels) if label == k]
        if group:
            new_centroids.append([sum(col) / len(group) for col in zip(*group)])
        else:
            new_centroids.append(list(c))
    return {"assignments": labels, "centroids": new_centroids}
`;

export const PYTHON_RENAMED = `def kmeans_step(points, centroids):
    # which centroid is closest
    owner = []
    for x in points:
        d = [sum((u - v) ** 2 for u, v in zip(x, m)) for m in centroids]
        owner.append(d.index(min(d)))
    # new means
    means = []
    for i, m in enumerate(centroids):
        cluster = [x for x, o in zip(points, owner) if o == i]
        if cluster:
            means.append([sum(axis) / len(cluster) for axis in zip(*cluster)])
        else:
            means.append(list(m))
    return {'assignments': owner, 'centroids': means}
`;
