/**
 * Hostile submissions through the real grader (sandbox pool, fresh isolate each), on the
 * backprop-warmup exercise. Each must end with its expected verdict and no marks, and a normal
 * submission graded right after it must still get full marks.
 */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import type { GradeResult, Verdict } from "../../grader/engine/result.ts";
import { solution } from "../support/solutions.ts";
import { getExercise } from "../../exercises/registry.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 2 });

const EXERCISE = "backprop-warmup";
const correct = solution(EXERCISE, "correct");
const grade = (source: string, language: "typescript" | "javascript" = "javascript") =>
  gradeSubmission(pool, { exercise: getExercise(EXERCISE), source, language, seed: 7, mode: "submit" });

interface Attack {
  readonly name: string;
  readonly source: string;
  /** Acceptable verdicts: where V8 may stop it one way or another, either is a correct refusal. */
  readonly verdicts: readonly Verdict[];
  readonly message?: RegExp;
}

const fn = (body: string) => `export function gradients(x, y, z) {\n${body}\n}\n`;

const ATTACKS: readonly Attack[] = [
  // CPU
  { name: "infinite loop", source: fn("while (true) {}"), verdicts: ["timeout"] },
  { name: "infinite loop at module load", source: `for (;;) {}\n${fn("return {}")}`, verdicts: ["timeout"] },
  { name: "loop that swallows exceptions", source: fn("while (true) { try { for (;;) {} } catch (e) {} }"), verdicts: ["timeout"] },
  // Each turn allocates a promise: V8 runs out of heap or of time, whichever comes first.
  {
    name: "infinite microtask chain",
    source: fn("const spin = () => Promise.resolve().then(spin); spin(); return { dx: 0, dy: 0, dz: 0 };"),
    verdicts: ["timeout", "memory_limit"],
  },
  { name: "infinite loop after an await", source: "export async function gradients() { await null; for (;;) {} }\n", verdicts: ["timeout"] },
  { name: "catastrophic regex backtracking", source: fn('/^(a+)+$/.test("a".repeat(40) + "!"); return {};'), verdicts: ["timeout"] },
  { name: "endless generator", source: fn("for (const _ of (function* () { for (;;) yield 1; })()) {} return {};"), verdicts: ["timeout"] },
  {
    name: "Atomics.wait (Atomics removed)",
    source: fn("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return {};"),
    verdicts: ["runtime_error"],
    message: /is not defined/,
  },
  {
    name: "WebAssembly busy loop (WebAssembly removed)",
    source: fn("const m = new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0])); return {};"),
    verdicts: ["runtime_error"],
    message: /WebAssembly is not defined/,
  },
  { name: "a promise that never settles", source: fn("return new Promise(() => {});"), verdicts: ["invalid_output"], message: /Promise/ },
  { name: "top-level await on a promise that never settles", source: `await new Promise(() => {});\n${fn("return {}")}`, verdicts: ["compile_error", "runtime_error"] },
  { name: "unbounded recursion", source: fn("const r = () => r(); return r();"), verdicts: ["runtime_error"], message: /Maximum call stack/ },
  { name: "setTimeout is not there", source: fn("setTimeout(() => {}, 0); return {};"), verdicts: ["runtime_error"], message: /setTimeout is not defined/ },

  // Memory
  { name: "array push bomb", source: fn("const a = []; for (;;) a.push(new Array(1e5).fill(1));"), verdicts: ["memory_limit"] },
  { name: "huge typed array", source: fn("const a = new Float64Array(2e8); a.fill(1); return { dx: a[0], dy: 0, dz: 0 };"), verdicts: ["memory_limit", "runtime_error"] },
  { name: "string doubling", source: fn('let s = "x"; for (;;) s += s;'), verdicts: ["memory_limit", "runtime_error"] },
  {
    name: "JSON.parse bomb",
    source: fn('const t = "[" + "1,".repeat(2e7) + "1]"; return JSON.parse(t);'),
    verdicts: ["memory_limit", "runtime_error", "timeout", "invalid_output"],
  },
  { name: "new Array(1e9).fill(0)", source: fn("return new Array(1e9).fill(0);"), verdicts: ["timeout", "memory_limit"] },
  { name: "'1'.repeat(0x7ffffff).split('') (kills V8)", source: fn("return '1'.repeat(0x7ffffff).split('');"), verdicts: ["memory_limit", "timeout"] },
  { name: "map growth bomb", source: fn("const m = new Map(); for (let i = 0; ; i++) m.set(i, { i });"), verdicts: ["memory_limit", "timeout"] },

  // Escape and tampering
  { name: "reaching process", source: fn("return process.env;"), verdicts: ["runtime_error"], message: /process is not defined/ },
  { name: "reaching require", source: fn('return require("fs").readFileSync("/etc/passwd", "utf8");'), verdicts: ["runtime_error"], message: /require is not defined/ },
  { name: "static import", source: 'import { readFileSync } from "node:fs";\n' + fn("return {}"), verdicts: ["compile_error"], message: /Imports are not available/ },
  {
    name: "dynamic import()",
    source: fn('import("node:fs").then((fs) => fs.readFileSync("/etc/passwd")); return { dx: 0, dy: 0, dz: 0 };'),
    verdicts: ["failed", "runtime_error"],
  },
  {
    name: "the constructor.constructor trick",
    source: fn('return { dx: (function () { return this; }).constructor.constructor("return process")().pid };'),
    verdicts: ["runtime_error"],
    message: /process is not defined/,
  },
  {
    name: "redefining JSON.stringify to forge a result",
    source: `JSON.stringify = () => '{"status":"ok","value":{"$o":{"dx":1,"dy":1,"dz":1}},"logs":""}';\n${fn("return { dx: 42, dy: 42, dz: 42 };")}`,
    verdicts: ["failed"],
  },
  {
    name: "poisoning Array.prototype",
    source: `Array.prototype.map = function () { return []; }; Array.prototype[Symbol.iterator] = function* () {}; Object.defineProperty(Array.prototype, "0", { set() {}, get() { return 1; } });\n${fn("return { dx: 42, dy: 42, dz: 42 };")}`,
    verdicts: ["failed"],
  },
  {
    name: "Object.prototype.then",
    source: `Object.prototype.then = (resolve) => resolve({ dx: 1, dy: 1, dz: 1 });\n${fn("return { dx: 42, dy: 42, dz: 42 };")}`,
    verdicts: ["failed"],
  },
  { name: "a returned getter that loops", source: fn("return { get dx() { for (;;) {} }, dy: 0, dz: 0 };"), verdicts: ["timeout"] },
  { name: "a returned getter that throws", source: fn('return { get dx() { throw new Error("gotcha"); }, dy: 0, dz: 0 };'), verdicts: ["runtime_error"], message: /gotcha/ },
  { name: "a thrown Proxy", source: fn("throw new Proxy({}, { get() { for (;;) {} } });"), verdicts: ["timeout"] },
  {
    name: "an Error whose message getter loops",
    source: fn('const e = new Error("x"); Object.defineProperty(e, "message", { get() { for (;;) {} } }); throw e;'),
    verdicts: ["timeout"],
  },
  {
    name: "Error.prepareStackTrace that loops",
    source: `Error.prepareStackTrace = () => { for (;;) {} };\n${fn("return {}")}`,
    verdicts: ["runtime_error"],
    message: /read only|read-only/,
  },
  {
    name: "prepareStackTrace by defineProperty",
    source: `Object.defineProperty(Error, "prepareStackTrace", { get() { for (;;) {} } });\n${fn("return {}")}`,
    verdicts: ["runtime_error"],
    message: /redefine/,
  },
  { name: "a returned Proxy whose ownKeys trap loops", source: fn("return new Proxy({}, { ownKeys() { for (;;) {} } });"), verdicts: ["timeout"] },
  {
    name: "deleting the globals the harness uses",
    source: `delete globalThis.JSON; delete globalThis.Reflect; delete globalThis.Object;\n${fn("return { dx: 42, dy: 42, dz: 42 };")}`,
    verdicts: ["failed"],
  },

  // Output
  { name: "a 200 MB string", source: fn('return "x".repeat(200 * 1024 * 1024);'), verdicts: ["memory_limit", "invalid_output", "runtime_error"] },
  { name: "an array of millions of elements", source: fn("return new Array(5e6).fill(1);"), verdicts: ["invalid_output"], message: /larger than/ },
  {
    name: "an object with a million keys",
    source: fn("const o = {}; for (let i = 0; i < 1e6; i++) o['k' + i] = i; return o;"),
    verdicts: ["invalid_output", "memory_limit", "timeout"],
  },
  { name: "a cyclic object", source: fn("const o = { dx: 1, dy: 1 }; o.dz = o; return o;"), verdicts: ["invalid_output"], message: /cycle/ },
  { name: "a symbol", source: fn("return { dx: Symbol('x'), dy: 0, dz: 0 };"), verdicts: ["invalid_output"], message: /symbol/ },
  { name: "a function", source: fn("return { dx: () => 1, dy: 0, dz: 0 };"), verdicts: ["invalid_output"], message: /function/ },
  { name: "a BigInt", source: fn("return { dx: 1n, dy: 0n, dz: 0n };"), verdicts: ["invalid_output"], message: /bigint/ },
  { name: "NaN where numbers are expected", source: fn("return { dx: NaN, dy: NaN, dz: NaN };"), verdicts: ["failed"], message: /NaN/ },
  { name: "Infinity where numbers are expected", source: fn("return { dx: Infinity, dy: -Infinity, dz: Infinity };"), verdicts: ["failed"], message: /Infinity/ },
  { name: "console flood", source: fn("for (let i = 0; i < 1e6; i++) console.log('spam', i); return { dx: 0, dy: 0, dz: 0 };"), verdicts: ["failed", "timeout"] },
];

