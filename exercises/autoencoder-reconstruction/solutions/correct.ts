interface LinearLayer {
  W: number[][];
  b: number[];
}

function linear({ W, b }: LinearLayer, input: number[]): number[] {
  return W.map((row, i) => row.reduce((sum, w, j) => sum + w * input[j]!, b[i]!));
}

export function reconstruct(x: number[], encoder: LinearLayer, decoder: LinearLayer): { code: number[]; reconstruction: number[]; loss: number } {
  const code = linear(encoder, x);
  const reconstruction = linear(decoder, code);
  const loss = reconstruction.reduce((sum, v, i) => sum + (v - x[i]!) ** 2, 0);
  return { code, reconstruction, loss };
}
