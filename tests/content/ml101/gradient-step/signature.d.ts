/**
 * One step of gradient descent on L(w) = (1/n) Σᵢ (xᵢ·w − yᵢ)².
 * X has one row per point; returns w − learningRate · ∇L(w) (a new array).
 */
export declare function gradientStep(X: number[][], y: number[], w: number[], learningRate: number): number[];
