/**
 * What a student's code returned, once decoded from the sandbox: plain data, plus markers for
 * values that cannot be results (undefined, a function, a Promise, …). Comparison and rendering
 * work on these.
 */

export class Unrepresentable {
  readonly type: string;
  constructor(type: string) {
    this.type = type;
  }
}

export type Decoded = number | string | boolean | null | Unrepresentable | Decoded[] | { readonly [key: string]: Decoded };

export function isRecord(value: Decoded | unknown): value is { readonly [key: string]: Decoded } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Unrepresentable);
}
