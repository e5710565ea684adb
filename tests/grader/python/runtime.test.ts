/** The Python runtime in a real sandbox process: wire format, errors, and the sandbox rules. */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { SandboxCall } from "../../../grader/sandbox/protocol.ts";
import type { PythonJob } from "../../../grader/sandbox/python/types.ts";
import { DEFAULT_LIMITS, FIXED_TIME, PythonProcess, values } from "./python-process.ts";

let python: PythonProcess;
beforeAll(async () => {
  python = new PythonProcess();
  await python.ready;
});
afterAll(() => python.close());

const calls = (...args: unknown[][]): SandboxCall[] => args.map((a, i) => ({ argsJson: JSON.stringify(a), randomSeed: i + 1 }));

/** A submission that returns 42, to show the process still grades normally. */
async function expectHealthy(): Promise<void> {
  expect(values(await python.run({ source: "def f():\n    return 42\n" }))).toEqual([42]);
}

describe("Python results", () => {
  it("come back in the JavaScript harness's wire format", async () => {
    const source = [
      "def f():",
      "    return {",
      "        'list': [1, 2.5, -3], 'tuple': (1, (2, 3)), 'nested': {'a': [True, False]},",
      "        'nan': float('nan'), 'inf': float('inf'), 'ninf': -float('inf'), 'negzero': -0.0,",
      "        'none': None, 'set': {1}, 'gen': (i for i in []), 'text': 'hé\"llo', 'big': 2**60,",
      "        'func': f, 'bytes': b'x',",
      "    }",
    ].join("\n");
    const [value] = values(await python.run({ source }));
    expect(value).toEqual({
      $o: {
        list: [1, 2.5, -3],
        tuple: [1, [2, 3]],
        nested: { $o: { a: [true, false] } },
        nan: { $n: "NaN" },
        inf: { $n: "Infinity" },
        ninf: { $n: "-Infinity" },
        negzero: { $n: "-0" },
        none: { $t: "None" },
        set: { $t: "set" },
        gen: { $t: "generator" },
        text: 'hé"llo',
        big: 2 ** 60,
        func: { $t: "function" },
        bytes: { $t: "bytes" },
      },
    });
  });

  it("refuse cycles, non-string dict keys and values over the size cap", async () => {
    const outcome = await python.run({
      source:
        "def f(kind):\n    if kind == 'cycle':\n        a = []\n        a.append(a)\n        return a\n    if kind == 'keys':\n        return {1: 2}\n    return 'x' * 1000\n",
      calls: calls(["cycle"], ["keys"], ["big"]),
      limits: { ...DEFAULT_LIMITS, maxOutputChars: 500 },
    });
    expect(values(outcome)).toEqual(["invalid the value contains a cycle (a container that contains itself)", "invalid a dict key is not a string (int)", "invalid too_large"]);
  });

  it("receive whole numbers as ints (also in lists, so indices and counts work), the rest as floats, objects as dicts and booleans as bool", async () => {
    const source =
      "def f(xs, k, layer, flag, labels):\n    return [[type(x).__name__ for x in xs], type(k).__name__, type(layer).__name__, type(layer['stride']).__name__, type(layer['w'][0][0]).__name__, type(flag).__name__, list(range(k)), [xs[i] for i in labels]]\n";
    const outcome = await python.run({ source, calls: calls([[1, 2.5], 3, { stride: 2, w: [[1.5]] }, true, [1, 0]]) });
    expect(values(outcome)).toEqual([[["int", "float"], "int", "dict", "int", "float", "bool", [0, 1, 2], [2.5, 1]]]);
  });
});

