export type Activation = "step" | "sigmoid" | "tanh" | "relu" | "linear";

export interface Layer {
  /** Weights, one row per output unit: shape (units × inputs). */
  W: number[][];
  /** One bias per output unit. */
  b: number[];
  activation: Activation;
}

/** The network's output: the last layer's activations. */
export declare function forward(x: number[], layers: Layer[]): number[];
