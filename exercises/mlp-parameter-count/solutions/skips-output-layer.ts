export function countParameters(layerSizes: number[], includeBias: boolean): number {
  let total = 0;
  // Mistake: off by one, the weights into the output layer are never counted.
  for (let l = 1; l < layerSizes.length - 1; l++) {
    total += layerSizes[l - 1]! * layerSizes[l]!;
    if (includeBias) total += layerSizes[l]!;
  }
  return total;
}
