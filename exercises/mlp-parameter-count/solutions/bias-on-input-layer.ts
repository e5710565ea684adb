export function countParameters(layerSizes: number[], includeBias: boolean): number {
  let total = 0;
  for (let l = 1; l < layerSizes.length; l++) {
    total += layerSizes[l - 1]! * layerSizes[l]!;
  }
  // Mistake: one bias for every unit, the inputs included.
  if (includeBias) {
    for (const n of layerSizes) total += n;
  }
  return total;
}
