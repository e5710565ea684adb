/**
 * The similarity tokenizers: identifiers, literals, comments and layout vanish; the program's
 * shape stays; every token knows its lines.
 */
import { describe, expect, it } from "vitest";
import { languageFamily, tokenize, tokenizePython, tokenizeScript } from "../../../grader/engine/similarity/tokens.ts";

const kinds = (tokens: readonly { kind: string }[]) => tokens.map((t) => t.kind).join(" ");

describe("TypeScript and JavaScript", () => {
  it("turns identifiers into id and literals into lit, keeping keywords and operators", () => {
    expect(kinds(tokenizeScript(`const total = values.reduce((s, v) => s + v * 2.5e-3, 0) ?? "none";`))).toBe("let id = id . id ( ( id , id ) => id + id * lit , lit ) ?? lit");
  });

  it("reads renamed, re-commented and re-laid-out code as the same tokens", () => {
    const original = `// sum of squares\nfunction sq(xs: number[]): number {\n  let acc = 0;\n  for (const x of xs) acc += x * x;\n  return acc;\n}\n`;
    const disguised = `/* squares, summed */ function total(values: number[]): number { var s = 10
      for (let v of values)
        s += v * v
      return s }`;
    expect(kinds(tokenizeScript(disguised))).toBe(kinds(tokenizeScript(original)));
  });

  it("drops trailing commas, keeps the other commas", () => {
    expect(kinds(tokenizeScript("f(a, b,)"))).toBe("id ( id , id )");
    expect(kinds(tokenizeScript("[1, 2,\n]"))).toBe("[ lit , lit ]");
  });

  it("reads template literals (with holes), regular expressions and keyword literals as one literal each", () => {
    expect(kinds(tokenizeScript("const s = `a ${b + `c${d}`} e`; const r = /[/]x\\//g; x = y / 2 / z; null; true")).replace(/\s+/g, " ")).toBe(
      "let id = lit let id = lit id = id / lit / id lit lit",
    );
  });

  it("records the lines each token spans, multi-line strings included", () => {
    const tokens = tokenizeScript("let a =\n  `one\ntwo`;\n\nreturn a;");
    expect(tokens.map((t) => [t.kind, t.line, t.endLine])).toEqual([
      ["let", 1, 1],
      ["id", 1, 1],
      ["=", 1, 1],
      ["lit", 2, 3],
      ["return", 5, 5],
      ["id", 5, 5],
    ]);
  });

  it("never throws on text it does not know, unterminated strings and comments included", () => {
    expect(() => tokenizeScript("let a = 'open\n/* never closed")).not.toThrow();
    expect(kinds(tokenizeScript("a # b"))).toBe("id # id");
  });
});

describe("Python", () => {
  it("normalises names, literals, comments and layout", () => {
    const original = `def norm(v):\n    # length of v\n    return sum(x * x for x in v) ** 0.5\n`;
    const disguised = `def length(vector):  return sum(c*c for c in vector)**.5  # Euclid\n`;
    expect(kinds(tokenizePython(disguised))).toBe(kinds(tokenizePython(original)));
    expect(kinds(tokenizePython(original))).toBe("def id ( id ) : return id ( id * id for id in id ) ** lit");
  });

  it("reads prefixed and triple-quoted strings, True/False/None as literals", () => {
    const tokens = tokenizePython(`x = f"{a}" + r'\\d' + b"z"\ny = """one\ntwo"""\nz = None if True else False`);
    expect(kinds(tokens)).toBe("id = lit + lit + lit id = lit id = lit if lit else lit");
    expect(tokens.find((t) => t.line === 2 && t.kind === "lit")?.endLine).toBe(3);
  });

  it("joins lines continued with a backslash", () => {
    expect(kinds(tokenizePython("total = a + \\\n    b"))).toBe("id = id + id");
  });
});

describe("language families", () => {
  it("compares TypeScript with JavaScript and Python with Python", () => {
    expect(languageFamily("typescript")).toBe(languageFamily("javascript"));
    expect(languageFamily("python")).not.toBe(languageFamily("typescript"));
    expect(kinds(tokenize("python", "x = 1 # c"))).toBe("id = lit");
    expect(kinds(tokenize("javascript", "x = 1 // c"))).toBe("id = lit");
  });
});
