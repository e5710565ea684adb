interface KMeansStepResult {
  assignments: number[];
  centroids: number[][];
}

function squaredDistance(a: number[], b: number[]): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i]! - b[i]!) ** 2;
  return total;
}

// Mistake: moves a centroid (running mean) as soon as a point joins it,
// so later points are compared with centroids that have already moved.
export function kmeansStep(points: number[][], centroids: number[][]): KMeansStepResult {
  const current = centroids.map((c) => [...c]);
  const counts = centroids.map(() => 0);
  const assignments: number[] = [];
  for (const point of points) {
    let best = 0;
    for (let c = 1; c < current.length; c++) {
      if (squaredDistance(point, current[c]!) < squaredDistance(point, current[best]!)) best = c;
    }
    assignments.push(best);
    counts[best]!++;
    current[best] = current[best]!.map((v, i) => v + (point[i]! - v) / counts[best]!);
  }
  return { assignments, centroids: current };
}
