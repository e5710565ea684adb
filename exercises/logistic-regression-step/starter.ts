export interface Parameters {
  w: number[]; // new weights, one per feature
  b: number; // new bias
}

// TODO: copy λ from your statement.
const LAMBDA = 0;

export function logisticRegressionStep(X: number[][], y: number[], w: number[], b: number, learningRate: number): Parameters {
  // TODO: compute ∂J/∂w and ∂J/∂b at (w, b), then take one gradient-descent step.
  return { w: [...w], b };
}