describe("Python errors", () => {
  it("give type, message, the student's line and column, and a traceback without the grader's frames", async () => {
    const source = "def helper(x):\n    return 1 / x\n\ndef f(x):\n    return helper(x)\n";
    const outcome = await python.run({ source, calls: calls([0]) });
    if (outcome.kind !== "ran" || outcome.calls[0]?.status !== "threw") throw new Error(JSON.stringify(outcome));
    const { error } = outcome.calls[0];
    expect(error).toMatchObject({ name: "ZeroDivisionError", message: "division by zero", line: 2, column: 12 });
    expect(error.traceback).toContain('File "solution.py", line 5, in f');
    expect(error.traceback).toContain("    return 1 / x");
    expect(error.traceback).not.toContain("<grader>");
    expect(error.traceback.trimEnd().split("\n").at(-1)).toBe("ZeroDivisionError: division by zero");
  });

  it("report a syntax error with line and column and run nothing", async () => {
    const outcome = await python.run({ source: "def f():\n    return [1, 2\n\nx = )\n" });
    expect(outcome).toMatchObject({ kind: "compile_error", problem: { line: 4, column: 5 } });
    if (outcome.kind === "compile_error") expect(outcome.problem.message).toMatch(/^SyntaxError: /);
  });

  it("report an error raised while the module loads, and name the functions when the entry is missing", async () => {
    const failed = await python.run({ source: "print('loading')\ntable = {}['missing']\ndef f():\n    return 1\n" });
    expect(failed).toMatchObject({ kind: "load_failed", error: { name: "KeyError", line: 2 }, logs: "loading\n" });
    const missing = await python.run({ source: "def forwrd(x):\n    return x\ndef _private():\n    pass\n", entry: "forward" });
    expect(missing).toMatchObject({ kind: "missing_export", exportNames: ["forwrd"] });
  });

  it("meet the end of input when the code reads stdin, and refuse processes", async () => {
    const source = "import subprocess\ndef f(kind):\n    if kind == 'input':\n        return input('name? ')\n    return subprocess.run(['ls'])\n";
    const outcome = await python.run({ source, calls: calls(["input"], ["process"]) });
    if (outcome.kind !== "ran") throw new Error(JSON.stringify(outcome));
    expect(outcome.calls[0]).toMatchObject({ status: "threw", error: { name: "EOFError", line: 4 }, logs: "name? " });
    expect(outcome.calls[1]).toMatchObject({ status: "threw", error: { name: "OSError", message: expect.stringContaining("does not support processes") } });
  });

  it("capture stdout and stderr together, capped per call", async () => {
    const source = "import sys\ndef f(n):\n    print('out', n)\n    print('err', n, file=sys.stderr)\n    for i in range(n):\n        print('x' * 100)\n    return n\n";
    const outcome = await python.run({ source, calls: calls([1], [1000]), limits: { ...DEFAULT_LIMITS, maxLogChars: 300 } });
    if (outcome.kind !== "ran") throw new Error(JSON.stringify(outcome));
    const [small, flood] = outcome.calls;
    expect(small).toMatchObject({ status: "returned", value: 1, logs: `out 1\nerr 1\n${"x".repeat(100)}\n` });
    expect(flood).toMatchObject({ status: "returned", value: 1000 });
    if (flood?.status === "returned") expect(flood.logs).toHaveLength(300);
  });
});

