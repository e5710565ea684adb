import { assertShape } from "./assert.ts";

/**
 * Parameters of a fully connected network with the given layer widths (input first):
 * each pair of consecutive layers (n_in, n_out) has n_in·n_out weights, plus n_out biases
 * when `includeBias`. E.g. [100, 50, 50] without biases: 100·50 + 50·50 = 7,500.
 */
export function countParameters(layerSizes: readonly number[], includeBias: boolean): number {
  assertShape(
    layerSizes.every((n) => Number.isInteger(n) && n > 0),
    "countParameters: layer sizes must be positive integers",
  );
  let total = 0;
  for (let l = 1; l < layerSizes.length; l++) {
    const fanIn = layerSizes[l - 1]!;
    const fanOut = layerSizes[l]!;
    total += fanIn * fanOut + (includeBias ? fanOut : 0);
  }
  return total;
}
