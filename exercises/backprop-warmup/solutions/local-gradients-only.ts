export interface Gradients {
  dx: number;
  dy: number;
  dz: number;
}

// Mistake: stops at the local gradients of q = x + y, without the upstream ∂f/∂q.
export function gradients(x: number, y: number, z: number): Gradients {
  const q = x + y;
  return { dx: 1, dy: 1, dz: q };
}