describe("The Python sandbox", () => {
  it("reseeds random from each test's seed", async () => {
    const source = "import random, os\nrandom.random()\ndef f():\n    return [random.random(), random.randint(0, 10**9), os.urandom(4).hex()]\n";
    const job: Partial<PythonJob> = { calls: [1, 2, 1].map((randomSeed) => ({ argsJson: "[]", randomSeed })) };
    const first = values(await python.run({ source, ...job }));
    const again = values(await python.run({ source: "import random\nrandom.seed(99)\n" + source, ...job }));
    expect(first[0]).toEqual(first[2]);
    expect(first[0]).not.toEqual(first[1]);
    expect(again).toEqual(first);
  });

  it("freezes the wall clock at the job's fixed time while the monotonic clock runs", async () => {
    const source = [
      "import time, datetime",
      "def f():",
      "    start = time.perf_counter()",
      "    while time.perf_counter() - start < 0.02:",
      "        pass",
      "    return [time.time(), datetime.datetime.now(datetime.timezone.utc).isoformat(), time.perf_counter() > start]",
    ].join("\n");
    expect(values(await python.run({ source }))).toEqual([[FIXED_TIME / 1000, "2026-03-01T12:00:00+00:00", true]]);
  });

  it("gives every submission a fresh interpreter: nothing one leaves behind reaches the next", async () => {
    const polluter = [
      "import builtins, sys, math, random, os",
      "builtins.len = lambda x: -1",
      "sys.modules['json'] = 'replaced'",
      "math.pi = 3",
      "os.makedirs('/home/student', exist_ok=True)",
      "open('/home/student/answers.txt', 'w').write('42')",
      "open('/tmp/left.txt', 'w').write('x')",
      "random.seed(5)",
      "remembered = [1]",
      "def f():",
      "    remembered.append(1)",
      "    return [len([1, 2]), math.pi]",
    ].join("\n");
    expect(values(await python.run({ source: polluter }))).toEqual([[-1, 3]]);
    const inspector = [
      "import json, math, os, random, sys",
      "def f():",
      "    return [len([1, 2]), type(sys.modules['json']).__name__, math.pi, os.path.exists('/home/student/answers.txt'), os.path.exists('/tmp/left.txt'), 'remembered' in dir(sys.modules.get('solution'))]",
    ].join("\n");
    expect(values(await python.run({ source: inspector }))).toEqual([[2, "module", Math.PI, false, false, false]]);
  });

  it("stops an infinite loop at the per-test timeout; the next test and the next submission run normally", async () => {
    const source =
      "def f(spin, stubborn):\n    while spin and not stubborn:\n        pass\n    while stubborn:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n    return 'done'\n";
    const outcome = await python.run({ source, calls: calls([true, false], [false, false], [false, true], [false, false]), limits: { ...DEFAULT_LIMITS, testTimeoutMs: 300 } });
    expect(values(outcome)).toEqual(["timeout", "done", "timeout", "done"]);
    await expectHealthy();
  });

  it("stops the remaining tests when the whole job runs out of time", async () => {
    const source = "import time\ndef f():\n    end = time.perf_counter() + 0.5\n    while time.perf_counter() < end:\n        pass\n    return 1\n";
    const outcome = await python.run({ source, calls: calls([], [], [], []), limits: { ...DEFAULT_LIMITS, timeLimitMs: 1250 } });
    expect(values(outcome)).toEqual([1, 1, "timeout", "not_run timeout"]);
  });

  it("ends a memory bomb in memory_limit under the job's WebAssembly memory cap, and the process survives", async () => {
    const source = "def f():\n    hoard = []\n    while True:\n        hoard.append(bytearray(1 << 20))\n";
    const outcome = await python.run({ source, calls: calls([], []), limits: { ...DEFAULT_LIMITS, memoryMb: 96 } });
    expect(values(outcome)).toEqual(["memory_limit", "memory_limit"]);
    expect(values(await python.run({ source: "def f():\n    return len(bytearray(200 << 20))\n", limits: { ...DEFAULT_LIMITS, memoryMb: 96 } }))).toEqual(["memory_limit"]);
    await expectHealthy();
  });

  it("ends an allocation at import time as load_memory_limit", async () => {
    expect(await python.run({ source: "grid = [0.0] * (10**9)\ndef f():\n    return 1\n" })).toMatchObject({ kind: "load_memory_limit" });
    await expectHealthy();
  });

  it("ends unbounded recursion under a raised recursion limit as a RecursionError on the student's line", async () => {
    const source = "import sys\nsys.setrecursionlimit(10**7)\ndef f(n):\n    return f(n + 1) + 1\n";
    const outcome = await python.run({ source, calls: calls([0], [0]) });
    if (outcome.kind !== "ran") throw new Error(JSON.stringify(outcome));
    for (const call of outcome.calls) expect(call).toMatchObject({ status: "threw", error: { name: "RecursionError", line: 4 } });
    await expectHealthy();
  });

  it("ends os._exit and sys.exit as SystemExit, at load time and in a test", async () => {
    expect(await python.run({ source: "import os\nos._exit(3)\n" })).toMatchObject({
      kind: "load_failed",
      error: { name: "SystemExit", message: expect.stringContaining("exit status 3") },
    });
    const source = "import os, sys\ndef f(hard):\n    if hard:\n        os._exit(0)\n    sys.exit('bye')\n";
    const outcome = await python.run({ source, calls: calls([true], [false], [true]) });
    if (outcome.kind !== "ran") throw new Error(JSON.stringify(outcome));
    expect(outcome.calls.map((c) => c.status === "threw" && c.error.name)).toEqual(["SystemExit", "SystemExit", "SystemExit"]);
    expect(outcome.calls[1]).toMatchObject({ error: { message: "bye", line: 5 } });
    await expectHealthy();
  });

  it("lets `import js` find nothing of the host or the harness", async () => {
    const source = [
      "import js",
      "def f():",
      "    names = [n for n in ('process', 'require', 'globalThis', '__epochCommand', '__epochGuest', 'readbuffer', 'WebAssembly') if hasattr(js, n)]",
      "    escape = js.constructor.constructor('return [typeof process, typeof require, typeof __epochCommand, typeof __epochGuest].join()')",
      "    return [names, escape()]",
    ].join("\n");
    expect(values(await python.run({ source }))).toEqual([[[], "undefined,undefined,undefined,undefined"]]);
  });

  it("leaves no way to make WebAssembly memory outside the interpreter's capped heap", async () => {
    const probe = [
      "const results = [typeof WebAssembly];",
      "for (const route of [m.memory.constructor, Object.getPrototypeOf(m.memory).constructor, m.wasmTable && m.wasmTable.constructor]) {",
      "  let made = null;",
      "  try { made = new route({ initial: 1, maximum: 2, element: 'anyfunc' }); } catch (e) { made = null; }",
      "  results.push(!!made && typeof made.grow === 'function');",
      "}",
      "return results.join();",
    ].join(" ");
    const source = ["import js, pyodide_js", "def f():", `    return js.constructor.constructor('m', ${JSON.stringify(probe)})(pyodide_js._module)`].join("\n");
    expect(values(await python.run({ source }))).toEqual(["undefined,false,false,false"]);
  });

  it("starts each interpreter with only the linking entries its own code imports, and links the others when asked", async () => {
    // Emscripten would give all ~7,400 exported functions a table slot and an offset-table
    // entry at every start; here only the ~280 the interpreter imports itself get one.
    const source = [
      "import ctypes, pyodide_js",
      "def f():",
      "    module = pyodide_js._module",
      "    api = ctypes.pythonapi",
      "    api.Py_GetVersion.restype = ctypes.c_char_p",
      "    first = ctypes.cast(api.PyObject_GenericGetAttr, ctypes.c_void_p).value",
      "    again = ctypes.cast(ctypes.PyDLL(None).PyObject_GenericGetAttr, ctypes.c_void_p).value",
      "    return [len(list(module.GOT.object_keys())), module.wasmTable.length, api.Py_GetVersion().decode()[:2], first == again and first > 0]",
    ].join("\n");
    const [[gotEntries, tableSlots, version, samePointer]] = values(await python.run({ source })) as [[number, number, string, boolean]];
    expect(gotEntries).toBeLessThan(1000);
    expect(tableSlots).toBeLessThan(12_000);
    expect(version).toBe("3.");
    expect(samePointer).toBe(true);
  });

  it("receives only arguments and seeds: a test call carries no expected value", () => {
    expectTypeOf<keyof SandboxCall>().toEqualTypeOf<"argsJson" | "randomSeed">();
    expectTypeOf<keyof PythonJob>().toEqualTypeOf<"source" | "entry" | "calls" | "limits" | "fixedTime">();
  });
});

describe("the string-hash seed", () => {
  it("is the same in every sandbox process, so set order cannot depend on which process grades", async () => {
    const source = "def f():\n    return [hash('epoch'), list({'alpha', 'beta', 'gamma', 'delta', 'epsilon'})]\n";
    const other = new PythonProcess();
    try {
      await other.ready;
      const [here] = values(await python.run({ source }));
      const [there] = values(await other.run({ source }));
      expect(there).toEqual(here);
    } finally {
      other.close();
    }
  }, 120_000);
});
