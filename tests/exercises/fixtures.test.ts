/** Fixture solutions: a mistake written as a change to correct.ts, applied by line content alone. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyChange, ChangeError, listSolutions, loadSolution, parseChange, readSolution, SolutionError } from "../../exercises/fixtures.ts";
import { checkFixtures } from "../../exercises/check.ts";
import { getExercise, listExercises } from "../../exercises/registry.ts";
import { fillVariant } from "../../exercises/spec/variant.ts";

const CORRECT = [
  "export function step(w: number[], g: number[]): number[] {",
  "  const rate = /*{{rate}}*/ 0.1;",
  "  return w.map((wi, i) => wi - rate * g[i]!);",
  "}",
  "",
  "export function norm(v: number[]): number {",
  "  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));",
  "}",
  "",
].join("\n");

const lines = (...text: string[]) => `${text.join("\n")}\n`;

describe("applyChange", () => {
  it("replaces the removed lines by the added ones, keeping the context and every other byte", () => {
    const change = lines(
      "# Mistake: a step uphill.",
      "   const rate = /*{{rate}}*/ 0.1;",
      "-  return w.map((wi, i) => wi - rate * g[i]!);",
      "+  return w.map((wi, i) => wi + rate * g[i]!);",
      " }",
    );
    expect(applyChange(CORRECT, change)).toBe(CORRECT.replace("wi - rate", "wi + rate"));
  });

  it("applies several hunks, each found in correct.ts whatever their order in the change", () => {
    const change = lines(
      "-  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));",
      "+  return v.reduce((s, x) => s + x * x, 0);",
      "@@ the step",
      "-  return w.map((wi, i) => wi - rate * g[i]!);",
      "+  const wrong = rate * 2;",
      "+  return w.map((wi, i) => wi - wrong * g[i]!);",
    );
    expect(applyChange(CORRECT, change)).toBe(
      CORRECT.replace("  return w.map((wi, i) => wi - rate * g[i]!);", "  const wrong = rate * 2;\n  return w.map((wi, i) => wi - wrong * g[i]!);").replace(
        "Math.sqrt(v.reduce((s, x) => s + x * x, 0))",
        "v.reduce((s, x) => s + x * x, 0)",
      ),
    );
  });

  it("keeps variant placeholders, so the applied fixture still takes a student's values", () => {
    const change = lines("-  const rate = /*{{rate}}*/ 0.1;", "+  const rate = /*{{rate}}*/ 0.1 / 2;");
    const applied = applyChange(CORRECT, change);
    expect(applied).toContain("  const rate = /*{{rate}}*/ 0.1 / 2;");
    expect(fillVariant(applied, { rate: 0.25 })).toContain("  const rate = /*{{rate}}*/ 0.25 / 2;");
  });

  it("reads an empty line inside a hunk as an empty line of context, and leaves out empty context at its ends", () => {
    const change = lines("", "", " }", "", " export function norm(v: number[]): number {", "-  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));", "+  return 0;", "", "");
    expect(applyChange(CORRECT, change)).toBe(CORRECT.replace("Math.sqrt(v.reduce((s, x) => s + x * x, 0))", "0"));
  });

  it("adds lines after their context, and removes lines with no replacement", () => {
    expect(applyChange(CORRECT, lines(" export function norm(v: number[]): number {", "+  if (v.length === 0) return 0;"))).toContain(
      "number {\n  if (v.length === 0) return 0;\n  return Math.sqrt",
    );
    expect(applyChange(CORRECT, lines("-  const rate = /*{{rate}}*/ 0.1;"))).not.toContain("const rate");
  });

  it("refuses a hunk whose lines are not in correct.ts, naming the hunk and the missing line", () => {
    const change = lines("-  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));", "+  return 0;", "@@", "   return v.length;", "+  // never reached");
    expect(() => applyChange(CORRECT, change)).toThrow(new ChangeError('hunk 2 (line 4 of the change) does not apply: correct.ts has no line "  return v.length;"'));
  });

  it("refuses a hunk whose lines are in correct.ts but not together in that order", () => {
    const change = lines(" export function norm(v: number[]): number {", "-  const rate = /*{{rate}}*/ 0.1;");
    expect(() => applyChange(CORRECT, change)).toThrow(
      "hunk 1 (line 1 of the change) does not apply: its context and removed lines are all in correct.ts, but not one after another in this order",
    );
  });

  it("refuses a hunk that fits in two places, saying where and what to do", () => {
    const change = lines("# Mistake: no closing brace.", "-}");
    expect(() => applyChange(CORRECT, change)).toThrow(
      "hunk 1 (line 2 of the change) does not apply: its context and removed lines occur 2 times in correct.ts (at lines 4, 8); add context lines until they occur once",
    );
  });

  it("refuses two hunks that claim the same lines", () => {
    const change = lines("   return w.map((wi, i) => wi - rate * g[i]!);", " }", "-", "+// gap", "@@", "-", "+// gap", " export function norm(v: number[]): number {");
    expect(() => applyChange(CORRECT, change)).toThrow("hunk 1 (line 1 of the change) and hunk 2 (line 6 of the change) claim the same lines of correct.ts; make them one hunk");
  });

  it("refuses hunks that change nothing, that do not say where they go, or lines it cannot read", () => {
    expect(() => applyChange(CORRECT, lines(" }"))).toThrow('hunk 1 (line 1 of the change) changes nothing: it has no "-" or "+" lines');
    expect(() => applyChange(CORRECT, lines("+  return 0;"))).toThrow('hunk 1 (line 1 of the change) has only added lines: give a line of context (" ") to say where they go');
    expect(() => applyChange(CORRECT, lines("# note", " }", "*  return 0;"))).toThrow(
      'line 3 starts with "*": a line of a hunk starts with " " (kept), "-" (removed) or "+" (added), and "@@" separates hunks',
    );
    expect(() => applyChange(CORRECT, lines("# only a comment"))).toThrow("it has no hunks: nothing changes");
  });
});

