// layerSizes: input width, hidden widths..., output width, e.g. [784, 256, 128, 10].
export function countParameters(layerSizes: number[], includeBias: boolean): number {
  let total = 0;
  // TODO: add the parameters between each pair of consecutive layers.
  return total;
}
