/** A dense layer with a linear activation: W has one row per output unit. */
export interface LinearLayer {
  W: number[][];
  b: number[];
}

export interface Reconstruction {
  /** z = W_e·x + b_e (k numbers). */
  code: number[];
  /** x̂ = W_d·z + b_d (same length as x). */
  reconstruction: number[];
  /** ε = (x̂ − x)ᵀ(x̂ − x): the sum of squared differences, no ½, no averaging. */
  loss: number;
}

/** Encodes x, decodes the code, and measures the reconstruction loss. */
export declare function reconstruct(x: number[], encoder: LinearLayer, decoder: LinearLayer): Reconstruction;
