import { conv2dValid, maxPool2d, shape, transpose, zerosMatrix, type Matrix } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

type Args = [image: number[][], kernel: number[][], poolSize: number];

/** A crop of the handwritten "1" from the lecture's convolution illustration (grey levels 0–1). */
const LECTURE_DIGIT = [
  [0, 0, 0, 0, 0, 0],
  [0, 0.6, 1, 0, 0, 0],
  [0, 0.6, 1, 0, 0, 0],
  [0, 0.6, 1, 0, 0, 0],
  [0, 0.3, 1, 0.5, 0, 0],
  [0, 0, 1, 0.5, 0, 0],
  [0, 0, 1, 1, 0, 0],
  [0, 0, 1, 1, 0, 0],
  [0, 0.8, 0.8, 1, 0, 0],
  [0, 0.8, 0.8, 1, 0.2, 0],
  [0, 0.3, 1, 0.2, 0, 0],
  [0, 0, 0, 0, 0, 0],
];

const DIAGONAL_FILTER = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** A grey-level image with 2-decimal entries in [0, 1]. */
function randomImage(rng: Rng, rows: number, cols: number): number[][] {
  return rng.matrix(rows, cols, 0, 1);
}

/** A kernel that is not symmetric under flipping or transposing (entries differ pairwise with high probability). */
function randomKernel(rng: Rng, rows: number, cols: number): number[][] {
  return rng.matrix(rows, cols, -2, 2);
}

function rotate180(m: Matrix): number[][] {
  return [...m].reverse().map((row) => [...row].reverse());
}

/** Zero padding that keeps the size, split like TensorFlow's "same": the extra row/column goes after. */
function padSame(image: Matrix, kh: number, kw: number): number[][] {
  const [h, w] = shape(image);
  const top = Math.floor((kh - 1) / 2);
  const left = Math.floor((kw - 1) / 2);
  const padded = zerosMatrix(h + kh - 1, w + kw - 1);
  image.forEach((row, i) => row.forEach((v, j) => (padded[i + top]![j + left] = v)));
  return padded;
}

/**
 * Pooling with a custom reducer and stride; `overhang` keeps the partial windows at the edges.
 * The pooling mistakes differ only in these choices.
 */
function poolWith(map: Matrix, size: number, stride: number, reduce: (values: number[]) => number, overhang = false): number[][] {
  const [h, w] = shape(map);
  const count = (n: number) => (overhang ? Math.ceil(n / stride) : n >= size ? Math.floor((n - size) / stride) + 1 : 0);
  return Array.from({ length: count(h) }, (_, i) =>
    Array.from({ length: count(w) }, (_, j) => {
      const values: number[] = [];
      for (let u = 0; u < size; u++)
        for (let v = 0; v < size; v++) {
          const value = map[i * stride + u]?.[j * stride + v];
          if (value !== undefined) values.push(value);
        }
      return reduce(values);
    }),
  );
}

