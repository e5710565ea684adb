/** Reading untrusted outputs as the shapes pictures draw, and comparing numbers as the comparator does. */
import { DEFAULT_ATOL, DEFAULT_RTOL, type OutputSpec } from "../../../exercises/spec/output.ts";
import { isRecord } from "../../../exercises/spec/values.ts";

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** The tolerance of the first real-valued leaf under `spec` (the field's, or the defaults). */
export function toleranceOf(spec: OutputSpec | undefined): Tolerance {
  if (!spec) return { rtol: DEFAULT_RTOL, atol: DEFAULT_ATOL };
  if (spec.kind === "number") return { rtol: spec.rtol ?? DEFAULT_RTOL, atol: spec.atol ?? DEFAULT_ATOL };
  if (spec.kind === "array") return toleranceOf(spec.items);
  return { rtol: DEFAULT_RTOL, atol: DEFAULT_ATOL };
}

export function fieldSpec(spec: OutputSpec, field: string): OutputSpec | undefined {
  return spec.kind === "object" ? spec.fields[field] : undefined;
}

/** |got − expected| ≤ atol + rtol·|expected|, as the comparator decides; a non-finite value differs. */
export function differs(got: number | null, expected: number, tolerance: Tolerance): boolean {
  if (got === null || !Number.isFinite(got)) return true;
  return Math.abs(got - expected) > tolerance.atol + tolerance.rtol * Math.abs(expected);
}

/** A finite number stays; NaN and ±Infinity become null (JSON has no NaN). */
export function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function isNumber(value: unknown): value is number {
  return typeof value === "number";
}

export function isVector(value: unknown, length?: number): value is number[] {
  return Array.isArray(value) && value.every(isNumber) && (length === undefined || value.length === length);
}

export function isMatrix(value: unknown, rows?: number, cols?: number): value is number[][] {
  if (!Array.isArray(value) || (rows !== undefined && value.length !== rows)) return false;
  const width = cols ?? (Array.isArray(value[0]) ? (value[0] as unknown[]).length : 0);
  return value.every((row) => isVector(row, width));
}

export function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

export function dims(matrix: readonly (readonly unknown[])[]): [number, number] {
  return [matrix.length, matrix[0]?.length ?? 0];
}
