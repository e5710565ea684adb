export interface Gradients {
  dx: number;
  dy: number;
  dz: number;
}

// Mistake: mixes up ∂f/∂q and ∂f/∂z.
export function gradients(x: number, y: number, z: number): Gradients {
  const q = x + y;
  const dfdq = q;
  const dfdz = z;
  return { dx: dfdq, dy: dfdq, dz: dfdz };
}
