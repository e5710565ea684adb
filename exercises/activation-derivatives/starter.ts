export type ActivationName = "step" | "sigmoid" | "tanh" | "relu" | "linear";

export interface ActivationResult {
  value: number[]; // g(z), entry by entry
  derivative: number[]; // g'(z), entry by entry
}

export function activate(z: number[], name: ActivationName): ActivationResult {
  // TODO: compute g(v) and g'(v) for each entry v of z, for the activation `name`.
  return { value: z.map(() => 0), derivative: z.map(() => 0) };
}
