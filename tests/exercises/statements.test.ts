/**
 * What every statement shows is true: each `call // → value` example in its code blocks, each
 * arithmetic equality in its math, the worked numbers of its prose, and the tolerance its
 * spec grades with. Numbers are read from the statement text, so text and reference cannot drift.
 */
import { describe, expect, it } from "vitest";
import { exerciseFiles, getExercise, listExercises } from "../../exercises/registry.ts";
import { DEFAULT_ATOL, DEFAULT_RTOL, type OutputSpec } from "../../exercises/spec/output.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { variantFor } from "../../exercises/spec/variant.ts";
import { entryNameIn } from "../../exercises/spec/languages.ts";
import { statementCodeGroups, statementCodeProblems } from "../../exercises/spec/statement-code.ts";
import { conv2dValid, forwardTrace, sigmoid, softmax, squaredEuclidean, squaredLoss, sumTimesGradients } from "../../exercises/core/index.ts";

const statementOf = (id: string) => exerciseFiles(id).statement;

// ---------------------------------------------------------------------------------------------
// Tolerances

interface Tolerances {
  readonly real: { rtol: number; atol: number }[];
  readonly exact: boolean;
}

function tolerancesOf(spec: OutputSpec, into: Tolerances = { real: [], exact: false }): Tolerances {
  switch (spec.kind) {
    case "number": {
      const pair = { rtol: spec.rtol ?? DEFAULT_RTOL, atol: spec.atol ?? DEFAULT_ATOL };
      if (!into.real.some((p) => p.rtol === pair.rtol && p.atol === pair.atol)) into.real.push(pair);
      return into;
    }
    case "integer":
    case "boolean":
      return { ...into, exact: true };
    case "array":
      return tolerancesOf(spec.items, into);
    case "object":
      return Object.values(spec.fields).reduce((acc, field) => tolerancesOf(field, acc), into);
  }
}

/** 1e-6 → "10^{-6}" as statements write it in KaTeX; other values as plain numbers. */
function latexNumber(value: number): string {
  const exponent = Math.log10(value);
  return Number.isInteger(exponent) ? `10^{${exponent}}` : String(value);
}

describe("every statement states the tolerance its spec grades with", () => {
  it.each(listExercises().map((e) => [e.id, e] as const))("%s", (id, exercise) => {
    const paragraph = /\*\*Tolerance\.\*\*([\s\S]*?)(?:\n\n|$)/.exec(statementOf(id));
    expect(paragraph, "a paragraph starting with **Tolerance.**").not.toBeNull();
    const text = paragraph![1]!.replace(/\s+/g, " ");
    const { real, exact } = tolerancesOf(exercise.output);
    for (const { rtol, atol } of real) {
      expect(text).toContain(`relative tolerance of $${latexNumber(rtol)}$`);
      expect(text).toContain(`absolute tolerance of $${latexNumber(atol)}$`);
    }
    if (exact) expect(text).toMatch(/\bexact(ly)?\b/);
    if (real.length === 0) expect(text).not.toMatch(/tolerance of/);
  });
});

// ---------------------------------------------------------------------------------------------
// Code examples: `entry(args); // → value`

/** A number as printed: its value, its decimals, and whether it was cut short with "…". */
class Printed {
  readonly value: number;
  readonly decimals: number;
  readonly truncated: boolean;
  constructor(text: string) {
    this.truncated = text.endsWith("…");
    const digits = text.replace("…", "");
    this.value = Number(digits);
    this.decimals = /\.(\d+)/.exec(digits)?.[1]?.length ?? 0;
  }
}

/** Whether `actual` is what `printed` shows: rounded to its decimals, or cut off there when it ends in "…". */
function showsValue(printed: Printed, actual: number): boolean {
  const unit = 10 ** -printed.decimals;
  const slack = 1e-12 * Math.max(1, Math.abs(actual));
  if (printed.truncated) return Math.abs(actual - printed.value) < unit + slack && Math.sign(actual - printed.value) !== -Math.sign(printed.value);
  return Math.abs(actual - printed.value) <= unit / 2 + slack;
}

