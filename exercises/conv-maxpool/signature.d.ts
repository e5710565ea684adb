/**
 * "Valid" 2-D convolution with stride 1, as CNNs compute it (the filter is not flipped), followed
 * by max pooling over non-overlapping poolSize × poolSize windows (windows that would overhang
 * the edge are dropped).
 *
 * @param image  H × W matrix, one array per row.
 * @param kernel kh × kw filter (kh ≤ H, kw ≤ W), one array per row.
 * @param poolSize side p of the pooling windows, which also move by p.
 * @returns a ⌊(H − kh + 1) / p⌋ × ⌊(W − kw + 1) / p⌋ matrix.
 */
export declare function convMaxPool(image: number[][], kernel: number[][], poolSize: number): number[][];