function expectNoMarks(result: GradeResult): void {
  expect(result.score).toBe(0);
  expect(result.verdict).not.toBe("internal_error");
}

describe("hostile submissions", () => {
  it("there are at least 40 of them", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ATTACKS.map((attack) => [attack.name, attack] as const))(
    "%s",
    async (_name, attack) => {
      const started = performance.now();
      const result = await grade(attack.source);
      const took = performance.now() - started;
      expect(attack.verdicts, `verdict ${result.verdict}: ${result.error?.message ?? result.tests.find((t) => t.status !== "passed")?.message}`).toContain(result.verdict);
      expectNoMarks(result);
      if (attack.message) {
        const messages = [result.error?.message ?? "", ...result.tests.map((t) => t.message)].join("\n");
        expect(messages).toMatch(attack.message);
      }
      // Bounded by the time limit, the watchdog's grace, and one retry of a process that died.
      expect(took).toBeLessThan(2 * (4000 + 1000) + 2000);
      const normal = await grade(correct, "typescript");
      expect(normal.verdict).toBe("passed");
      expect(normal.score).toBe(normal.maxScore);
    },
    30_000,
  );
});

describe("non-determinism", () => {
  it.each([
    ["Math.random", fn("return { dx: Math.random(), dy: Math.random(), dz: Math.random() };")],
    ["Date.now and new Date()", fn("return { dx: Date.now() % 97, dy: new Date().getSeconds(), dz: new Date().getMilliseconds() };")],
    ["performance-like timers from Date", fn("const t = Date.now(); let n = 0; while (Date.now() === t && n < 1e5) n++; return { dx: n, dy: 0, dz: 0 };")],
  ])("%s gives the same grade on every run", async (_name, source) => {
    const first = await grade(source);
    const second = await grade(source);
    expect(second.verdict).toBe(first.verdict);
    expect(second.score).toBe(first.score);
    expect(second.tests.map((t) => t.got)).toEqual(first.tests.map((t) => t.got));
  });
});

