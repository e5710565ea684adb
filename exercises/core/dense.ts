import { activation, type ActivationName } from "./activations.ts";
import { matVec, shape, type Matrix } from "./matrix.ts";
import { add, type Vector } from "./vector.ts";
import { assertShape } from "./assert.ts";

/** A fully connected layer: a = g(W·a_prev + b), W of shape (out × in). */
export interface DenseLayer {
  readonly W: Matrix;
  readonly b: Vector;
  readonly activation: ActivationName;
}

export interface LayerTrace {
  /** Pre-activation z = W·a_prev + b. */
  readonly z: number[];
  /** Activation a = g(z). */
  readonly a: number[];
}

export function denseForward(layer: DenseLayer, input: Vector): LayerTrace {
  const [out] = shape(layer.W);
  assertShape(layer.b.length === out, `dense layer: W has ${out} rows but b has ${layer.b.length} entries`);
  const g = activation(layer.activation);
  const z = add(matVec(layer.W, input), layer.b);
  return { z, a: z.map((v) => g.value(v)) };
}

/** Runs every layer in turn and keeps each layer's z and a (backprop needs them). */
export function forwardTrace(x: Vector, layers: readonly DenseLayer[]): LayerTrace[] {
  const traces: LayerTrace[] = [];
  let input: Vector = x;
  for (const layer of layers) {
    const trace = denseForward(layer, input);
    traces.push(trace);
    input = trace.a;
  }
  return traces;
}

/** The network's output: the last layer's activations (x itself when there are no layers). */
export function forward(x: Vector, layers: readonly DenseLayer[]): number[] {
  const traces = forwardTrace(x, layers);
  return traces.at(-1)?.a ?? [...x];
}
