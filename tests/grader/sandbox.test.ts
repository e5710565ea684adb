/** The grader end to end through the real sandbox pool, on the forward-pass exercise. */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { redactForStudent } from "../../grader/engine/student-view.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { getExercise } from "../../exercises/registry.ts";
import { solution } from "../support/solutions.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 2 });

const correct = solution("forward-pass", "correct");
const grade = (source: string, options: { mode?: "run" | "submit"; language?: "typescript" | "javascript"; seed?: number } = {}) =>
  gradeSubmission(pool, { exercise: getExercise("forward-pass"), source, seed: options.seed ?? 1, mode: options.mode ?? "submit", language: options.language ?? "typescript" });

async function expectHealthy(): Promise<void> {
  const result = await grade(correct);
  expect(result.verdict).toBe("passed");
}

describe("grading forward-pass in the sandbox", () => {
  it("gives a correct solution full marks", async () => {
    const result = await grade(correct);
    expect(result).toMatchObject({ verdict: "passed", score: 9, maxScore: 9, hidden: { total: 6, passed: 6 } });
  });

  it("runs only the visible tests in run mode", async () => {
    const result = await grade(correct, { mode: "run" });
    expect(result.tests.every((t) => t.visibility === "visible")).toBe(true);
    expect(result.hidden.total).toBe(0);
    expect(result.maxScore).toBe(3);
  });

  it("grades plain JavaScript too", async () => {
    const js =
      "export function forward(x, layers) {\n  return layers.reduce((a, l) => l.W.map((row, i) => { const v = row.reduce((s, w, j) => s + w * a[j], l.b[i]); return ({ step: v >= 0 ? 1 : 0, sigmoid: 1 / (1 + Math.exp(-v)), tanh: Math.tanh(v), relu: Math.max(0, v), linear: v })[l.activation]; }), x);\n}\n";
    expect((await grade(js, { language: "javascript" })).verdict).toBe("passed");
  });

  it("points a runtime error at the line and column of the student's TypeScript", async () => {
    const source = [
      "type Layer = { W: number[][]; b: number[]; activation: string };",
      "export function forward(x: number[], layers: Layer[]): number[] {",
      "  const missing: { value: number } | undefined = undefined;",
      "  return [missing!.value];",
      "}",
    ].join("\n");
    const result = await grade(source, { mode: "run" });
    expect(result.verdict).toBe("runtime_error");
    const test = result.tests[0]!;
    expect(test.status).toBe("runtime_error");
    expect(test.location).toEqual({ line: 4, column: 20 });
    expect(test.message).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'value'\) \(line 4, column 20\)$/);
  });

  it("reports a syntax error with line and column and runs no test", async () => {
    const result = await grade("export function forward(x: number[]) {\n  return x +;\n}\n");
    expect(result.verdict).toBe("compile_error");
    expect(result.error?.location).toEqual({ line: 2, column: 13 });
    expect(result.tests.every((t) => t.status === "not_run")).toBe(true);
    expect(result.score).toBe(0);
  });

  it("reports an error thrown while the module loads", async () => {
    const result = await grade('const table = JSON.parse("{oops");\nexport function forward() { return []; }\n');
    expect(result.verdict).toBe("runtime_error");
    expect(result.error?.message).toMatch(/^SyntaxError: .*while loading your module/);
    expect(result.error?.location?.line).toBe(1);
  });

  it("explains a missing export and a default export", async () => {
    const missing = await grade("export function forwrd() { return []; }\n");
    expect(missing.verdict).toBe("compile_error");
    expect(missing.error?.message).toContain("must export a function named `forward`");
    expect(missing.error?.message).toContain("It exports: `forwrd`");
    const viaDefault = await grade("export default function forward() { return []; }\n");
    expect(viaDefault.error?.message).toContain("export the function by name");
  });

  it("refuses code over the size limit, naming the limit", async () => {
    const result = await grade(`export function forward() { return []; }\n// ${"x".repeat(70 * 1024)}\n`);
    expect(result.verdict).toBe("compile_error");
    expect(result.error?.message).toMatch(/^Your code is 70\.\d KB; the limit for this exercise is 64 KB\.$/);
  });

  it("gives partial credit per test and a hint for a recognised mistake", async () => {
    const result = await grade(solution("forward-pass", "missing-bias"));
    expect(result.verdict).toBe("failed");
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(result.maxScore);
    const failed = result.tests.find((t) => t.status === "failed" && t.visibility === "visible")!;
    expect(failed.hint).toContain("without biases");
    expect(failed.message).toMatch(/values are wrong\. Worst: result\[\d\]: expected .*, got .* \(error .*, allowed .*\)\./);
  });

  it("captures console output per test, capped", async () => {
    const source = `${correct}\nconsole.log("loaded");\nexport function noisy() {}\n`.replace(
      "export function forward(x: number[], layers: Layer[]): number[] {",
      'export function forward(x: number[], layers: Layer[]): number[] {\n  console.log("input", x);\n  for (let i = 0; i < 10000; i++) console.log("flood", i);',
    );
    const result = await grade(source, { mode: "run" });
    expect(result.verdict).toBe("passed");
    expect(result.loadLogs).toBe("loaded\n");
    const logs = result.tests[0]!.logs!;
    expect(logs.startsWith("input [1, 0]\nflood 0\n")).toBe(true);
    expect(logs.length).toBeLessThanOrEqual(8 * 1024);
  });

  it("grades the same way every time when the code reads Math.random and Date.now", async () => {
    const source = "export function forward() { return [Math.random(), Date.now(), new Date().getTime()]; }\n";
    const first = await grade(source);
    const second = await grade(source);
    expect(first.tests.map((t) => t.got)).toEqual(second.tests.map((t) => t.got));
    expect(first.tests[0]!.got).toMatch(/^\[0\.\d+, 1735689600000, 1735689600000\]$/);
  });
});