describe("parseChange", () => {
  it("takes the # lines before the first hunk as what the mistake is", () => {
    const change = parseChange(lines("# Mistake: a step uphill.", "# (the sign of the update)", "-  x", "+  y", "@@", "-  z"));
    expect(change.comments).toEqual(["Mistake: a step uphill.", "(the sign of the update)"]);
    expect(change.hunks.map((h) => h.line)).toEqual([3, 6]);
  });
});

describe("loadSolution, readSolution and listSolutions", () => {
  function bank(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), "epoch-fixtures-"));
    mkdirSync(join(root, "demo", "solutions"), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "demo", "solutions", name), text);
    return root;
  }
  const uphill = lines("# Mistake: a step uphill.", "-  return w.map((wi, i) => wi - rate * g[i]!);", "+  return w.map((wi, i) => wi + rate * g[i]!);");

  it("reads correct.ts, a change applied to it, and a whole file, naming the file each came from", () => {
    const root = bank({ "correct.ts": CORRECT, "uphill.change": uphill, "other.ts": "export const other = 1;\n" });
    expect(readSolution("demo", "correct", root)).toBe(CORRECT);
    expect(loadSolution("demo", "uphill", root)).toEqual({
      name: "uphill",
      file: "solutions/uphill.change",
      source: CORRECT.replace("wi - rate", "wi + rate"),
      comments: ["Mistake: a step uphill."],
    });
    expect(loadSolution("demo", "other", root)).toMatchObject({ file: "solutions/other.ts", source: "export const other = 1;\n" });
    expect(listSolutions("demo", root)).toEqual(["correct", "other", "uphill"]);
  });

  it("names the change file in the error when a change does not apply", () => {
    const root = bank({ "correct.ts": CORRECT.replace("wi - rate", "wi - 2 * rate"), "uphill.change": uphill });
    expect(() => readSolution("demo", "uphill", root)).toThrow(
      new SolutionError(
        'exercises/demo/solutions/uphill.change: hunk 1 (line 2 of the change) does not apply: correct.ts has no line "  return w.map((wi, i) => wi - rate * g[i]!);"',
      ),
    );
  });

  it("refuses a missing fixture, two files for one fixture, and a change without correct.ts", () => {
    const root = bank({ "correct.ts": CORRECT, "twice.change": uphill, "twice.ts": CORRECT });
    expect(() => readSolution("demo", "nowhere", root)).toThrow("exercises/demo: there is no solutions/nowhere.change (nor solutions/nowhere.ts)");
    expect(() => readSolution("demo", "twice", root)).toThrow("exercises/demo: both solutions/twice.ts and solutions/twice.change exist; keep one");
    expect(listSolutions("demo", root)).toEqual(["correct", "twice"]);
    const orphan = bank({ "uphill.change": uphill });
    expect(() => readSolution("demo", "uphill", orphan)).toThrow("exercises/demo/solutions/uphill.change: it changes solutions/correct.ts, which is missing");
    expect(() => readSolution("demo", "correct", orphan)).toThrow("exercises/demo: solutions/correct.ts is missing");
  });
});

