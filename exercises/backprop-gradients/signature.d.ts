/** ∂J/∂θ for every parameter θ, each with the shape of θ. */
export interface Gradients {
  /** ∂J/∂W1: one row per hidden unit, one column per input (hidden × inputs). */
  dW1: number[][];
  /** ∂J/∂b1: one entry per hidden unit. */
  db1: number[];
  /** ∂J/∂W2: one row per output unit, one column per hidden unit (outputs × hidden). */
  dW2: number[][];
  /** ∂J/∂b2: one entry per output unit. */
  db2: number[];
}

/**
 * Gradients of J = ½ Σ (ŷ − y)² for h = σ(W1·x + b1), ŷ = σ(W2·h + b2).
 * @param x the input (n entries)
 * @param y the target (p entries)
 * @param W1 hidden weights, one row per hidden unit (m × n)
 * @param b1 hidden biases (m entries)
 * @param W2 output weights, one row per output unit (p × m)
 * @param b2 output biases (p entries)
 */
export declare function backprop(x: number[], y: number[], W1: number[][], b1: number[], W2: number[][], b2: number[]): Gradients;
