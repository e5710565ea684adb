export type ActivationName = "step" | "sigmoid" | "tanh" | "relu" | "linear";

export interface ActivationResult {
  /** g(z), entry by entry; same length as z. */
  value: number[];
  /** g'(z), entry by entry; same length as z. step'(z) = 0 and relu'(0) = 0. */
  derivative: number[];
}

/** Applies the named activation to each entry of z, with its derivative; |z| can be in the hundreds. */
export declare function activate(z: number[], name: ActivationName): ActivationResult;
