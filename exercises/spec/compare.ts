/**
 * Compares a student's output with the reference's: the structure first (types, lengths,
 * matrix shapes, fields), then every number within its tolerance. The message names the
 * worst mismatch, the expected and returned values, and the error against the tolerance.
 */
import { DEFAULT_ATOL, DEFAULT_RTOL, type OutputSpec } from "./output.ts";
import { describeShape, formatNumber, matrixDims } from "./format.ts";
import type { Language } from "./languages.ts";
import { Unrepresentable, isRecord } from "./values.ts";

export interface Mismatch {
  readonly path: string;
  readonly expected: number | boolean;
  readonly got: unknown;
  /** |got − expected|; Infinity for NaN, non-numbers and wrong integers. */
  readonly error: number;
  readonly allowed: number;
  /** The tolerance that gave `allowed`, for real-valued leaves. */
  readonly tolerance?: { readonly rtol: number; readonly atol: number };
}

export type Comparison =
  | { readonly ok: true; readonly maxError: number; readonly values: number }
  | { readonly ok: false; readonly kind: "structure"; readonly message: string }
  | { readonly ok: false; readonly kind: "values"; readonly message: string; readonly mismatches: number; readonly values: number; readonly worst: Mismatch };

export interface CompareOptions {
  /** Treat NaN as equal to NaN (used to recognise a known mistake's output, not for grading). */
  readonly nanEqual?: boolean;
  /** The language the output came from, so messages use its words (None, list, dict). */
  readonly language?: Language;
}

const ROOT = "result";

function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === ROOT ? key : `${path}.${key}`;
}

function checkStructure(expected: unknown, got: unknown, spec: OutputSpec, path: string, language: Language): string | null {
  const shape = (value: unknown) => describeShape(value, language);
  const where = path === ROOT ? "The result" : `\`${path}\``;
  if (got instanceof Unrepresentable && got.type === "undefined" && path === ROOT) {
    return "The function returned undefined: did you forget a `return`?";
  }
  if (got instanceof Unrepresentable && got.type === "Promise") {
    return `${where} is a Promise: the function must return its result directly (remove \`async\`).`;
  }
  switch (spec.kind) {
    case "number":
    case "integer":
      return typeof got === "number" ? null : `${where} should be a number, but it is ${shape(got)}.`;
    case "boolean":
      return typeof got === "boolean" ? null : `${where} should be true or false, but it is ${shape(got)}.`;
    case "array": {
      const expectedItems = expected as readonly unknown[];
      if (!Array.isArray(got)) return `${where} should be ${shape(expected)}, but it is ${shape(got)}.`;
      const expectedDims = matrixDims(expectedItems);
      const gotDims = matrixDims(got);
      if (expectedDims && gotDims && (expectedDims[0] !== gotDims[0] || expectedDims[1] !== gotDims[1])) {
        const transposed = expectedDims[0] === gotDims[1] && expectedDims[1] === gotDims[0];
        return (
          `${where} should be a ${expectedDims[0]}×${expectedDims[1]} matrix (rows × columns), but it is ${gotDims[0]}×${gotDims[1]}` +
          (transposed ? ": it looks transposed (rows and columns swapped)." : ".")
        );
      }
      if (got.length !== expectedItems.length) {
        return `${where} should have ${expectedItems.length} ${expectedItems.length === 1 ? "entry" : "entries"}, but it has ${got.length}.`;
      }
      for (let i = 0; i < got.length; i++) {
        const problem = checkStructure(expectedItems[i], got[i], spec.items, childPath(path, i), language);
        if (problem) return problem;
      }
      return null;
    }
    case "object": {
      if (!isRecord(got))
        return `${where} should be ${language === "python" ? "a dict with keys" : "an object with fields"} ${Object.keys(spec.fields)
          .map((f) => `\`${f}\``)
          .join(", ")}, but it is ${shape(got)}.`;
      for (const [field, fieldSpec] of Object.entries(spec.fields)) {
        if (!(field in got)) return language === "python" ? `${where} is missing the key \`"${field}"\`.` : `${where} is missing the field \`${field}\`.`;
        const problem = checkStructure((expected as Record<string, unknown>)[field], got[field], fieldSpec, childPath(path, field), language);
        if (problem) return problem;
      }
      return null;
    }
  }
}

interface Sink {
  values: number;
  maxError: number;
  mismatches: Mismatch[];
  /** Whether every returned real number is exactly representable as a 32-bit float. */
  allFloat32: boolean;
}

function collectMismatches(expected: unknown, got: unknown, spec: OutputSpec, path: string, options: CompareOptions, sink: Sink): void {
  switch (spec.kind) {
    case "number": {
      const want = expected as number;
      const have = got as number;
      const tolerance = { rtol: spec.rtol ?? DEFAULT_RTOL, atol: spec.atol ?? DEFAULT_ATOL };
      const allowed = tolerance.atol + tolerance.rtol * Math.abs(want);
      sink.values++;
      if (Math.fround(have) !== have && !Number.isNaN(have)) sink.allFloat32 = false;
      if (Number.isNaN(have) && options.nanEqual && Number.isNaN(want)) return;
      // A relative tolerance around an infinite value would allow anything: only the same infinity matches.
      if (want === Infinity || want === -Infinity) {
        if (have !== want) sink.mismatches.push({ path, expected: want, got: have, error: Infinity, allowed: 0, tolerance });
        return;
      }
      const error = Number.isFinite(have) ? Math.abs(have - want) : Infinity;
      if (error <= allowed) sink.maxError = Math.max(sink.maxError, error);
      else sink.mismatches.push({ path, expected: want, got: have, error, allowed, tolerance });
      return;
    }
    case "integer": {
      sink.values++;
      if (got !== expected && !(options.nanEqual && Number.isNaN(got) && Number.isNaN(expected))) {
        const error = Number.isFinite(got as number) ? Math.abs((got as number) - (expected as number)) : Infinity;
        sink.mismatches.push({ path, expected: expected as number, got, error: error === 0 ? Infinity : error, allowed: 0 });
      }
      return;
    }
    case "boolean":
      sink.values++;
      if (got !== expected) sink.mismatches.push({ path, expected: expected as boolean, got, error: Infinity, allowed: 0 });
      return;
    case "array":
      (got as unknown[]).forEach((item, i) => collectMismatches((expected as unknown[])[i], item, spec.items, childPath(path, i), options, sink));
      return;
    case "object":
      for (const [field, fieldSpec] of Object.entries(spec.fields)) {
        collectMismatches((expected as Record<string, unknown>)[field], (got as Record<string, unknown>)[field], fieldSpec, childPath(path, field), options, sink);
      }
      return;
  }
}

