interface KMeansStepResult {
  assignments: number[];
  centroids: number[][];
}

function squaredDistance(a: number[], b: number[]): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i]! - b[i]!) ** 2;
  return total;
}

// Mistake: `<=` lets a later, equally close centroid take the point.
export function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult {
  const assignments = points.map((point) => {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < centroids.length; c++) {
      const d = squaredDistance(point, centroids[c]!);
      if (d <= bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  });

  const updated = centroids.map((centroid, c) => {
    const members = points.filter((_, j) => assignments[j] === c);
    if (members.length === 0) return [...centroid];
    return centroid.map((_, i) => members.reduce((sum, p) => sum + p[i]!, 0) / members.length);
  });

  return { assignments, centroids: updated };
}