export default defineExercise<Args, number[][]>({
  id: "conv-maxpool",
  title: "Convolution and max pooling",
  summary: "Slide a filter over an image (a CNN's valid convolution, stride 1) to get a feature map, then shrink it with non-overlapping max pooling.",
  topics: ["cnn", "convolution", "pooling", "neural-networks"],
  difficulty: "core",
  entry: "convMaxPool",
  params: ["image", "kernel", "poolSize"],
  picture: "conv-maxpool",
  output: out.matrix({ rtol: 1e-6, atol: 1e-9 }),
  cases(rng) {
    const visible: TestCase<Args>[] = [
      {
        name: "statement example",
        args: [
          [
            [1, 2, 0, 1, 3],
            [0, 1, 3, 1, 0],
            [2, 0, 1, 2, 1],
            [1, 3, 0, 0, 2],
          ],
          [
            [1, 0],
            [0, -1],
          ],
          2,
        ],
      },
      { name: "lecture example: diagonal 3×3 filter over a handwritten 1, 2×2 pooling", args: [LECTURE_DIGIT, DIAGONAL_FILTER, 2] },
      { name: "2×3 filter on a 5×8 image, 2×2 pooling", args: [randomImage(rng, 5, 8), randomKernel(rng, 2, 3), 2] },
      { name: "3×3 filter on a 7×6 image: the last feature-map row has no full window", args: [randomImage(rng, 7, 6), randomKernel(rng, 3, 3), 2] },
    ];

    const hidden: TestCase<Args>[] = [
      {
        name: "vertical-edge filter over the lecture's digit",
        args: [
          LECTURE_DIGIT,
          [
            [1, 0, -1],
            [1, 0, -1],
            [1, 0, -1],
          ],
          2,
        ],
      },
      { name: "a feature map that is negative everywhere", args: [rng.matrix(6, 7, 0.1, 1), rng.matrix(2, 2, -2, -0.1), 2] },
      { name: "square 2×2 filter on a 9×7 image", args: [randomImage(rng, 9, 7), randomKernel(rng, 2, 2), 2] },
      { name: "tall 3×1 filter, 3×3 pooling", args: [randomImage(rng, 8, 9), randomKernel(rng, 3, 1), 3] },
      { name: "wide 1×4 filter on an 8×7 image", args: [randomImage(rng, 8, 7), randomKernel(rng, 1, 4), 2] },
      { name: "1×1 filter", args: [randomImage(rng, 6, 5), [[rng.uniform(-3, 3)]], 2] },
      { name: "pool size 1 (no reduction)", args: [randomImage(rng, 5, 6), randomKernel(rng, 2, 3), 1] },
      { name: "one pooling window covers the whole feature map", args: [randomImage(rng, 5, 7), randomKernel(rng, 2, 4), 4] },
      { name: "filter as large as the image", args: [randomImage(rng, 3, 4), randomKernel(rng, 3, 4), 1] },
      {
        name: "integer image and filter, 3×3 pooling with leftover rows and columns",
        args: [
          Array.from({ length: 11 }, () => Array.from({ length: 12 }, () => rng.int(0, 9))),
          Array.from({ length: 2 }, () => Array.from({ length: 3 }, () => rng.int(-3, 3))),
          3,
        ],
      },
    ];
    return { visible, hidden };
  },
  solve([image, kernel, poolSize]) {
    return maxPool2d(conv2dValid(image, kernel), poolSize);
  },
  mistakes: [
    {
      id: "flipped-kernel",
      hint: "Your result matches flipping the filter (rotating it 180°) before sliding it, as in the mathematical definition of convolution. CNNs do not flip: output (i, j) is Σᵤ Σᵥ image[i + u][j + v] · kernel[u][v].",
      solve: ([image, kernel, poolSize]) => maxPool2d(conv2dValid(image, rotate180(kernel)), poolSize),
    },
    {
      id: "transposed-kernel",
      hint: "Your result matches using the filter transposed (kernel[v][u] instead of kernel[u][v]). The filter's row index u moves down the image together with i, its column index v along the row with j.",
      solve: ([image, kernel, poolSize]) => {
        const [kh, kw] = shape(kernel);
        // With a non-square filter, swapped indices read past the filter's edge: no defined output.
        if (kh !== kw) throw new Error("transposed-kernel: only square filters");
        return maxPool2d(conv2dValid(image, transpose(kernel)), poolSize);
      },
    },
    {
      id: "same-padding",
      hint: "Your feature map matches padding the image with zeros so that it keeps the image's size ('same' convolution). Here the convolution is 'valid': no padding, and the filter must fit entirely inside the image, so the feature map is (H − kh + 1) × (W − kw + 1).",
      solve: ([image, kernel, poolSize]) => {
        const [kh, kw] = shape(kernel);
        return maxPool2d(conv2dValid(padSame(image, kh, kw), kernel), poolSize);
      },
    },
    {
      id: "off-by-one-output",
      hint: "Your result matches a feature map missing its last row and column. A filter of height kh fits at H − kh + 1 vertical positions (i = 0 … H − kh), and likewise horizontally.",
      solve: ([image, kernel, poolSize]) => {
        const full = conv2dValid(image, kernel);
        const trimmed = full.slice(0, -1).map((row) => row.slice(0, -1));
        return trimmed.length === 0 || trimmed[0]!.length === 0 ? [] : maxPool2d(trimmed, poolSize);
      },
    },
    {
      id: "average-pooling",
      hint: "Your result matches average pooling. Max pooling keeps the largest value of each poolSize × poolSize window.",
      solve: ([image, kernel, poolSize]) => poolWith(conv2dValid(image, kernel), poolSize, poolSize, (values) => values.reduce((s, v) => s + v, 0) / values.length),
    },
    {
      id: "pool-stride-one",
      hint: "Your result matches pooling windows that overlap, moved one entry at a time. The windows move by poolSize (stride = poolSize), so they do not overlap.",
      solve: ([image, kernel, poolSize]) => maxPool2d(conv2dValid(image, kernel), poolSize, 1),
    },
    {
      id: "overhanging-windows",
      hint: "Your result keeps partial pooling windows at the bottom or right edge. Drop a window that would overhang the feature map: the pooled size is ⌊H′ / poolSize⌋ × ⌊W′ / poolSize⌋.",
      solve: ([image, kernel, poolSize]) => poolWith(conv2dValid(image, kernel), poolSize, poolSize, (values) => Math.max(...values), true),
    },
    {
      id: "max-starts-at-zero",
      hint: "Where every value in a pooling window is negative, your maximum came out as 0. Start the maximum from the window's first value (or −Infinity), not from 0.",
      solve: ([image, kernel, poolSize]) => poolWith(conv2dValid(image, kernel), poolSize, poolSize, (values) => Math.max(0, ...values)),
    },
  ],
});