function describeMismatch(m: Mismatch, single: boolean, language: Language): string {
  const where = single && m.path === ROOT ? "" : `${m.path}: `;
  const got = typeof m.got === "number" ? formatNumber(m.got) : String(m.got);
  const expected = typeof m.expected === "number" ? formatNumber(m.expected) : String(m.expected);
  if (typeof m.got === "number" && Number.isNaN(m.got)) {
    if (language === "python") return `${where}expected ${expected}, got NaN (NaN comes from float("nan"), or from inf − inf or 0 × inf, often after an overflow).`;
    return `${where}expected ${expected}, got NaN (NaN comes from arithmetic on undefined, such as an index out of range, or from 0/0).`;
  }
  if (typeof m.got === "number" && !Number.isFinite(m.got) && language === "python") return `${where}expected ${expected}, got ${got} (an overflow?).`;
  if (typeof m.got === "number" && !Number.isFinite(m.got)) return `${where}expected ${expected}, got ${got} (an overflow or a division by zero?).`;
  if (m.allowed === 0) {
    const difference = typeof m.got === "number" && typeof m.expected === "number" ? ` (off by ${formatNumber(m.got - m.expected)})` : "";
    return `${where}expected ${expected}, got ${got}${difference}.`;
  }
  return `${where}expected ${expected}, got ${got} (error ${formatNumber(m.error)}, allowed ${formatNumber(m.allowed)}).`;
}

/**
 * A 32-bit float keeps 24 significant bits; arithmetic done in 32 bits (a Float32Array's
 * stores, Math.fround) adds a few roundings more. A miss this small next to the value is
 * what single precision does, not a wrong formula.
 */
const FLOAT32_RELATIVE_SLACK = 2 ** -13;

/** Digits in a number's shortest decimal form: a float32 widened to a double prints long (0.30000001192092896). */
function significantDigits(value: number): number {
  return value
    .toExponential()
    .replace(/e.*$/, "")
    .replace(/[^0-9]/g, "").length;
}

/**
 * Whether the misses are explained by 32-bit floats: every returned real number is a 32-bit
 * float, each miss is within single-precision rounding of the expected value, some expected
 * value needs more than 32 bits, and some returned value prints long. A double that happens
 * to be a 32-bit float is a round binary number (0.5, 1000), which prints short.
 */
function looksLikeFloat32(sink: Sink): boolean {
  if (!sink.allFloat32) return false;
  let needsDouble = false;
  let widened = false;
  for (const m of sink.mismatches) {
    if (typeof m.got !== "number" || typeof m.expected !== "number" || !m.tolerance || !Number.isFinite(m.got)) return false;
    if (m.error > FLOAT32_RELATIVE_SLACK * Math.max(Math.abs(m.expected), Math.abs(m.got))) return false;
    if (Math.fround(m.expected) !== m.expected) needsDouble = true;
    if (significantDigits(m.got) > 9) widened = true;
  }
  return needsDouble && widened;
}

function float32Message(worst: Mismatch): string {
  const { rtol, atol } = worst.tolerance!;
  return (
    `Your values are 32-bit floats (about 7 significant digits, e.g. from a Float32Array); ` +
    `this test needs rtol ${formatNumber(rtol)}, atol ${formatNumber(atol)}: use plain numbers or Float64Array.`
  );
}

export function compareOutput(expected: unknown, got: unknown, spec: OutputSpec, options: CompareOptions = {}): Comparison {
  const language = options.language ?? "typescript";
  const structural = checkStructure(expected, got, spec, ROOT, language);
  if (structural) return { ok: false, kind: "structure", message: structural };
  const sink: Sink = { values: 0, maxError: 0, mismatches: [], allFloat32: true };
  collectMismatches(expected, got, spec, ROOT, options, sink);
  if (sink.mismatches.length === 0) return { ok: true, maxError: sink.maxError, values: sink.values };
  const worst = sink.mismatches.reduce((a, b) => (b.error / (b.allowed || 1e-300) > a.error / (a.allowed || 1e-300) ? b : a));
  const single = sink.values === 1;
  const detail = single
    ? describeMismatch(worst, true, language)
    : `${sink.mismatches.length} of ${sink.values} values are wrong. ${sink.mismatches.length > 1 ? "Worst: " : ""}${describeMismatch(worst, false, language)}`;
  const message = looksLikeFloat32(sink) ? `${float32Message(worst)} ${detail}` : detail;
  return { ok: false, kind: "values", message, mismatches: sink.mismatches.length, values: sink.values, worst };
}

/** Whether two outputs agree within the spec's tolerances (NaN matching NaN). */
export function outputsMatch(a: unknown, b: unknown, spec: OutputSpec): boolean {
  return compareOutput(a, b, spec, { nanEqual: true }).ok;
}
