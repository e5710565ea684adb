import { describe, expect, it } from "vitest";
import { byCodePoint, languageOf } from "../../grader/cli/batch.ts";
import { csvCell, csvRows } from "../../grader/engine/csv.ts";

describe("batch grading helpers", () => {
  it("writes the batch table with the project's spreadsheet-safe CSV cells", () => {
    expect(csvCell("plain name")).toBe("plain name");
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvRows([["a,b", 3, ""]])).toBe('"a,b",3,\r\n');
    // A submitted file's name is chosen by a student: it must not become a formula.
    expect(csvCell("=HYPERLINK(1).ts")).toBe(`"'=HYPERLINK(1).ts"`);
  });

  it("orders names by code point, not by locale or UTF-16 unit", () => {
    // U+FF21 (fullwidth A) is a single UTF-16 unit above the surrogates of U+1F600, yet a lower code point.
    const names = ["b.ts", "\u{1F600}.ts", "B.ts", "\uFF21.ts", "a.ts"];
    expect([...names].sort(byCodePoint)).toEqual(["B.ts", "a.ts", "b.ts", "\uFF21.ts", "\u{1F600}.ts"]);
  });

  it("maps every accepted extension to its language and ignores the rest", () => {
    expect(["a.ts", "a.mts", "a.cts", "a.js", "a.mjs", "a.cjs", "A.TS", "a.py", "a.d", "ts"].map(languageOf)).toEqual([
      "typescript",
      "typescript",
      "typescript",
      "javascript",
      "javascript",
      "javascript",
      "typescript",
      "python",
      undefined,
      undefined,
    ]);
  });
});
