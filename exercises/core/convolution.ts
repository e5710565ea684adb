import { assertShape } from "./assert.ts";
import { shape, type Matrix } from "./matrix.ts";

/**
 * "Valid" 2-D convolution with stride 1, as CNN layers compute it (the filter is slid
 * over the image without flipping, i.e. cross-correlation): each output entry is the dot
 * product of the filter with the image patch under it. Output is (H − kh + 1) × (W − kw + 1).
 */
export function conv2dValid(image: Matrix, kernel: Matrix): number[][] {
  const [h, w] = shape(image);
  const [kh, kw] = shape(kernel);
  assertShape(kh > 0 && kw > 0 && kh <= h && kw <= w, `conv2dValid: a ${kh}×${kw} filter does not fit a ${h}×${w} image`);
  return Array.from({ length: h - kh + 1 }, (_, i) =>
    Array.from({ length: w - kw + 1 }, (_, j) => {
      let total = 0;
      for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) total += image[i + u]![j + v]! * kernel[u]![v]!;
      return total;
    }),
  );
}

/** Max pooling over size×size windows moved by `stride`; windows that would overhang the edge are dropped. */
export function maxPool2d(map: Matrix, size: number, stride = size): number[][] {
  const [h, w] = shape(map);
  assertShape(Number.isInteger(size) && size > 0 && Number.isInteger(stride) && stride > 0, "maxPool2d: size and stride must be positive integers");
  const outH = h >= size ? Math.floor((h - size) / stride) + 1 : 0;
  const outW = w >= size ? Math.floor((w - size) / stride) + 1 : 0;
  return Array.from({ length: outH }, (_, i) =>
    Array.from({ length: outW }, (_, j) => {
      let best = -Infinity;
      for (let u = 0; u < size; u++) for (let v = 0; v < size; v++) best = Math.max(best, map[i * stride + u]![j * stride + v]!);
      return best;
    }),
  );
}

/**
 * Side length of a convolution's output: ⌊(n + 2·padding − k) / stride⌋ + 1 for an n-wide input
 * and a k-wide filter (28, 5, stride 1, no padding → 24).
 */
export function convOutputSize(n: number, k: number, stride = 1, padding = 0): number {
  assertShape([n, k, stride].every((v) => Number.isInteger(v) && v > 0) && Number.isInteger(padding) && padding >= 0, "convOutputSize: sizes must be positive integers");
  assertShape(k <= n + 2 * padding, `convOutputSize: a ${k}-wide filter does not fit a ${n}-wide input with padding ${padding}`);
  return Math.floor((n + 2 * padding - k) / stride) + 1;
}
