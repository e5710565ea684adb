export interface LinearLayer {
  W: number[][]; // one row per output unit
  b: number[]; // one bias per output unit
}

export interface Reconstruction {
  code: number[]; // z = W_e·x + b_e
  reconstruction: number[]; // x̂ = W_d·z + b_d
  loss: number; // ε = (x̂ − x)ᵀ(x̂ − x)
}

export function reconstruct(x: number[], encoder: LinearLayer, decoder: LinearLayer): Reconstruction {
  // TODO: encode x, decode the code, and compute the reconstruction loss.
  const code: number[] = encoder.b.map(() => 0);
  const reconstruction: number[] = decoder.b.map(() => 0);
  return { code, reconstruction, loss: 0 };
}
