export interface Gradients {
  dx: number;
  dy: number;
  dz: number;
}

export function gradients(x: number, y: number, z: number): Gradients {
  const q = x + y;
  const dfdq = z; // f = q·z
  const dfdz = q;
  return { dx: dfdq * 1, dy: dfdq * 1, dz: dfdz };
}
