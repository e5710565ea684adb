/**
 * The number of trainable parameters of a fully connected network.
 * @param layerSizes the widths of the layers, input first, then each hidden layer, then the output
 *   (positive integers, at least one entry).
 * @param includeBias whether every non-input unit also has a bias.
 */
export declare function countParameters(layerSizes: number[], includeBias: boolean): number;
