import { describe, expect, it } from "vitest";
import { prepareSource } from "../../grader/sandbox/prepare.ts";

function problemOf(source: string, language: "typescript" | "javascript" = "typescript") {
  const prepared = prepareSource(source, language);
  if (prepared.ok) throw new Error("expected a compile problem");
  return prepared.problem;
}

describe("prepareSource", () => {
  it("keeps every line of a TypeScript module where it was", () => {
    const source = "type V = number[];\nexport function f(x: V): number {\n  return x.length;\n}\n";
    const prepared = prepareSource(source, "typescript");
    if (!prepared.ok) throw new Error(prepared.problem.message);
    expect(prepared.exportNames).toEqual(["f"]);
    // Line 1 of the body is the added "use strict"; the student's line n is body line n + 1.
    const bodyLines = prepared.body.split("\n");
    expect(bodyLines[0]).toBe('"use strict";');
    expect(bodyLines[3]).toBe("  return x.length;");
    expect(bodyLines[2]!.indexOf("function f")).toBe(source.split("\n")[1]!.indexOf("function f"));
  });

  it("reports a TypeScript syntax error with its line and column", () => {
    const problem = problemOf("export function f(a: number[] {\n  return 1;\n}\n");
    expect(problem).toMatchObject({ line: 1, column: 31 });
    expect(problem.message).toMatch(/^TypeScript syntax error: /);
  });

  it("places a TypeScript error at the end of the input where the input ends too early", () => {
    const problem = problemOf("export function f(x: number) {\n  return { dx: x \n}\n");
    expect(problem).toMatchObject({ line: 3, column: 2 });
    expect(problem.message).toBe("TypeScript syntax error: Expected '}', got '<eof>'");
  });

  it("reports a JavaScript syntax error with its line and column", () => {
    const problem = problemOf("export function f(x) {\n  return x +;\n}\n", "javascript");
    expect(problem).toMatchObject({ line: 2, column: 13 });
    expect(problem.message).toBe("Syntax error: Unexpected token");
  });

  it("explains that enums are not supported, at the enum", () => {
    const problem = problemOf("const a = 1;\nenum Color { Red }\nexport function f() { return a; }\n");
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("TypeScript enum is not supported");
    expect(problem.message).toContain("union type");
  });

  it("refuses imports, naming the line", () => {
    const problem = problemOf('const x = 1;\nimport { readFileSync } from "node:fs";\nexport function f() { return x; }\n');
    expect(problem.line).toBe(2);
    expect(problem.message).toContain("Imports are not available");
  });

  it("removes type-only imports instead of refusing them", () => {
    const prepared = prepareSource('import type { Layer } from "./signature";\nexport function f(l: Layer) { return l; }\n', "typescript");
    expect(prepared.ok).toBe(true);
  });

  it("collects named, renamed and default exports", () => {
    const prepared = prepareSource("function a() {}\nconst b = 2;\nexport { a, b as c };\nexport const d = 1, e = 2;\nexport default function g() {}\n", "javascript");
    if (!prepared.ok) throw new Error(prepared.problem.message);
    expect([...prepared.exportNames].sort()).toEqual(["a", "c", "d", "default", "e"]);
  });

  it("refuses `<!--` in code, which a script would read as a comment, at its line and column", () => {
    // As a module this is `x < !(--b) + 1`; run as a script, `<!--b` would comment the rest of the line out.
    const problem = problemOf("let b = 2;\nexport function f(x) {\n  return x <!--b\n    + 1;\n}\n", "javascript");
    expect(problem).toMatchObject({ line: 3, column: 12 });
    expect(problem.message).toMatch(/`<!--`.*comment/);
    // TypeScript's type remover refuses it already ("Legacy comments cannot be used in module code").
    expect(problemOf("let b = 2;\nexport function f(x: number) {\n  return x <!--b\n    + 1;\n}\n").line).toBe(3);
    // Hiding an opening brace in such a comment would otherwise end the harness's function early.
    expect(problemOf("export function f() {\n  let b = 1; if (0 <!--b) {\n  }\n  return 1;\n}\n", "javascript").line).toBe(2);
  });

  it("accepts `<!--` inside strings, comments, templates and regular expressions", () => {
    const source = 'export const a = "<!--", b = `<!--`, c = /<!--/;\n// <!-- a comment\n/* <!-- */\nexport const d = 1 < !0;\n';
    const prepared = prepareSource(source, "javascript");
    if (!prepared.ok) throw new Error(prepared.problem.message);
    expect(prepared.exportNames).toEqual(["a", "b", "c", "d"]);
  });

  it("cannot be closed early by the student's code", () => {
    // A stray closing brace would end the harness's function if it were pasted in unchecked.
    const problem = problemOf("export function f() { return 1; }\n}\n(function () {", "javascript");
    expect(problem.line).toBe(2);
  });
});
