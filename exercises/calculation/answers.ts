/**
 * A student's answers as typed: the text of every field, exactly as entered, keyed by part id.
 * The browser's form and the server read them with the same functions: the form to fill a grid
 * from a paste and to flag a cell that is not a number, the server to grade (it trusts nothing
 * the browser decided). Pure functions, no project imports beyond the calculation's own types.
 */
import { z } from "zod";
import type { AnswerShape } from "./define.ts";

/** Longest text accepted in one field: enough for any number written out in full. */
export const MAX_FIELD_CHARS = 64;
const Field = z.string().max(MAX_FIELD_CHARS);

/** One part's answer as typed: one field, a list of fields (vector), or rows of fields (matrix). */
export const RawAnswerSchema = z.union([Field, z.array(Field).max(12), z.array(z.array(Field).max(12)).max(12)]);
export type RawAnswer = z.infer<typeof RawAnswerSchema>;

export const RawAnswersSchema = z.record(z.string().regex(/^[a-z0-9-]{1,60}$/), RawAnswerSchema).refine((answers) => Object.keys(answers).length <= 8, "At most 8 parts.");
export type RawAnswers = z.infer<typeof RawAnswersSchema>;

export type ParsedNumber = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: string };

/**
 * One field's number: decimals (`0.25`, `.5`, `-1.2e-3`), a fraction (`3/4`), `nan` and `inf`
 * (so that a NaN is graded and explained rather than refused), a Unicode minus. A decimal
 * comma is refused with a hint rather than guessed at: `1,5` could be two numbers.
 */
export function parseNumber(text: string): ParsedNumber {
  const cleaned = text
    .trim()
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/\s+/g, "");
  if (cleaned === "") return { ok: false, problem: "empty" };
  if (/^[+-]?nan$/i.test(cleaned)) return { ok: true, value: Number.NaN };
  const infinity = /^([+-]?)(inf|infinity|∞)$/i.exec(cleaned);
  if (infinity) return { ok: true, value: infinity[1] === "-" ? -Infinity : Infinity };
  const decimal = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  if (decimal.test(cleaned)) return { ok: true, value: Number(cleaned) + 0 };
  const fraction = /^([+-]?(?:\d+\.?\d*|\.\d+))\/([+-]?(?:\d+\.?\d*|\.\d+))$/.exec(cleaned);
  if (fraction) {
    const denominator = Number(fraction[2]);
    if (denominator === 0) return { ok: false, problem: `"${text.trim()}" divides by zero` };
    return { ok: true, value: Number(fraction[1]) / denominator + 0 };
  }
  if (/^[+-]?\d+,\d+$/.test(cleaned)) return { ok: false, problem: `"${text.trim()}" is not a number: write decimals with a point (${cleaned.replace(",", ".")})` };
  return { ok: false, problem: `"${text.trim()}" is not a number` };
}

/** "(2, 1)": a matrix entry counted from 1, as the statement counts rows and columns. */
export function cellName(row: number, col: number): string {
  return `(${row + 1}, ${col + 1})`;
}

export type ReadAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/**
 * A part's typed answer as the value the comparator grades, or why it cannot be graded (an empty
 * or unreadable field, a choice that is not offered). The shape itself is left to the comparator,
 * which explains a wrong one ("should be a 2×3 matrix, but it is 3×2: it looks transposed").
 */
export function readAnswer(shape: AnswerShape, raw: RawAnswer | undefined): ReadAnswer {
  if (raw === undefined) return { ok: false, problem: "Not answered." };
  // `place` names the entry ("entry (2, 1)") in a vector or a matrix, and is empty for a single number.
  const one = (text: unknown, place: string): ReadAnswer => {
    if (typeof text !== "string") return { ok: false, problem: `${place ? capitalise(place) : "The answer"} should be one number, not a list.` };
    const parsed = parseNumber(text);
    if (parsed.ok) return parsed;
    if (parsed.problem === "empty") return { ok: false, problem: `${place ? capitalise(place) : "The answer"} is empty.` };
    return { ok: false, problem: `${place ? `${capitalise(place)}: ` : ""}${parsed.problem}.` };
  };
  switch (shape.kind) {
    case "number":
    case "integer":
      return one(raw, "");
    case "choice": {
      if (typeof raw !== "string" || raw.trim() === "") return { ok: false, problem: "No option was chosen." };
      const index = Number(raw);
      if (!Number.isInteger(index) || index < 0 || index >= shape.options.length) return { ok: false, problem: "The chosen option is not one of those offered." };
      return { ok: true, value: index };
    }
    case "vector": {
      if (!Array.isArray(raw)) return { ok: false, problem: `The answer should be a list of ${shape.length} numbers.` };
      const values: unknown[] = [];
      for (const [i, text] of raw.entries()) {
        const read = one(text, `entry ${i + 1}`);
        if (!read.ok) return read;
        values.push(read.value);
      }
      return { ok: true, value: values };
    }
    case "matrix": {
      if (!Array.isArray(raw) || !raw.every(Array.isArray)) return { ok: false, problem: `The answer should be a ${shape.rows}×${shape.cols} matrix.` };
      const rows: unknown[][] = [];
      for (const [i, row] of (raw as string[][]).entries()) {
        const values: unknown[] = [];
        for (const [j, text] of row.entries()) {
          const read = one(text, `entry ${cellName(i, j)}`);
          if (!read.ok) return read;
          values.push(read.value);
        }
        rows.push(values);
      }
      return { ok: true, value: rows };
    }
  }
}