describe("what a student sees", () => {
  it("never contains a hidden test's inputs or expected values", async () => {
    // This submission tries to smuggle its inputs out through error messages and logs.
    const leaky =
      'export function forward(x: number[], layers: unknown[]): number[] {\n  console.log(JSON.stringify(layers));\n  throw new Error("LEAK " + JSON.stringify([x, layers]));\n}\n';
    const result = await grade(leaky);
    const studentView = JSON.stringify(redactForStudent(result));
    const hidden = prepareCases(getExercise("forward-pass"), 1).hidden;
    expect(hidden.length).toBeGreaterThan(0);
    expect(studentView).toContain("LEAK"); // visible tests may show their own data...
    for (const test of hidden) {
      const marker = JSON.stringify(test.args[0]);
      expect(studentView).not.toContain(marker); // ...hidden ones never do
      expect(studentView).not.toContain(JSON.stringify(test.expected));
    }
    const view = redactForStudent(result);
    for (const test of view.tests.filter((t) => t.visibility === "hidden")) {
      expect(test).not.toHaveProperty("input");
      expect(test).not.toHaveProperty("expected");
      expect(test).not.toHaveProperty("got");
      expect(test).not.toHaveProperty("logs");
      expect(test.message).toBe("Your code threw an error on a hidden test.");
    }
    expect(view.hidden).toEqual({ total: 6, passed: 0 });
  });
});

