/** Short, readable renderings of values for test reports. */
import type { Language } from "./languages.ts";
import { Unrepresentable, isRecord } from "./values.ts";

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  // -0 equals 0 for grading; printing "-0" would only raise a question.
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) return value.toExponential(6).replace(/\.?0+e/, "e");
  // Enough digits to see a difference at the default tolerance, without float noise.
  return String(Number(value.toPrecision(10)));
}

/** A value as a student of `language` writes it: `{ w: [1], ok: true }`, or `{"w": [1], "ok": True}` in Python. */
export function formatValue(value: unknown, maxChars = 400, language: Language = "typescript"): string {
  const text = language === "python" ? renderPython(value, 0) : render(value, 0);
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function renderPython(value: unknown, depth: number): string {
  if (typeof value === "number") return Number.isNaN(value) ? "nan" : value === Infinity ? "inf" : value === -Infinity ? "-inf" : formatNumber(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null) return "None";
  if (value instanceof Unrepresentable) return value.type === "None" ? "None" : `<${value.type}>`;
  if (depth > 6) return "…";
  if (Array.isArray(value)) {
    const shown = value.slice(0, 20).map((item) => renderPython(item, depth + 1));
    if (value.length > 20) shown.push(`… ${value.length - 20} more`);
    return `[${shown.join(", ")}]`;
  }
  if (typeof value === "object" && value !== undefined) {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${renderPython(v, depth + 1)}`)
      .join(", ")}}`;
  }
  return render(value, depth);
}

function render(value: unknown, depth: number): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "undefined";
  if (value instanceof Unrepresentable) return value.type === "undefined" ? "undefined" : `<${value.type}>`;
  if (depth > 6) return "…";
  if (Array.isArray(value)) {
    const shown = value.slice(0, 20).map((item) => render(item, depth + 1));
    if (value.length > 20) shown.push(`… ${value.length - 20} more`);
    return `[${shown.join(", ")}]`;
  }
  if (isRecord(value) || typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{ ${entries.map(([k, v]) => `${k}: ${render(v, depth + 1)}`).join(", ")} }`;
  }
  return String(value);
}

/** "a length-3 vector", "a 2×3 matrix", "a number", … for shape messages; in Python's words when asked. */
export function describeShape(value: unknown, language: Language = "typescript"): string {
  const python = language === "python";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : "a number";
  if (typeof value === "string") return python ? "a string (str)" : "a string";
  if (typeof value === "boolean") return python ? "a bool" : "a boolean";
  if (value === null) return python ? "None" : "null";
  if (value instanceof Unrepresentable) return value.type === "undefined" || value.type === "None" ? value.type : `a ${value.type}`;
  if (Array.isArray(value)) {
    const dims = matrixDims(value);
    if (dims) return python ? `a ${dims[0]}×${dims[1]} matrix (a list of ${dims[0]} ${dims[0] === 1 ? "list" : "lists"})` : `a ${dims[0]}×${dims[1]} matrix`;
    return python ? `a list of length ${value.length}` : `an array of length ${value.length}`;
  }
  return python ? "a dict" : "an object";
}

/** [rows, cols] when `value` is a non-empty rectangular array of arrays of numbers. */
export function matrixDims(value: readonly unknown[]): [number, number] | null {
  if (value.length === 0 || !value.every(Array.isArray)) return null;
  const cols = (value[0] as unknown[]).length;
  if (!value.every((row) => (row as unknown[]).length === cols && (row as unknown[]).every((x) => typeof x === "number"))) return null;
  return [value.length, cols];
}
