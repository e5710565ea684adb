export interface Gradients {
  dx: number; // ∂f/∂x
  dy: number; // ∂f/∂y
  dz: number; // ∂f/∂z
}

export function gradients(x: number, y: number, z: number): Gradients {
  // Forward pass: the intermediate value and the output.
  const q = x + y;
  const f = q * z;

  // TODO: backward pass. Start from ∂f/∂f = 1 and apply the chain rule.
  return { dx: 0, dy: 0, dz: 0 };
}
