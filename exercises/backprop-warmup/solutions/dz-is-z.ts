export interface Gradients {
  dx: number;
  dy: number;
  dz: number;
}

// Mistake: takes ∂(q·z)/∂z to be z.
export function gradients(x: number, y: number, z: number): Gradients {
  const dfdq = z;
  return { dx: dfdq, dy: dfdq, dz: z };
}
