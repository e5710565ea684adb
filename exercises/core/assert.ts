/** Raised when a core function is called with input it does not support. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

export function assertShape(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ShapeError(message);
}
