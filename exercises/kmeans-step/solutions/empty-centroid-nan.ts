interface KMeansStepResult {
  assignments: number[];
  centroids: number[][];
}

function squaredDistance(a: number[], b: number[]): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i]! - b[i]!) ** 2;
  return total;
}

export function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult {
  const assignments = points.map((point) => {
    let best = 0;
    for (let c = 1; c < centroids.length; c++) {
      if (squaredDistance(point, centroids[c]!) < squaredDistance(point, centroids[best]!)) best = c;
    }
    return best;
  });

  const sums = centroids.map((c) => c.map(() => 0));
  const counts = centroids.map(() => 0);
  points.forEach((p, j) => {
    const c = assignments[j]!;
    counts[c]!++;
    p.forEach((v, i) => (sums[c]![i]! += v));
  });
  // Mistake: an empty cluster divides 0 by 0.
  const updated = sums.map((sum, c) => sum.map((s) => s / counts[c]!));

  return { assignments, centroids: updated };
}