describe("hostile submissions", () => {
  it("stops an infinite loop on every test within the submission's total time, then grades the next submission", async () => {
    const started = performance.now();
    const result = await grade("export function forward() { while (true) {} }\n");
    // Four tests' budgets (1 s each) fill the submission's 4 s; the rest never start.
    expect(performance.now() - started).toBeLessThan(4000 + 1000);
    expect(result.verdict).toBe("timeout");
    expect(result.score).toBe(0);
    expect(result.tests.slice(0, 3).map((t) => t.status)).toEqual(["timeout", "timeout", "timeout"]);
    expect(result.tests[0]!.message).toBe("Time limit exceeded: this test took longer than its 1000 ms. Look for a loop that never ends.");
    const notRun = result.tests.filter((t) => t.status === "not_run");
    expect(notRun.length).toBeGreaterThan(0);
    expect(notRun[0]!.message).toBe("Not run: the submission's total time (4000 ms) ran out before this test.");
    await expectHealthy();
  });

  it("stops a memory bomb with a memory-limit verdict", async () => {
    const result = await grade("export function forward() { const a: number[][] = []; for (;;) a.push(new Array(1e5).fill(1)); }\n");
    expect(result.verdict).toBe("memory_limit");
    await expectHealthy();
  });

  it("survives code that kills the V8 process, and reports a verdict", async () => {
    const result = await grade('export function forward() { return "1".repeat(0x7ffffff).split(""); }\n');
    expect(["memory_limit", "invalid_output"]).toContain(result.verdict);
    await expectHealthy();
  });

  it("cannot reach the host: no process, require or dynamic import", async () => {
    const source = [
      "export function forward() {",
      "  const probes: string[] = [];",
      "  probes.push(typeof process, typeof require, typeof globalThis.WebAssembly, typeof SharedArrayBuffer);",
      '  probes.push(String((function () { return this; }).constructor.constructor("return typeof process")()));',
      "  return probes;",
      "}",
    ].join("\n");
    const result = await grade(source, { mode: "run" });
    expect(result.tests[0]!.got).toBe('["undefined", "undefined", "undefined", "undefined", "undefined"]');
  });

  it("cannot forge a result by redefining JSON.stringify, Array.prototype or Object.prototype.then", async () => {
    const source = [
      'JSON.stringify = () => \'{"status":"ok","value":[1],"logs":""}\';',
      "Object.defineProperty(Object.prototype, 'then', { value: (resolve: (v: unknown) => void) => resolve([1]), configurable: true });",
      "Array.prototype.map = function () { return [1]; } as never;",
      "(Array.prototype as unknown as { toJSON: () => number[] }).toJSON = () => [1];",
      "export function forward() { return [42]; }",
    ].join("\n");
    const result = await grade(source);
    expect(result.verdict).toBe("failed");
    expect(result.tests[0]!.got).toBe("[42]");
    expect(result.score).toBe(0);
    await expectHealthy();
  });

  it("examines a thrown Proxy and an Error with a looping message getter under the time limit", async () => {
    const proxy = await grade("export function forward() { throw new Proxy({}, { get() { for (;;) {} } }); }\n");
    expect(proxy.verdict).toBe("timeout");
    const looping = await grade('export function forward() { const e = new Error("x"); Object.defineProperty(e, "message", { get() { for (;;) {} } }); throw e; }\n');
    expect(looping.verdict).toBe("timeout");
    const throwingGetter = await grade('export function forward() { return { get 0() { throw new Error("nope"); }, length: 1 }; }\n');
    expect(throwingGetter.verdict).not.toBe("passed");
    await expectHealthy();
  });

  it("ignores Error.prepareStackTrace tricks", async () => {
    const result = await grade("(Error as unknown as { prepareStackTrace: unknown }).prepareStackTrace = () => { for (;;) {} };\nexport function forward() { return null; }\n");
    // The assignment fails (the harness froze it) and the module reports a normal runtime error.
    expect(result.verdict).toBe("runtime_error");
    expect(result.error?.message).toContain("TypeError");
  });

  it("reports NaN, Infinity, functions, cycles, BigInt and Promises as such", async () => {
    // [function body, status of the first visible test (expected [1]), message]
    const cases: [string, string, RegExp][] = [
      ["return [NaN];", "failed", /got NaN/],
      ["return [Infinity];", "failed", /got Infinity \(an overflow/],
      ["return [-0 * 1 + 1];", "passed", /Passed/],
      ["return () => 1;", "invalid_output", /function/],
      ["const a: unknown[] = []; a.push(a); return a;", "invalid_output", /cycle/],
      ["return [10n];", "invalid_output", /bigint/],
      ["return Promise.resolve([1]);", "invalid_output", /remove `async`/],
      ["return undefined;", "invalid_output", /forget a `return`/],
      ["return new Array(5e6).fill(0);", "invalid_output", /larger than the 262,144 characters allowed/],
    ];
    for (const [body, verdict, message] of cases) {
      const result = await grade(`export function forward(): unknown { ${body} }\n`, { mode: "run" });
      expect(result.tests[0]!.status, body).toBe(verdict);
      expect(result.tests[0]!.message, body).toMatch(message);
    }
  });
});
