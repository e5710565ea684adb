// Mistake: never adds the biases, whatever includeBias says.
export function countParameters(layerSizes: number[], includeBias: boolean): number {
  let total = 0;
  for (let l = 1; l < layerSizes.length; l++) {
    total += layerSizes[l - 1]! * layerSizes[l]!;
  }
  return total;
}