describe("isolation between students", () => {
  it("a hostile submission does not delay another student's grading beyond its own limit", async () => {
    const hostile = grade(fn("while (true) {}"));
    // With a pool of two, the other process keeps grading while one loops.
    const started = performance.now();
    const normal = await grade(correct, "typescript");
    const waited = performance.now() - started;
    expect(normal.verdict).toBe("passed");
    expect(waited).toBeLessThan(1500);
    expect((await hostile).verdict).toBe("timeout");
  });

  it("state left by one submission is gone for the next (fresh isolate)", async () => {
    await grade(`globalThis.leak = "secret"; Object.prototype.polluted = true;\n${fn("return {}")}`);
    const probe = await grade(fn("return { dx: typeof globalThis.leak, dy: String(({}).polluted), dz: 0 };"));
    expect(probe.tests[0]!.got).toContain('"undefined"');
  });
});

describe("tampering with the built-ins the harness relies on", () => {
  // Each runs before a correct solution in the same module, which must still get full marks.
  const TAMPERING: readonly (readonly [string, string])[] = [
    ["Promise[Symbol.hasInstance] says yes", "Object.defineProperty(Promise, Symbol.hasInstance, { value: () => true });"],
    ["Promise[Symbol.hasInstance] loops", "Object.defineProperty(Promise, Symbol.hasInstance, { value: () => { for (;;) {} } });"],
    [
      "Symbol.hasInstance on the Error classes throws",
      'for (const E of [Error, TypeError, RangeError, SyntaxError]) Object.defineProperty(E, Symbol.hasInstance, { value: () => { throw new Error("no"); } });',
    ],
    ["Array.prototype[Symbol.iterator] replaced", "Array.prototype[Symbol.iterator] = function* () { yield 1; };"],
    ["Array[Symbol.species] throws", 'Object.defineProperty(Array, Symbol.species, { get() { throw new Error("species"); } });'],
    ["Object.prototype[Symbol.toPrimitive] throws", 'Object.prototype[Symbol.toPrimitive] = () => { throw new Error("primitive"); };'],
    ["Object.prototype.toString and valueOf throw", 'Object.prototype.toString = Object.prototype.valueOf = () => { throw new Error("string"); };'],
    [
      "accessors on Object.prototype for the names the harness reads",
      'for (const key of ["status", "reason", "logs", "0", "length", "stack", "message", "name", "a", "s"]) Object.defineProperty(Object.prototype, key, { get() { throw new Error("get " + key); }, set() { throw new Error("set " + key); }, configurable: true });',
    ],
    // One at a time: once one is there, the student's own next defineProperty would read it.
    ...["value", "enumerable", "get", "set"].map(
      (key) =>
        [
          `an accessor on Object.prototype.${key}`,
          `Object.defineProperty(Object.prototype, "${key}", { get() { throw new Error("get"); }, set() { throw new Error("set"); }, configurable: true });`,
        ] as const,
    ),
    ["Function.prototype.call and apply replaced", 'Function.prototype.call = Function.prototype.apply = Function.prototype.bind = function () { throw new Error("call"); };'],
    [
      "Reflect, JSON and Object methods replaced",
      'Reflect.apply = Reflect.ownKeys = Reflect.getOwnPropertyDescriptor = Reflect.getPrototypeOf = Object.hasOwn = Object.is = JSON.parse = JSON.stringify = Array.isArray = ArrayBuffer.isView = () => { throw new Error("replaced"); };',
    ],
    [
      "Set and WeakMap methods replaced",
      "Set.prototype.has = () => true; Set.prototype.add = Set.prototype.delete = () => { throw 1; }; WeakMap.prototype.get = () => []; WeakMap.prototype.set = () => { throw 1; };",
    ],
    ["String.prototype methods replaced", 'String.prototype.slice = String.prototype.charCodeAt = String.prototype.indexOf = () => { throw new Error("string"); };'],
    [
      "%TypedArray%.prototype.length getter replaced",
      'Object.defineProperty(Object.getPrototypeOf(Int8Array.prototype), "length", { get() { throw new Error("length"); }, configurable: true });',
    ],
    ["Error.captureStackTrace and stackTraceLimit changed", 'Error.stackTraceLimit = 0; Error.captureStackTrace = () => { throw new Error("capture"); };'],
  ];

  it("after each of them, a correct solution in the same module still gets full marks", async () => {
    for (const [name, tampering] of TAMPERING) {
      const result = await grade(`${tampering}\n${correct}`, "typescript");
      expect(result.verdict, `${name}: ${result.error?.message ?? result.tests.find((t) => t.status !== "passed")?.message}`).toBe("passed");
      expect(result.score, name).toBe(result.maxScore);
    }
  }, 30_000);

  it("a real Promise is still reported as a Promise, whatever Promise[Symbol.hasInstance] says", async () => {
    for (const answer of ["false", "true"]) {
      const result = await grade(`Object.defineProperty(Promise, Symbol.hasInstance, { value: () => ${answer} });\n${fn("return Promise.resolve({ dx: 0, dy: 0, dz: 0 });")}`);
      expect(result.tests[0]!.status, answer).toBe("invalid_output");
      expect(result.tests[0]!.message, answer).toMatch(/returned a Promise/);
    }
  });

  it("a typed array is read with the original length getter", async () => {
    const source = `Object.defineProperty(Object.getPrototypeOf(Int8Array.prototype), "length", { get() { return 0; }, configurable: true });\n${solution("forward-pass", "correct").replace("  return a;\n}", "  return Float64Array.from(a) as unknown as number[];\n}")}`;
    const result = await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source, language: "typescript", seed: 7, mode: "submit" });
    expect(result.verdict).toBe("passed");
  });

  it("a hole in a returned array is not filled from Array.prototype", async () => {
    const result = await gradeSubmission(pool, {
      exercise: getExercise("forward-pass"),
      source:
        'Object.defineProperty(Array.prototype, "0", { get() { return 1; }, configurable: true });\nexport function forward(x: number[]): number[] { const out: number[] = []; out.length = 1; return out; }\n',
      language: "typescript",
      seed: 7,
      mode: "run",
    });
    expect(result.tests[0]!.status).toBe("invalid_output");
    expect(result.tests[0]!.message).toMatch(/undefined/);
  });
});
