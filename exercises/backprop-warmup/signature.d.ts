/** The partial derivatives of f = (x + y)·z at one point. */
export interface Gradients {
  /** ∂f/∂x */
  dx: number;
  /** ∂f/∂y */
  dy: number;
  /** ∂f/∂z */
  dz: number;
}

/** The gradient of f(x, y, z) = (x + y)·z at (x, y, z), by the chain rule through q = x + y. */
export declare function gradients(x: number, y: number, z: number): Gradients;
