import { describe, expect, it } from "vitest";
import { byCodePoint, csvField, csvRow, languageOf } from "../../grader/batch.ts";

describe("batch grading helpers", () => {
  it("quotes CSV fields with commas, quotes or line breaks, doubling the quotes (RFC 4180)", () => {
    expect(csvField("plain name")).toBe("plain name");
    expect(csvField('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvRow(["a,b", 3, ""])).toBe('"a,b",3,\r\n');
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
      undefined,
      undefined,
      undefined,
    ]);
  });
});
