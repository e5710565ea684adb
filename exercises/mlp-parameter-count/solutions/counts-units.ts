// Mistake: counts the units (neurons) instead of the connections between them.
export function countParameters(layerSizes: number[], includeBias: boolean): number {
  let total = 0;
  for (const n of layerSizes) total += n;
  return total;
}
