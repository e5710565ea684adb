/**
 * Python results are converted against the exercise's output spec before they are compared: a
 * number (int or float, not a bool) where a number is expected, a list or tuple where an array
 * is, a dict where an object is, a bool where a boolean is. A value of another type (a str, a
 * bool or NaN where a number is expected, a dict where a list is, …) cannot be converted and is
 * `invalid_output`; values of the right types in the wrong shape or with wrong numbers are
 * wrong answers, compared as usual. Values that are no data at all (None, a set, a generator)
 * are found before this, by the wire format's markers.
 */
import { describeShape, formatValue } from "../../exercises/spec/format.ts";
import type { OutputSpec } from "../../exercises/spec/output.ts";
import { isRecord, type Decoded } from "../../exercises/spec/values.ts";

/** What the reference returns, in Python's words: "a list of 3 numbers", "a dict with keys "w", "b"". */
export function describeExpectedForPython(expected: unknown, spec: OutputSpec | undefined): string {
  if (spec?.kind === "integer") return "an int";
  if (spec?.kind === "number") return "a number (a float)";
  if (spec?.kind === "boolean") return "a bool (True or False)";
  if (spec?.kind === "object")
    return `a dict with keys ${Object.keys(spec.fields)
      .map((f) => `"${f}"`)
      .join(", ")}`;
  if (Array.isArray(expected) && expected.every((x) => typeof x === "number")) return `a list of ${expected.length} number${expected.length === 1 ? "" : "s"}`;
  return expected === undefined ? "a value" : describeShape(expected, "python");
}

/** The output spec at a path such as "centroids[0][1]" (or undefined past what the spec describes). */
export function specAt(spec: OutputSpec, path: string): OutputSpec | undefined {
  let current: OutputSpec | undefined = spec;
  for (const step of path.match(/\[\d+\]|[^.[\]]+/g) ?? []) {
    if (!current) return undefined;
    if (step.startsWith("[")) current = current.kind === "array" ? current.items : undefined;
    else current = current.kind === "object" ? current.fields[step] : undefined;
  }
  return current;
}

interface WrongType {
  readonly path: string;
  readonly got: Decoded;
  readonly expected: unknown;
  readonly spec: OutputSpec;
}

/** The first place where the result's type cannot stand for what the spec expects there. */
function firstWrongType(got: Decoded, expected: unknown, spec: OutputSpec, path: string): WrongType | null {
  const here = { path, got, expected, spec };
  switch (spec.kind) {
    case "number":
    case "integer":
      return typeof got === "number" && !Number.isNaN(got) ? null : here;
    case "boolean":
      return typeof got === "boolean" ? null : here;
    case "array": {
      if (!Array.isArray(got)) return here;
      for (const [i, item] of got.entries()) {
        const found = firstWrongType(item, Array.isArray(expected) ? expected[i] : undefined, spec.items, `${path}[${i}]`);
        if (found) return found;
      }
      return null;
    }
    case "object": {
      if (!isRecord(got)) return here;
      // A missing key is a wrong shape, which the comparison reports.
      for (const [key, field] of Object.entries(spec.fields)) {
        if (!(key in got)) continue;
        const found = firstWrongType(got[key]!, isRecord(expected) ? expected[key] : undefined, field, path === "" ? key : `${path}.${key}`);
        if (found) return found;
      }
      return null;
    }
  }
}

/** A returned value named by its Python type, with a short look at it: `a str ("0.5")`, `nan`. */
function describeReturned(value: Decoded): string {
  const shown = formatValue(value, 60, "python");
  if (typeof value === "number") return Number.isNaN(value) ? "nan" : `a number (${shown})`;
  if (typeof value === "string") return `a str (${shown})`;
  if (typeof value === "boolean") return `a bool (${shown})`;
  if (Array.isArray(value)) return `a list (${shown})`;
  if (isRecord(value)) return `a dict (${shown})`;
  return shown;
}

function fixFor(wrong: WrongType): string {
  const { got, spec } = wrong;
  const number = spec.kind === "number" || spec.kind === "integer";
  if (number && typeof got === "number") return ' NaN comes from float("nan"), or from inf − inf or 0 × inf, often after an overflow.';
  if (number && typeof got === "string") return " Return the number itself, not its text (float(...) converts a str).";
  if (number && typeof got === "boolean") return " True and False are not numbers here.";
  return "";
}

/**
 * Why a Python result cannot be converted to what the exercise returns, or null when every value
 * has a type that can stand where it is. `entry` is the Python function's name.
 */
export function pythonWrongTypeMessage(got: Decoded, expected: unknown, spec: OutputSpec, entry: string): string | null {
  const wrong = firstWrongType(got, expected, spec, "");
  if (!wrong) return null;
  const wanted = describeExpectedForPython(wrong.expected, wrong.spec);
  if (wrong.path === "") return `${entry} returned ${describeReturned(wrong.got)} where ${wanted} was expected.${fixFor(wrong)}`;
  return `\`${wrong.path}\` is ${describeReturned(wrong.got)} where ${wanted} was expected (${entry} returns ${describeExpectedForPython(expected, spec)}).${fixFor(wrong)}`;
}
