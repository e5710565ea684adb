/**
 * Cosine of the angle between `a` and `b`: a·b / (‖a‖‖b‖), between −1 and 1.
 * Returns 0 when either vector is all zeros.
 */
export declare function cosineSimilarity(a: number[], b: number[]): number;
