/**
 * Every isolate starts from one V8 startup snapshot of the installed harness: each must still be
 * a fresh world. Nothing a submission changes (globals, built-ins, prototypes) may be seen by the
 * next one in the same process, and the harness must be out of student code's reach.
 */
import { afterAll, describe, expect, it } from "vitest";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import type { CallOutcome, JobOutcome, SandboxJob } from "../../grader/sandbox/protocol.ts";

const limits = { timeLimitMs: 2000, testTimeLimitMs: 1000, memoryMb: 64, maxOutputChars: 100_000, maxLogChars: 1000 };

function job(source: string, calls = 1): SandboxJob {
  return {
    source,
    language: "javascript",
    entry: "f",
    calls: Array.from({ length: calls }, (_, i) => ({ argsJson: JSON.stringify([i]), randomSeed: 7 })),
    limits,
    fixedTime: 0,
  };
}

// One process, so that consecutive submissions share everything but their isolates.
const pool = new SandboxPool({ size: 1 });
afterAll(() => pool.close());

function returned(outcome: JobOutcome): CallOutcome[] {
  expect(outcome.kind).toBe("ran");
  return outcome.kind === "ran" ? [...outcome.calls] : [];
}

function valueOf(call: CallOutcome | undefined): unknown {
  expect(call?.status).toBe("returned");
  return call?.status === "returned" ? call.value : undefined;
}

/** What a submission can see of its world, as one string per item (the wire format keeps strings as they are). */
const PROBE = `export function f() {
  const native = (fn) => typeof fn === "function" && /\\[native code\\]/.test(Function.prototype.toString.call(fn));
  return [
    Object.getOwnPropertyNames(globalThis).sort().join(","),
    typeof globalThis.leak + " " + typeof globalThis.__epochHarness,
    String(({}).polluted) + " " + String([].polluted),
    String(native(Array.prototype.map)) + " " + String(native(JSON.parse)) + " " + String(native(Object.keys)),
    String(Math.random()) + " " + String(Date.now()),
    typeof WebAssembly + " " + typeof SharedArrayBuffer + " " + typeof Atomics,
  ];
}`;

describe("isolates made from the harness snapshot", () => {
  it("show a submission nothing the previous one changed in its world", async () => {
    const before = valueOf(returned(await pool.run(job(PROBE)))[0]);
    const tamper = returned(
      await pool.run(
        job(`
globalThis.leak = "secret";
Object.prototype.polluted = "yes";
Array.prototype.polluted = "yes";
Array.prototype.map = function () { return ["forged"]; };
JSON.parse = () => ({ forged: true });
Object.keys = () => ["forged"];
Math.random = () => 0.5;
Date.now = () => 1;
export function f() { return Object.getOwnPropertyNames(globalThis).includes("leak"); }`),
      ),
    );
    // The tampering did take effect in its own isolate.
    expect(valueOf(tamper[0])).toBe(true);
    const after = valueOf(returned(await pool.run(job(PROBE)))[0]);
    expect(after).toEqual(before);
    expect((after as string[])[1]).toBe("undefined undefined");
    expect((after as string[])[2]).toBe("undefined undefined");
    expect((after as string[])[3]).toBe("true true true");
  });

  it("keep the harness out of reach: no global names it, and the built-ins it removes stay removed", async () => {
    const names = valueOf(returned(await pool.run(job(PROBE)))[0]) as string[];
    const globals = names[0]!.split(",");
    expect(globals.filter((name) => /harness|epoch/i.test(name))).toEqual([]);
    expect(globals).not.toContain("WebAssembly");
    expect(globals).not.toContain("SharedArrayBuffer");
    expect(globals).not.toContain("Atomics");
    expect(names[5]).toBe("undefined undefined undefined");
    // No function reachable from the global object is the harness's entry point.
    const reachable = valueOf(
      returned(
        await pool.run(
          job(`export function f() {
  const seen = new Set(), found = [];
  const visit = (value, depth) => {
    if (depth > 4 || value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value)) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const d = Reflect.getOwnPropertyDescriptor(value, key);
      for (const v of [d.value, d.get, d.set]) {
        if (typeof v === "function" && /"seal"|"collect"/.test(Function.prototype.toString.call(v))) found.push(String(key));
        visit(v, depth + 1);
      }
    }
  };
  visit(globalThis, 0);
  return found;
}`),
        ),
      )[0],
    );
    expect(reachable).toEqual([]);
  });

  it("leave nothing of the warm-up an idle spare gets (our own module) to the submission that takes it", async () => {
    const idle = () => new Promise((resolve) => setTimeout(resolve, 100));
    await pool.run(job("export function f() { return 0; }"));
    await idle();
    // The warm-up module exports `warm`: a submission that does not is still told so.
    const missing = await pool.run({ ...job("export function g() { return 1; }"), entry: "warm" });
    expect(missing).toMatchObject({ kind: "missing_export", exportNames: ["g"], logs: "" });
    await idle();
    const failing = await pool.run({ ...job("throw new Error('at load');\nexport function warm() { return 1; }"), entry: "warm" });
    expect(failing).toMatchObject({ kind: "load_failed", error: { message: "at load", line: 1 }, logs: "" });
    await idle();
    const calls = returned(await pool.run(job("console.log('mine');\nexport function f() { return typeof warm; }", 2)));
    expect(calls.map(valueOf)).toEqual(["undefined", "undefined"]);
    expect(calls.map((c) => (c.status === "returned" ? c.logs : null))).toEqual(["", ""]);
  });

  it("seed Math.random and fix the clock in every isolate alike", async () => {
    const first = returned(await pool.run(job("export function f() { return [Math.random(), Math.random(), Date.now(), new Date().getTime()]; }", 2)));
    const second = returned(await pool.run(job("export function f() { return [Math.random(), Math.random(), Date.now(), new Date().getTime()]; }", 2)));
    expect(first.map(valueOf)).toEqual(second.map(valueOf));
    expect((valueOf(first[0]) as number[])[2]).toBe(0);
  });

  it("record where an error was thrown from V8's frames in the first submission of a process and every later one", async () => {
    const fresh = new SandboxPool({ size: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const calls = returned(await fresh.run(job("export function f() {\n  const x = 1;\n  throw new RangeError('bad ' + x);\n}")));
        expect(calls[0]).toMatchObject({ status: "threw", error: { name: "RangeError", message: "bad 1", line: 3, column: 9 } });
      }
    } finally {
      await fresh.close();
    }
  });
});
