import { denseForward, sumSquaredError } from "../core/index.ts";
import { defineExercise, type TestCase } from "../spec/define.ts";
import { out } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

/** A linear layer: W has one row per output unit. */
type Layer = { W: number[][]; b: number[] };
type Args = [x: number[], encoder: Layer, decoder: Layer];
interface Out {
  code: number[];
  reconstruction: number[];
  loss: number;
}

function encodeDecode(x: readonly number[], encoder: Layer, decoder: Layer): { code: number[]; reconstruction: number[] } {
  const code = denseForward({ ...encoder, activation: "linear" }, x).a;
  return { code, reconstruction: denseForward({ ...decoder, activation: "linear" }, code).a };
}

function reference([x, encoder, decoder]: Args): Out {
  const { code, reconstruction } = encodeDecode(x, encoder, decoder);
  return { code, reconstruction, loss: sumSquaredError(reconstruction, x).loss };
}

/** Same code and reconstruction as the reference, with the loss computed another way. */
function withLoss(args: Args, loss: (out: Out) => number): Out {
  const result = reference(args);
  return { ...result, loss: loss(result) };
}

/** An auto-encoder n → k → n with random weights and biases. */
function randomAutoencoder(rng: Rng, n: number, k: number): Args {
  return [rng.vector(n, -3, 3), { W: rng.matrix(k, n, -1, 1), b: rng.vector(k, -0.5, 0.5) }, { W: rng.matrix(n, k, -1, 1), b: rng.vector(n, -0.5, 0.5) }];
}

/** The lecture's auto-encoder: z = x₁ + 0.5·x₂, x̂ = (0.5·z, z); it reproduces points with x₂ = 2x₁. */
const LECTURE_ENCODER: Layer = { W: [[1, 0.5]], b: [0] };
const LECTURE_DECODER: Layer = { W: [[0.5], [1]], b: [0, 0] };

export default defineExercise<Args, Out>({
  id: "autoencoder-reconstruction",
  title: "Auto-encoder reconstruction and its loss",
  summary: "Encode an input with a linear layer, decode the code with another, and compute the reconstruction loss ε = (x̂ − x)ᵀ(x̂ − x).",
  topics: ["neural-networks", "auto-encoders", "unsupervised-learning", "losses", "forward-pass"],
  difficulty: "warm-up",
  entry: "reconstruct",
  params: ["x", "encoder", "decoder"],
  picture: "autoencoder",
  output: out.object({ code: out.vector(), reconstruction: out.vector(), loss: out.number() }),
  cases(rng) {
    const onLine = rng.int(2, 5);
    const visible: TestCase<Args>[] = [
      { name: "lecture example: x = (1, 2) is reconstructed exactly", args: [[1, 2], LECTURE_ENCODER, LECTURE_DECODER] },
      { name: "lecture auto-encoder: x = (2, 1) is not", args: [[2, 1], LECTURE_ENCODER, LECTURE_DECODER] },
      { name: "bottleneck 3 → 1 → 3 with biases", args: randomAutoencoder(rng, 3, 1) },
      { name: "plain auto-encoder 2 → 2 → 2 (no bottleneck)", args: randomAutoencoder(rng, 2, 2) },
    ];
    const hidden: TestCase<Args>[] = [
      { name: "lecture auto-encoder: another point on the line x₂ = 2x₁", args: [[onLine, 2 * onLine], LECTURE_ENCODER, LECTURE_DECODER] },
      { name: "lecture auto-encoder: a point off the line", args: [[rng.uniform(-3, 3), rng.uniform(-3, 3)], LECTURE_ENCODER, LECTURE_DECODER] },
      { name: "bottleneck 4 → 2 → 4", args: randomAutoencoder(rng, 4, 2) },
      { name: "plain auto-encoder 3 → 3 → 3", args: randomAutoencoder(rng, 3, 3) },
      { name: "wider code than input (2 → 3 → 2)", args: randomAutoencoder(rng, 2, 3) },
      { name: "five inputs, code of one", args: randomAutoencoder(rng, 5, 1) },
      {
        name: "identity auto-encoder reconstructs exactly",
        args: [
          rng.vector(3, -3, 3),
          {
            W: [
              [1, 0, 0],
              [0, 1, 0],
              [0, 0, 1],
            ],
            b: [0, 0, 0],
          },
          {
            W: [
              [1, 0, 0],
              [0, 1, 0],
              [0, 0, 1],
            ],
            b: [0, 0, 0],
          },
        ],
      },
    ];
    return { visible, hidden };
  },
  solve(args) {
    return reference(args);
  },
  mistakes: [
    {
      id: "half-loss",
      hint: "Your loss is half the expected value. The reconstruction loss ε = (x̂ − x)ᵀ(x̂ − x) has no ½ factor (unlike the squared loss ½Σ(ŷ − y)² used for regression) and is not divided by anything.",
      solve: (args) => withLoss(args, ({ loss }) => loss / 2),
    },
    {
      id: "mean-loss",
      hint: "Your loss matches the mean of the squared differences. ε = (x̂ − x)ᵀ(x̂ − x) is their sum: do not divide by the number of entries.",
      solve: (args) => withLoss(args, ({ loss }) => loss / args[0].length),
    },
    {
      id: "transposed-decoder",
      hint: "Your reconstruction matches using the decoder's W transposed. Each layer's W has one row per output unit: the decoder's W is (inputs × code size), and x̂_i = Σⱼ W[i][j]·z_j + b_i.",
      solve: ([x, encoder, decoder]) => {
        const code = denseForward({ ...encoder, activation: "linear" }, x).a;
        // Reading row j ≥ n of W throws in the student's code: no output to recognise.
        if (decoder.W.length < code.length) throw new Error("reads past the rows of W");
        // Unit i reads column i; entries past the end of a row are undefined in JavaScript, hence NaN.
        const reconstruction = decoder.b.map((bi, i) => code.reduce((s, zj, j) => s + (decoder.W[j]![i] ?? Number.NaN) * zj, bi));
        return { code, reconstruction, loss: reconstruction.reduce((s, v, i) => s + (v - x[i]!) ** 2, 0) };
      },
    },
    {
      id: "loss-against-code",
      hint: "Your loss compares the reconstruction with the code z. An auto-encoder reconstructs its input: the loss is ε = (x̂ − x)ᵀ(x̂ − x), with x the input.",
      solve: (args) => withLoss(args, ({ code, reconstruction }) => reconstruction.reduce((s, v, i) => s + (v - (code[i] ?? Number.NaN)) ** 2, 0)),
    },
  ],
});
