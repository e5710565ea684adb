import { activation } from "./activations.ts";
import { forwardTrace, type DenseLayer } from "./dense.ts";
import { squaredLoss } from "./losses.ts";
import { matVec, outer, transpose, type Matrix } from "./matrix.ts";
import { hadamard, type Vector } from "./vector.ts";

export interface LayerGradient {
  readonly dW: number[][];
  readonly db: number[];
}

export interface BackpropResult {
  readonly loss: number;
  /** One entry per layer, in the same order as the layers. */
  readonly gradients: LayerGradient[];
}

/**
 * Gradients of J = ½ Σ (ŷ − y)² with respect to every layer's W and b.
 * Backward pass: δ_L = (ŷ − y) ∘ g'(z_L); δ_l = (W_{l+1}ᵀ δ_{l+1}) ∘ g'(z_l);
 * ∂J/∂W_l = δ_l a_{l−1}ᵀ and ∂J/∂b_l = δ_l.
 */
export function backpropSquaredLoss(x: Vector, y: Vector, layers: readonly DenseLayer[]): BackpropResult {
  const traces = forwardTrace(x, layers);
  const output = traces.at(-1)?.a ?? [...x];
  const { loss, gradient } = squaredLoss(output, y);

  const gradients: LayerGradient[] = new Array(layers.length);
  let upstream: number[] = gradient; // ∂J/∂a_l
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l]!;
    const g = activation(layer.activation);
    const delta = hadamard(
      upstream,
      traces[l]!.z.map((z) => g.derivative(z)),
    );
    const input = l === 0 ? x : traces[l - 1]!.a;
    gradients[l] = { dW: outer(delta, input), db: delta };
    upstream = matVec(transpose(layer.W), delta);
  }
  return { loss, gradients };
}

export interface TwoLayerGradients {
  readonly dW1: number[][];
  readonly db1: number[];
  readonly dW2: number[][];
  readonly db2: number[];
}

/** The lectures' two-layer sigmoid network h = σ(W1·x + b1), ŷ = σ(W2·h + b2) under squared loss. */
export function twoLayerSigmoidGradients(x: Vector, y: Vector, W1: Matrix, b1: Vector, W2: Matrix, b2: Vector): TwoLayerGradients {
  const { gradients } = backpropSquaredLoss(x, y, [
    { W: W1, b: b1, activation: "sigmoid" },
    { W: W2, b: b2, activation: "sigmoid" },
  ]);
  const [first, second] = gradients as [LayerGradient, LayerGradient];
  return { dW1: first.dW, db1: first.db, dW2: second.dW, db2: second.db };
}

/** f(x, y, z) = (x + y)·z and its gradient by the chain rule through q = x + y. */
export function sumTimesGradients(x: number, y: number, z: number): { f: number; dx: number; dy: number; dz: number } {
  const q = x + y;
  const dq = z; // ∂f/∂q
  return { f: q * z, dx: dq * 1, dy: dq * 1, dz: q };
}
