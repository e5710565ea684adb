export function countParameters(layerSizes: number[], includeBias: boolean): number {
  let total = 0;
  for (let l = 1; l < layerSizes.length; l++) {
    const inputs = layerSizes[l - 1]!;
    const units = layerSizes[l]!;
    total += inputs * units;
    if (includeBias) total += units;
  }
  return total;
}