const capitalise = (text: string) => text.replace(/^./, (c) => c.toUpperCase());

export type PastedGrid = { readonly ok: true; readonly grid: string[][] } | { readonly ok: false; readonly problem: string };

/**
 * Pasted text as rows of fields: cells copied from a spreadsheet (tabs between cells, a line
 * per row), lines of numbers separated by commas, semicolons or spaces, or a Python/NumPy list
 * (`[[1, 2], [3, 4]]`, `np.array([[1, 2], [3, 4]])`, `array([1., 2.])`). A flat list is one row.
 */
export function parsePasted(text: string): PastedGrid {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "Nothing to paste." };
  const list = /^(?:(?:np|numpy)\.)?(?:array|asarray|matrix)?\(?\s*(\[[\s\S]*\])\s*(?:,\s*dtype\s*=\s*[\w.]+\s*)?\)?$/.exec(trimmed);
  if (list) return parseList(list[1]!);
  const lines = trimmed.split(/\r\n|\r|\n/).filter((line) => line.trim() !== "");
  // A spreadsheet separates cells with tabs and keeps empty cells; otherwise any run of commas, semicolons or spaces separates.
  const tabbed = lines.some((line) => line.includes("\t"));
  const grid = lines.map((line) => (tabbed ? line.split("\t").map((cell) => cell.trim()) : line.split(/[\s,;]+/).filter((cell) => cell !== "")));
  return { ok: true, grid };
}

/** A nested list of numbers, read token by token (never evaluated). */
function parseList(text: string): PastedGrid {
  const tokens = text.match(/\[|\]|,|[^[\],\s]+/g) ?? [];
  let at = 0;
  type Nested = string | Nested[];
  const readValue = (depth: number): Nested | null => {
    const token = tokens[at];
    if (token === undefined) return null;
    if (token !== "[") {
      at++;
      return token === "]" || token === "," ? null : token;
    }
    if (depth > 2) return null;
    at++;
    const items: Nested[] = [];
    while (tokens[at] !== "]") {
      const item = readValue(depth + 1);
      if (item === null) return null;
      items.push(item);
      if (tokens[at] === ",") at++;
      else if (tokens[at] !== "]") return null;
    }
    at++;
    return items;
  };
  const value = readValue(1);
  if (value === null || at !== tokens.length || !Array.isArray(value))
    return { ok: false, problem: "This looks like a Python list but could not be read: check its brackets and commas." };
  if (value.every((item) => typeof item === "string")) return { ok: true, grid: [value as string[]] };
  if (value.every(Array.isArray) && value.every((row) => (row as Nested[]).every((item) => typeof item === "string"))) return { ok: true, grid: value as string[][] };
  return { ok: false, problem: "Mix of numbers and lists: paste a list of numbers, or a list of rows." };
}

/** Fits a pasted grid to a part's shape, or says why it does not fit (a transposed paste is named as such). */
export function fitPaste(shape: AnswerShape, grid: readonly (readonly string[])[]): { ok: true; answer: RawAnswer } | { ok: false; problem: string } {
  const rows = grid.length;
  const cols = Math.max(...grid.map((row) => row.length));
  const pasted = rows === 1 ? `${cols} value${cols === 1 ? "" : "s"}` : `a ${rows}×${cols} grid`;
  switch (shape.kind) {
    case "number":
    case "integer":
      return rows === 1 && cols === 1 ? { ok: true, answer: grid[0]![0]! } : { ok: false, problem: `This answer is one number; the paste has ${pasted}.` };
    case "choice":
      return { ok: false, problem: "Choose an option instead of pasting." };
    case "vector": {
      const flat = rows === 1 ? grid[0]! : grid.every((row) => row.length === 1) ? grid.map((row) => row[0]!) : null;
      if (flat && flat.length === shape.length) return { ok: true, answer: [...flat] };
      return { ok: false, problem: `This answer is a list of ${shape.length} numbers; the paste has ${pasted}.` };
    }
    case "matrix": {
      if (!grid.every((row) => row.length === cols)) return { ok: false, problem: "The pasted rows have different lengths." };
      if (rows === shape.rows && cols === shape.cols) return { ok: true, answer: grid.map((row) => [...row]) };
      const transposed = rows === shape.cols && cols === shape.rows;
      return {
        ok: false,
        problem: `This answer is a ${shape.rows}×${shape.cols} matrix (rows × columns); the paste is ${rows}×${cols}${transposed ? ": it looks transposed (rows and columns swapped)" : ""}. Nothing was filled in.`,
      };
    }
  }
}

/** Empty fields in the part's shape, for a form that starts blank. */
export function blankAnswer(shape: AnswerShape): RawAnswer {
  switch (shape.kind) {
    case "vector":
      return Array.from({ length: shape.length }, () => "");
    case "matrix":
      return Array.from({ length: shape.rows }, () => Array.from({ length: shape.cols }, () => ""));
    default:
      return "";
  }
}
