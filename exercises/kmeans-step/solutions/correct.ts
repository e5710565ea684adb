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

  const updated = centroids.map((centroid, c) => {
    const members = points.filter((_, j) => assignments[j] === c);
    if (members.length === 0) return [...centroid];
    return centroid.map((_, i) => members.reduce((sum, p) => sum + p[i]!, 0) / members.length);
  });

  return { assignments, centroids: updated };
}
