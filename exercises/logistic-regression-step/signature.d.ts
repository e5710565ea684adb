export interface Parameters {
  /** The new weights, one per feature. */
  w: number[];
  /** The new bias. */
  b: number;
}

/**
 * One gradient-descent step on the mean binary cross-entropy of logistic regression plus
 * (λ/2)‖w‖², with λ as given in your statement (the bias is not regularised).
 * X has one row per example (m × n); y holds m labels, each 0 or 1.
 */
export declare function logisticRegressionStep(X: number[][], y: number[], w: number[], b: number, learningRate: number): Parameters;
