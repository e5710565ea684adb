/** Reading typed and pasted answers: the browser's form and the server's grading share these functions. */
import { describe, expect, it } from "vitest";
import { fitPaste, parseNumber, parsePasted, readAnswer, RawAnswersSchema } from "../../exercises/calculation/answers.ts";
import type { AnswerShape } from "../../exercises/calculation/define.ts";

const MATRIX_2x3: AnswerShape = { kind: "matrix", rows: 2, cols: 3 };

describe("parseNumber", () => {
  it.each([
    ["0.25", 0.25],
    [" -1.5e-3 ", -0.0015],
    [".5", 0.5],
    ["3/4", 0.75],
    ["−2", -2],
    ["7.", 7],
    ["-0", 0],
  ])("reads %j as %d", (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it("reads nan and inf, so that they are graded and explained rather than refused", () => {
    expect(parseNumber("NaN")).toEqual({ ok: true, value: Number.NaN });
    expect(parseNumber("-inf")).toEqual({ ok: true, value: -Infinity });
  });

  it("refuses a decimal comma with the fix, and words with what was typed", () => {
    expect(parseNumber("1,5")).toEqual({ ok: false, problem: '"1,5" is not a number: write decimals with a point (1.5)' });
    expect(parseNumber("two")).toEqual({ ok: false, problem: '"two" is not a number' });
    expect(parseNumber("1/0")).toEqual({ ok: false, problem: '"1/0" divides by zero' });
    expect(parseNumber("  ")).toEqual({ ok: false, problem: "empty" });
  });
});

describe("parsePasted", () => {
  it("reads cells copied from a spreadsheet: tabs between cells, a line per row, empty cells kept", () => {
    expect(parsePasted("1\t2\t3\r\n4\t\t6\r\n")).toEqual({
      ok: true,
      grid: [
        ["1", "2", "3"],
        ["4", "", "6"],
      ],
    });
  });

  it("reads a Python list of rows, a NumPy array and a flat list", () => {
    expect(parsePasted("[[1, 2], [3, 4]]")).toEqual({
      ok: true,
      grid: [
        ["1", "2"],
        ["3", "4"],
      ],
    });
    expect(parsePasted("np.array([[1., -2.5],\n       [3e-1, 4.]])")).toEqual({
      ok: true,
      grid: [
        ["1.", "-2.5"],
        ["3e-1", "4."],
      ],
    });
    expect(parsePasted("array([0.1, 0.2, 0.3])")).toEqual({ ok: true, grid: [["0.1", "0.2", "0.3"]] });
  });

  it("reads lines of numbers separated by commas, semicolons or spaces", () => {
    expect(parsePasted("1, 2 3\n4;5 6")).toEqual({
      ok: true,
      grid: [
        ["1", "2", "3"],
        ["4", "5", "6"],
      ],
    });
  });

  it("explains a list it cannot read instead of guessing", () => {
    expect(parsePasted("[[1, 2], [3, 4]")).toEqual({ ok: false, problem: "This looks like a Python list but could not be read: check its brackets and commas." });
    expect(parsePasted("[[1, 2], 3]")).toEqual({ ok: false, problem: "Mix of numbers and lists: paste a list of numbers, or a list of rows." });
    expect(parsePasted("")).toEqual({ ok: false, problem: "Nothing to paste." });
  });
});

describe("fitPaste", () => {
  it("fills a matrix whose shape the paste matches", () => {
    expect(
      fitPaste(MATRIX_2x3, [
        ["1", "2", "3"],
        ["4", "5", "6"],
      ]),
    ).toEqual({
      ok: true,
      answer: [
        ["1", "2", "3"],
        ["4", "5", "6"],
      ],
    });
  });

  it("names a transposed paste and fills nothing", () => {
    expect(
      fitPaste(MATRIX_2x3, [
        ["1", "4"],
        ["2", "5"],
        ["3", "6"],
      ]),
    ).toEqual({
      ok: false,
      problem: "This answer is a 2×3 matrix (rows × columns); the paste is 3×2: it looks transposed (rows and columns swapped). Nothing was filled in.",
    });
  });

  it("takes a vector as a row or as a column, and refuses the wrong length", () => {
    const vector: AnswerShape = { kind: "vector", length: 3 };
    expect(fitPaste(vector, [["1", "2", "3"]])).toEqual({ ok: true, answer: ["1", "2", "3"] });
    expect(fitPaste(vector, [["1"], ["2"], ["3"]])).toEqual({ ok: true, answer: ["1", "2", "3"] });
    expect(fitPaste(vector, [["1", "2"]])).toEqual({ ok: false, problem: "This answer is a list of 3 numbers; the paste has 2 values." });
  });

  it("refuses rows of different lengths", () => {
    expect(
      fitPaste(MATRIX_2x3, [
        ["1", "2", "3"],
        ["4", "5"],
      ]),
    ).toEqual({ ok: false, problem: "The pasted rows have different lengths." });
  });
});

describe("readAnswer", () => {
  it("names the matrix entry that is not a number, counted from 1", () => {
    expect(
      readAnswer(MATRIX_2x3, [
        ["1", "2", "3"],
        ["4", "x", "6"],
      ]),
    ).toEqual({ ok: false, problem: 'Entry (2, 2): "x" is not a number.' });
    expect(
      readAnswer(MATRIX_2x3, [
        ["1", "2", "3"],
        ["4", "", "6"],
      ]),
    ).toEqual({ ok: false, problem: "Entry (2, 2) is empty." });
  });

  it("says when a part is missing or a choice is not offered", () => {
    expect(readAnswer({ kind: "number" }, undefined)).toEqual({ ok: false, problem: "Not answered." });
    expect(readAnswer({ kind: "number" }, "")).toEqual({ ok: false, problem: "The answer is empty." });
    expect(readAnswer({ kind: "choice", options: ["a", "b"] }, "2")).toEqual({ ok: false, problem: "The chosen option is not one of those offered." });
  });

  it("leaves a wrong shape to the comparator, reading every entry", () => {
    expect(
      readAnswer(MATRIX_2x3, [
        ["1", "2"],
        ["3", "4"],
        ["5", "6"],
      ]),
    ).toEqual({
      ok: true,
      value: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    });
  });
});

describe("RawAnswersSchema", () => {
  it("refuses fields that are too long and nesting deeper than a matrix", () => {
    expect(RawAnswersSchema.safeParse({ a: "1".repeat(65) }).success).toBe(false);
    expect(RawAnswersSchema.safeParse({ a: [[["1"]]] }).success).toBe(false);
    expect(RawAnswersSchema.safeParse({ a: [["1", "2"]], b: "3" }).success).toBe(true);
  });
});