describe("exercises:check on fixtures", () => {
  it("reports a mistake without a fixture and every fixture whose change does not apply, by file", () => {
    const root = mkdtempSync(join(tmpdir(), "epoch-fixtures-"));
    const folder = join(root, "forward-pass", "solutions");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "correct.ts"), readSolution("forward-pass", "correct"));
    for (const name of ["no-activation", "transposed-weights"]) writeFileSync(join(folder, `${name}.ts`), readSolution("forward-pass", name));
    writeFileSync(join(folder, "missing-bias.change"), lines("-  return b;", "+  return 0;"));
    writeFileSync(join(folder, "extra.change"), lines("-}", "+};"));
    const { problems, passed } = checkFixtures(getExercise("forward-pass"), root);
    expect(problems).toEqual([
      { check: "fixtures", message: 'exercises/forward-pass/solutions/missing-bias.change: hunk 1 (line 1 of the change) does not apply: correct.ts has no line "  return b;"' },
      { check: "fixtures", message: "exercises/forward-pass: there is no solutions/step-strict-inequality.change (nor solutions/step-strict-inequality.ts)" },
      { check: "fixtures", message: expect.stringMatching(/^exercises\/forward-pass\/solutions\/extra\.change: hunk 1 .* occur \d+ times in correct\.ts/) },
    ]);
    expect(passed).toEqual([]);
  });

  it("passes when every fixture reads, counting the changes", () => {
    expect(checkFixtures(getExercise("forward-pass")).passed).toEqual([
      expect.stringMatching(/^every fixture solution reads \(\d+ of \d+ are changes to the correct solution, and each applies\)$/),
    ]);
  });
});

describe("the exercise bank's fixtures", () => {
  it.each(listExercises().map((e) => [e.id] as const))("%s: every Python fixture reads (changes against correct.py apply)", (id) => {
    const names = listSolutions(id, undefined, "python");
    expect(names[0]).toBe("correct");
    for (const name of names) expect(loadSolution(id, name, undefined, "python").source).toMatch(/^def \w+\(/m);
  });

  it.each(listExercises().map((e) => [e.id, e] as const))("%s: every mistake has a fixture and every fixture reads", (id, exercise) => {
    const names = listSolutions(id);
    expect(names[0]).toBe("correct");
    for (const mistake of exercise.mistakes ?? []) expect(names).toContain(mistake.id);
    for (const name of names) expect(readSolution(id, name)).toMatch(new RegExp(`export\\s+function\\s+${exercise.entry}\\b`));
  });
});