/** Compares a reference output with the value an example prints, entry by entry; returns what differs. */
function differences(printed: unknown, actual: unknown, path = "result"): string[] {
  if (printed instanceof Printed) {
    return typeof actual === "number" && showsValue(printed, actual)
      ? []
      : [`${path}: statement shows ${printed.value}${printed.truncated ? "…" : ""}, reference gives ${String(actual)}`];
  }
  if (Array.isArray(printed)) {
    if (!Array.isArray(actual) || actual.length !== printed.length) return [`${path}: statement shows ${printed.length} entries, reference gives ${JSON.stringify(actual)}`];
    return printed.flatMap((item, i) => differences(item, actual[i], `${path}[${i}]`));
  }
  if (typeof printed === "boolean") return printed === actual ? [] : [`${path}: ${printed} vs ${String(actual)}`];
  if (printed && typeof printed === "object") {
    const fields = Object.entries(printed);
    return fields.flatMap(([key, value]) => differences(value, (actual as Record<string, unknown>)?.[key], `${path}.${key}`));
  }
  return [`${path}: cannot read ${String(printed)}`];
}

/** The printed value as data, every number wrapped in `Printed` (digits in names like dW1 are not numbers). */
function parsePrinted(text: string): unknown {
  const withoutRemark = text.replace(/\s*\([^()]*[a-z][^()]*\)\s*$/i, "").trim();
  const marked = withoutRemark.replace(/(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?…?/g, (n) => `__n(${JSON.stringify(n)})`);
  return new Function("__n", `return (${marked});`)((n: string) => new Printed(n));
}

interface Example {
  readonly call: string;
  readonly printed: unknown;
  readonly actual: unknown;
}

/** Runs every ```ts block with the entry bound to the reference, collecting each `// → value` example. */
function codeExamples(exercise: Exercise, seed = 1): Example[] {
  const examples: Example[] = [];
  const variant = variantFor(exercise, seed);
  const entry = (...args: unknown[]) => exercise.solve(structuredClone(args), variant);
  for (const [, code] of statementOf(exercise.id).matchAll(/```ts\n([\s\S]*?)```/g)) {
    const expectations: string[] = [];
    // An expected value runs from "// →" to the end of the line, plus comment lines that continue it.
    let program = code!.replace(/\/\/ →([^\n]*(?:\n\s*\/\/(?! →)[^\n]*)*)/g, (_, value: string) => {
      expectations.push(value.replace(/\n\s*\/\//g, "\n"));
      return `__EXPECT_${expectations.length - 1}__`;
    });
    program = program.replace(/\/\/[^\n]*/g, "");
    program = program.replace(/([^;]+);\s*__EXPECT_(\d+)__/g, (_, call: string, index: string) => `__check(${index}, ${JSON.stringify(call.trim())}, ${call.trim()});`);
    expect(program, `${exercise.id}: every example is a call ending in ';'`).not.toMatch(/__EXPECT_/);
    new Function(exercise.entry, "__check", program)(entry, (index: number, call: string, actual: unknown) => {
      examples.push({ call, printed: parsePrinted(expectations[index]!), actual });
    });
  }
  return examples;
}

describe("every code example in a statement gives what the reference gives", () => {
  it.each(listExercises().map((e) => [e.id, e] as const))("%s", (id, exercise) => {
    const examples = codeExamples(exercise);
    expect(examples.length, `${id} shows no checkable example`).toBeGreaterThan(0);
    for (const example of examples) expect(differences(example.printed, example.actual), example.call).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Code in the student's language: every language-dependent block has a Python sibling, written
// with the Python contract's names and values, that shows what the reference gives.

/** Python literals as JavaScript reads them; everything else in the examples (lists, dicts with quoted keys, numbers, strings) is the same. */
const pythonLiteralsAsJs = (text: string) =>
  text
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/\bNone\b/g, "null");

/** Splits Python source into its top-level statements: a line break inside brackets continues the statement. */
function pythonStatements(source: string): string[] {
  const statements: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of source) {
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    if (c === "\n" && depth === 0) {
      if (current.trim()) statements.push(current.trim());
      current = "";
    } else current += c;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/**
 * Runs every ```python block with the snake_case entry bound to the reference: `name = value`
 * lines become variables, and each call followed by `# → value` is an example.
 */
function pythonCodeExamples(exercise: Exercise, seed = 1): Example[] {
  const examples: Example[] = [];
  const variant = variantFor(exercise, seed);
  const entry = (...args: unknown[]) => exercise.solve(structuredClone(args), variant);
  for (const block of statementCodeGroups(statementOf(exercise.id)).flat()) {
    if (block.language !== "python") continue;
    const expectations: string[] = [];
    let source = block.code.replace(/# →([^\n]*(?:\n\s*#(?! →)[^\n]*)*)/g, (_, value: string) => {
      expectations.push(value.replace(/\n\s*#/g, "\n"));
      return ` __EXPECT_${expectations.length - 1}__`;
    });
    source = source.replace(/#[^\n]*/g, "");
    // An expected value on the lines below a call belongs to that call.
    const statements = pythonStatements(source).reduce<string[]>((all, statement) => {
      if (/^__EXPECT_\d+__$/.test(statement) && all.length > 0) all[all.length - 1] += ` ${statement}`;
      else all.push(statement);
      return all;
    }, []);
    const program = statements
      .map((statement) => {
        const expectation = /\s*__EXPECT_(\d+)__$/.exec(statement);
        const code = pythonLiteralsAsJs(expectation ? statement.slice(0, expectation.index) : statement).trim();
        const assignment = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]+)$/.exec(code);
        if (assignment) return `var ${assignment[1]} = (${assignment[2]});`;
        return expectation ? `__check(${expectation[1]}, ${JSON.stringify(code)}, ${code});` : `${code};`;
      })
      .join("\n");
    expect(program, `${exercise.id}: every expected value follows a call`).not.toMatch(/__EXPECT_/);
    new Function(entryNameIn("python", exercise.entry), "__check", program)(entry, (index: number, call: string, actual: unknown) => {
      examples.push({ call, printed: parsePrinted(pythonLiteralsAsJs(expectations[index]!)), actual });
    });
  }
  return examples;
}

describe("statement code follows the student's language", () => {
  it.each(listExercises().map((e) => [e.id, e] as const))("%s: every language sees its own block of each language-dependent group", (id, exercise) => {
    const groups = statementCodeGroups(statementOf(id));
    expect(groups.length, `${id} has no language-dependent code`).toBeGreaterThan(0);
    for (const group of groups) expect(group.map((block) => block.language)).toContain("python");
    expect(statementCodeProblems(statementOf(id), exercise.entry)).toEqual([]);
  });

  it.each(listExercises().map((e) => [e.id, e] as const))("%s: Python blocks call the snake_case name and show what the reference gives", (id, exercise) => {
    const python = entryNameIn("python", exercise.entry);
    for (const block of statementCodeGroups(statementOf(id)).flat()) {
      if (block.language !== "python") continue;
      expect(block.code).toContain(`${python}(`);
      if (python !== exercise.entry) expect(block.code).not.toContain(`${exercise.entry}(`);
      // Python has no `//` comments, `;` line ends, `true`/`false`/`null` or bare object keys.
      expect(block.code).not.toMatch(/\/\/|;\s*$|\b(true|false|null|undefined|const|let)\b|[{,]\s*[A-Za-z_]\w*:/m);
    }
    const examples = pythonCodeExamples(exercise);
    expect(examples.length, `${id} shows no checkable Python example`).toBe(codeExamples(exercise).length);
    for (const example of examples) expect(differences(example.printed, example.actual), example.call).toEqual([]);
  });

  it("the rule: TypeScript's block serves JavaScript unless the group has its own, and Python never falls back", () => {
    const groups = statementCodeGroups("```ts\nf();\n```\n\n```python\nf()\n```\n\ntext\n\n```ts\ng();\n```\n```js\ng();\n```\n```text\nsame\n```\n");
    expect(groups.map((group) => group.map((block) => [block.language, block.shownFor]))).toEqual([
      [
        ["typescript", ["typescript", "javascript"]],
        ["python", ["python"]],
      ],
      [
        ["typescript", ["typescript"]],
        ["javascript", ["javascript"]],
      ],
    ]);
    expect(statementCodeGroups("```ts\nf();\n```\n")[0]![0]!.shownFor).not.toContain("python");
  });

  it("finds a group without Python, and Python blocks that keep the TypeScript name or call no function", () => {
    expect(statementCodeProblems("```ts\nkmeansStep(p, c); // → 1\n```\n", "kmeansStep")).toEqual([
      "code group 1 (TypeScript): no block for Python (add a ```python block beside it)",
    ]);
    expect(statementCodeProblems("```ts\nkmeansStep(p, c);\n```\n\n```python\nkmeansStep(p, c)\n```\n", "kmeansStep")).toEqual([
      "code group 1 (TypeScript, Python): the Python block names `kmeansStep`; in Python it is `kmeans_step`",
    ]);
    expect(statementCodeProblems("```ts\nkmeansStep(p, c);\n```\n\n```python\np = [[0]]\n```\n", "kmeansStep")).toEqual([
      "code group 1 (TypeScript, Python): the Python block does not call `kmeans_step(...)`",
    ]);
    expect(statementCodeProblems("```ts\nf();\n```\n\n```python\nf()\n```\n\n```python\nf()\n```\n", "f")).toEqual([
      "code group 1 (TypeScript, Python, Python): 2 blocks for Python",
    ]);
    expect(statementCodeProblems("```ts\nkmeansStep(p, c);\n```\n\n```python\nkmeans_step(p, c)\n```\n", "kmeansStep")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Arithmetic in the math: in `$a = b \approx c$`, every side that is plain arithmetic is checked
// against its numeric neighbours (= exactly, ≈ to the printed decimals).

/** Math segments of a statement, display math first removed from the text so `$` pairs stay aligned. */
function mathSegments(statement: string): string[] {
  const display = [...statement.matchAll(/\$\$([\s\S]*?)\$\$/g)].map((m) => m[1]!);
  const rest = statement.replace(/\$\$[\s\S]*?\$\$/g, " ").replace(/```[\s\S]*?```/g, " ");
  const inline = [...rest.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]!);
  return [...display, ...inline];
}

/** Splits at `separator` characters outside (), {} and []. */
function splitTopLevel(text: string, isSeparator: (text: string, i: number) => number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) depth--;
    else if (depth === 0) {
      const length = isSeparator(text, i);
      if (length > 0) {
        parts.push(text.slice(start, i));
        start = i + length;
        i += length - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A scalar LaTeX arithmetic expression as a number, or null when it is not plain arithmetic. */
function evaluateScalar(latex: string): number | null {
  let js = latex
    .replace(/\{,\}/g, "")
    .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr)/g, "")
    .replace(/\\[td]?frac\{([^{}]+)\}\{([^{}]+)\}/g, "(($1)/($2))")
    .replace(/\\lfloor/g, "__floor(")
    .replace(/\\rfloor/g, ")")
    .replace(/\\max\s*\(/g, "__max(")
    .replace(/\\(?:cdot|times)/g, "*")
    .replace(/−/g, "-")
    .replace(/\^\{([^{}]+)\}/g, "**($1)")
    .replace(/\^(\d)/g, "**$1")
    .replace(/\\[,;!: ]|\\q?quad/g, " ")
    .trim();
  if (js === "" || !/^[\d.+\-*/() ,_a-z]*$/.test(js)) return null;
  const names = js.match(/[_a-z]+/g) ?? [];
  if (names.some((n) => n !== "__floor" && n !== "__max")) return null;
  if (/,/.test(js.replace(/__max\([^()]*\)/g, ""))) return null;
  // `2(3)` is not arithmetic here; only explicit operators count.
  js = js.replace(/\s+/g, " ");
  try {
    const value = new Function("__floor", "__max", `return (${js});`)(Math.floor, Math.max) as unknown;
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** A side of an equation: a number, a tuple `(a, b)` of numbers, or null. */
function evaluateSide(latex: string): { values: number[]; printed: Printed[] | null } | null {
  const text = latex.trim();
  const tuple = /^\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(text);
  const parts = tuple && splitTopLevel(tuple[1]!, (t, i) => (t[i] === "," ? 1 : 0)).length > 1 ? splitTopLevel(tuple[1]!, (t, i) => (t[i] === "," ? 1 : 0)) : [text];
  const values = parts.map(evaluateScalar);
  if (values.some((v) => v === null)) return null;
  const literal = parts.every((p) => /^\s*-?[\d.]+(?:\{,\}\d+)*\s*$/.test(p.replace(/−/g, "-")));
  return { values: values as number[], printed: literal ? parts.map((p) => new Printed(p.replace(/\{,\}/g, "").replace(/−/g, "-").trim())) : null };
}

interface Relation {
  readonly text: string;
  readonly problem: string | null;
}

function checkRelations(segment: string): Relation[] {
  const relations: Relation[] = [];
  const pieces = splitTopLevel(segment.replace(/\\q?quad/g, "\u0000"), (t, i) => (t[i] === "\u0000" || (t[i] === "," && t[i - 1] !== "\\" && !/\d/.test(t[i + 1] ?? "")) ? 1 : 0));
  for (const piece of pieces) {
    const sides: string[] = [];
    const relationsBetween: ("=" | "≈")[] = [];
    let rest = piece;
    for (;;) {
      const match = /=|\\approx/.exec(rest);
      if (!match) break;
      sides.push(rest.slice(0, match.index));
      relationsBetween.push(match[0] === "=" ? "=" : "≈");
      rest = rest.slice(match.index + match[0].length);
    }
    sides.push(rest);
    for (let i = 0; i + 1 < sides.length; i++) {
      const left = evaluateSide(sides[i]!);
      const right = evaluateSide(sides[i + 1]!);
      if (!left || !right || left.values.length !== right.values.length) continue;
      const approximate = relationsBetween[i] === "≈";
      const printed = right.printed ?? left.printed;
      const computed = right.printed ? left.values : right.values;
      const ok = computed.every((value, k) => {
        if (approximate && printed) return showsValue(printed[k]!, value);
        return Math.abs(value - (right.printed ? right.values[k]! : left.values[k]!)) <= 1e-12 * Math.max(1, Math.abs(value));
      });
      const text = `${sides[i]!.trim()} ${relationsBetween[i]} ${sides[i + 1]!.trim()}`;
      relations.push({ text, problem: ok ? null : `${text}: ${left.values.join(", ")} vs ${right.values.join(", ")}` });
    }
  }
  return relations;
}

describe("every arithmetic equality in a statement's math holds", () => {
  it.each(listExercises().map((e) => [e.id] as const))("%s", (id) => {
    const relations = mathSegments(statementOf(id)).flatMap(checkRelations);
    expect(relations.filter((r) => r.problem).map((r) => r.problem)).toEqual([]);
  });

  it("finds the sums the statements work out (so a broken parser cannot pass silently)", () => {
    const checked = listExercises().flatMap((e) =>
      mathSegments(statementOf(e.id))
        .flatMap(checkRelations)
        .map((r) => r.text),
    );
    expect(checked).toEqual(
      expect.arrayContaining([
        "100 \\cdot 50 + 50 \\cdot 50 = 7{,}500",
        "784 \\cdot 256 + 256 \\cdot 128 + 128 \\cdot 10 = 234{,}752",
        "19 \\cdot 64 + 64 + 64 \\cdot 1 + 1 = 1{,}345",
        "0.75^2 + 1.5^2 = 2.8125",
        "24 / 25 = 0.96",
        "\\max(-1, 1, 1, 0) = 1",
      ]),
    );
    expect(checkRelations("1 + 1 = 3")[0]?.problem).toMatch(/1 \+ 1 = 3/);
    expect(checkRelations("2 / 3 \\approx 0.667")[0]?.problem).toBeNull();
    expect(checkRelations("2 / 3 \\approx 0.666")[0]?.problem).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Worked numbers in the prose, recomputed with exercises/core and looked up in the text.

/** The statement with its math written as one line, so a formula can be searched for across line breaks. */
function flat(id: string): string {
  return statementOf(id).replace(/\s+/g, " ");
}

const fixed = (digits: number) => (v: number) => v.toFixed(digits).replace(/^-/, "-");
const tuple = (values: readonly number[], format: (v: number) => string) => `(${values.map(format).join(", ")})`;
const tupleSpaced = (values: readonly number[], format: (v: number) => string) => `(${values.map(format).join(",\\ ")})`;

describe("the worked numbers in the prose are the reference's", () => {
  it("mlp-parameter-count: the lecture's networks, as the statement counts them", () => {
    const count = getExercise("mlp-parameter-count").solve;
    const text = flat("mlp-parameter-count");
    expect(text).toContain("100 inputs, one hidden layer of 50 units and a last layer of 50 units");
    expect(text).not.toMatch(/19 predictors,/);
    expect(text).toContain('"20 input variables"');
    expect(count([[100, 50, 50], false], {})).toBe(7500);
    expect(text).toContain(`"about 235,000"`);
    expect(Math.round((count([[784, 256, 128, 10], false], {}) as number) / 1000)).toBe(235);
    // 20 variables with the intercept counted among them: 19 inputs give the lecture's 1,345.
    expect(count([[19, 64, 1], true], {})).toBe(1345);
    expect(count([[20, 64, 1], true], {})).not.toBe(1345);
  });

  it("softmax-cross-entropy: e^z, its sum, p and J for z = (2, 1, 0.1)", () => {
    const z = [2, 1, 0.1];
    const text = flat("softmax-cross-entropy");
    const exps = z.map(Math.exp);
    const p = softmax(z);
    expect(text).toContain(`e^{\\mathbf{z}} \\approx ${tuple(exps, fixed(3))}`);
    expect(text).toContain(`their sum is about $${fixed(3)(exps.reduce((a, b) => a + b))}$`);
    expect(text).toContain(`\\mathbf{p} \\approx ${tuple(p, fixed(3))}`);
    expect(text).toContain(`J = -\\log ${fixed(3)(p[0]!)} \\approx ${fixed(3)(-Math.log(p[0]!))}`);
  });

  it("backprop-gradients: the forward and backward values of the lecture network", () => {
    const [x, y, W1, b1, W2, b2] = [
      [1, 0],
      [1],
      [
        [2, -3],
        [1, 4],
      ],
      [0, 0],
      [[2, -1]],
      [0],
    ];
    const [hidden, output] = forwardTrace(x, [
      { W: W1, b: b1, activation: "sigmoid" },
      { W: W2, b: b2, activation: "sigmoid" },
    ]) as [{ z: number[]; a: number[] }, { z: number[]; a: number[] }];
    const { db1, db2 } = getExercise("backprop-gradients").solve([x, y, W1, b1, W2, b2], {}) as { db1: number[]; db2: number[] };
    const text = flat("backprop-gradients");
    const six = fixed(6);
    expect(text).toContain(`\\mathbf{z}_1 = ${tuple(hidden.z, String)}`);
    expect(text).toContain(`\\mathbf{h} \\approx ${tuple(hidden.a, six)}`);
    expect(text).toContain(`z_2 \\approx ${six(output.z[0]!)}`);
    expect(text).toContain(`\\hat{y} \\approx ${six(output.a[0]!)}`);
    expect(text).toContain(`J \\approx ${six(squaredLoss(output.a, y).loss)}`);
    expect(text).toContain(`\\delta_2 = \\partial J / \\partial z_2 \\approx ${six(db2[0]!)}`);
    expect(text).toContain(`\\boldsymbol{\\delta}_1 \\approx ${tupleSpaced(db1, six)}`);
  });

  it("activation-derivatives: where e^z starts to overflow", () => {
    const limit = /overflows to `Infinity` once \$z > ([\d.]+)\$/.exec(flat("activation-derivatives"));
    expect(limit).not.toBeNull();
    const z = Number(limit![1]);
    expect(Number.isFinite(Math.exp(z))).toBe(true);
    expect(Math.exp(z + 0.01)).toBe(Infinity);
  });

  it("forward-pass: the lecture's step network at x = (1, 0)", () => {
    const [hidden, output] = forwardTrace(
      [1, 0],
      [
        {
          W: [
            [2, -3],
            [1, 4],
          ],
          b: [0, 0],
          activation: "step",
        },
        { W: [[2, -1]], b: [0], activation: "step" },
      ],
    ) as [{ z: number[]; a: number[] }, { z: number[]; a: number[] }];
    const text = flat("forward-pass");
    expect(text).toContain(`$a_3 = 2\\cdot 1 - 3\\cdot 0 = ${hidden.z[0]}$, $a_4 = ${hidden.z[1]}$, so $h_3 = h_4 = ${hidden.a[0]}$`);
    expect(hidden.a[1]).toBe(hidden.a[0]);
    expect(text).toContain(`$a_5 = 2 - 1 = ${output.z[0]}$ and the output is $f(${output.z[0]}) = ${output.a[0]}$`);
  });

  it("backprop-warmup: q and f at x = −2, y = 5, z = −4", () => {
    const { f } = sumTimesGradients(-2, 5, -4);
    expect(flat("backprop-warmup")).toContain(`the forward pass gives $q = ${-2 + 5}$ and $f = ${f}$`);
  });

  it("kmeans-step: the distance table and the assignments", () => {
    const centroids = [
      [0, 0],
      [4, 0],
    ];
    const rows = [...statementOf("kmeans-step").matchAll(/^\| \$\((-?\d+), (-?\d+)\)\$ \| \$(\d+)\$ \| \$(\d+)\$ \| \$(\d+)\$/gm)];
    expect(rows).toHaveLength(5);
    for (const [, px, py, d0, d1, assigned] of rows) {
      const point = [Number(px), Number(py)];
      expect([Number(d0), Number(d1)]).toEqual(centroids.map((c) => squaredEuclidean(point, c)));
      const distances = centroids.map((c) => squaredEuclidean(point, c));
      expect(Number(assigned)).toBe(distances.indexOf(Math.min(...distances)));
    }
  });

  it("kmeans-wcss: each row's squared distance and the total", () => {
    const centroids = [
      [2, 2],
      [7, 6],
    ];
    const rows = [...statementOf("kmeans-wcss").matchAll(/^\| \$\((-?\d+), (-?\d+)\)\$ \| \$(\d+)\$ \| \$[^$]*= (\d+)\$ \|$/gm)];
    expect(rows).toHaveLength(5);
    let total = 0;
    for (const [, px, py, cluster, distance] of rows) {
      const d = squaredEuclidean([Number(px), Number(py)], centroids[Number(cluster)]!);
      expect(Number(distance)).toBe(d);
      total += d;
    }
    expect(statementOf("kmeans-wcss")).toContain(`// → ${total}`);
  });

  it("conv-maxpool: the feature map F of the example", () => {
    const image = [
      [1, 2, 0, 1, 3],
      [0, 1, 3, 1, 0],
      [2, 0, 1, 2, 1],
      [1, 3, 0, 0, 2],
    ];
    const matrix = /F = \\begin\{pmatrix\}([\s\S]*?)\\end\{pmatrix\}/.exec(statementOf("conv-maxpool"));
    expect(matrix).not.toBeNull();
    const shown = matrix![1]!.split("\\\\").map((row) => row.split("&").map((v) => Number(v.trim())));
    expect(shown).toEqual(
      conv2dValid(image, [
        [1, 0],
        [0, -1],
      ]),
    );
  });

  it("logistic-regression-step: the gradient of the worked step", () => {
    const exercise = getExercise("logistic-regression-step");
    const { w, b } = exercise.solve([[[1, 2]], [1], [0, 0], 0, 1], variantFor(exercise, 1)) as { w: number[]; b: number };
    const text = flat("logistic-regression-step");
    expect(text).toContain(`$p = \\sigma(0) = ${sigmoid(0)}$`);
    // With η = 1 and w = 0, b = 0 the gradient is minus the new values.
    expect(text).toContain(
      `= ${tuple(
        w.map((v) => -v),
        String,
      )}$ and $\\partial J/\\partial b = ${-b}$`,
    );
    expect(text).toContain(`\\mathbf{w}_{\\text{new}} = ${tuple(w, String)}$`);
    expect(text).toContain(`b_{\\text{new}} = ${b}$`);
  });

  it("autoencoder-reconstruction: the codes and the loss of both points", () => {
    const exercise = getExercise("autoencoder-reconstruction");
    const encoder = { W: [[1, 0.5]], b: [0] };
    const decoder = { W: [[0.5], [1]], b: [0, 0] };
    const offLine = exercise.solve([[2, 1], encoder, decoder], {}) as { code: number[]; reconstruction: number[]; loss: number };
    const text = flat("autoencoder-reconstruction");
    expect(text).toContain(`$z = ${offLine.code[0]}$`);
    expect(text).toContain(`$\\hat{\\mathbf{x}} = ${tuple(offLine.reconstruction, String)}$`);
    expect(text).toContain(`= ${offLine.loss}$`);
  });
});
