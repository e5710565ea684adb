/**
 * Python submissions graded end to end below the web UI: the same specs, the same engine and
 * the same sandbox processes as TypeScript, through a real pool of one process, so every
 * hostile submission is followed by TypeScript and Python ones in that very process.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSolution } from "../../exercises/fixtures.ts";
import { getExercise } from "../../exercises/registry.ts";
import type { Language } from "../../exercises/spec/languages.ts";
import { gradeSubmission, type GradeMode } from "../../grader/engine/grade.ts";
import type { GradeResult } from "../../grader/engine/result.ts";
import { redactForStudent } from "../../grader/engine/student-view.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";

const residentMb = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
/** A fixture by file name: `correct.py`, `missing-bias.ts` (a TypeScript mistake may be written as a change to correct.ts). */
const fixture = (exercise: string, file: string) => {
  const [name, extension] = [file.slice(0, file.lastIndexOf(".")), file.slice(file.lastIndexOf("."))];
  return loadSolution(exercise, name, undefined, extension === ".py" ? "python" : "typescript").source;
};
const forwardPass = getExercise("forward-pass");

let pool: SandboxPool;
beforeAll(() => {
  pool = new SandboxPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

function grade(source: string, language: Language, options: { exercise?: string; mode?: GradeMode; seed?: number } = {}): Promise<GradeResult> {
  const exercise = options.exercise ? getExercise(options.exercise) : forwardPass;
  return gradeSubmission(pool, { exercise, source, language, seed: options.seed ?? 1, mode: options.mode ?? "submit" });
}

describe("Python submissions", () => {
  it("pass with the correct solution, in the same process that grades TypeScript, which starts Python only when a Python job comes", async () => {
    const typescript = await grade(fixture("forward-pass", "correct.ts"), "typescript");
    const [pid] = pool.pids();
    // A process that has graded only TypeScript holds no interpreter (one with a spare holds about 300 MB).
    expect(residentMb(pid!)).toBeLessThan(200);
    const python = await grade(fixture("forward-pass", "correct.py"), "python");
    expect(python).toMatchObject({ verdict: "passed", score: 9, maxScore: 9 });
    expect(typescript).toMatchObject({ verdict: "passed", score: 9 });
    expect(pool.pids()).toEqual([pid]);
    expect(residentMb(pid!)).toBeGreaterThan(200);
  }, 90_000);

  it("lose marks on a typical mistake and show the same hint as in TypeScript", async () => {
    const python = await grade(fixture("forward-pass", "missing-bias.py"), "python");
    const typescript = await grade(fixture("forward-pass", "missing-bias.ts"), "typescript");
    expect(python.verdict).toBe("failed");
    expect(python.score).toBe(typescript.score);
    const hints = (result: GradeResult) => result.tests.map((t) => t.hint ?? null);
    expect(hints(python)).toEqual(hints(typescript));
    expect(python.tests.some((t) => t.hint?.startsWith("Your output matches a network without biases"))).toBe(true);
    // Inputs and values as Python writes them.
    expect(python.tests[0]!.input).toBe(
      'forward(x = [1, 0], layers = [{"W": [[2, -3], [1, 4]], "b": [0, 0], "activation": "step"}, {"W": [[2, -1]], "b": [0], "activation": "step"}])',
    );
    expect(typescript.tests[0]!.input).toBe(
      'forward(x = [1, 0], layers = [{ W: [[2, -3], [1, 4]], b: [0, 0], activation: "step" }, { W: [[2, -1]], b: [0], activation: "step" }])',
    );
  }, 60_000);

  it("report a syntax error with its line and column and run no test", async () => {
    const result = await grade("def forward(x, layers):\n    return [v for v in x\n\nprint(1)\n", "python");
    expect(result.verdict).toBe("compile_error");
    expect(result.error?.message).toMatch(/^SyntaxError: /);
    expect(result.error?.location?.line).toBeGreaterThanOrEqual(2);
    expect(result.error?.location?.column).toBeGreaterThan(0);
    expect(result.summary).toMatch(/^Compile error at line \d+, column \d+$/);
    expect(result.tests.every((t) => t.status === "not_run")).toBe(true);
  }, 60_000);

  it("report an exception on a visible test with its type, message and line, and a traceback of the student's frames only", async () => {
    const source = "def helper(x):\n    return [x[10]]\n\n\ndef forward(x, layers):\n    return helper(x)\n";
    const result = await grade(source, "python", { mode: "run" });
    expect(result.verdict).toBe("runtime_error");
    const [first] = result.tests;
    expect(first).toMatchObject({ status: "runtime_error", location: { line: 2 } });
    expect(first!.message).toMatch(/^IndexError: list index out of range \(line 2, column \d+\)$/);
    expect(first!.traceback).toContain('File "solution.py", line 6, in forward');
    expect(first!.traceback).toContain("    return [x[10]]");
    expect(first!.traceback).not.toMatch(/grader|harness/);
    expect(first!.traceback!.trimEnd().split("\n").at(-1)).toBe("IndexError: list index out of range");
  }, 60_000);

  it("keep a hidden test's exception redacted for the student: its line, never its message or traceback", async () => {
    const source = "def forward(x, layers):\n    if len(layers) > 3:\n        raise ValueError(str(layers))\n    return [0.0]\n";
    const result = await grade(source, "python");
    const hidden = result.tests.find((t) => t.visibility === "hidden" && t.status === "runtime_error");
    expect(hidden?.traceback).toContain("ValueError");
    const shown = redactForStudent(result).tests.find((t) => t.name === hidden!.name)!;
    expect(shown).toEqual({
      name: hidden!.name,
      visibility: "hidden",
      status: "runtime_error",
      passed: false,
      points: 0,
      maxPoints: hidden!.maxPoints,
      message: "Your code threw an error on a hidden test.",
      location: { line: 3, column: 0 },
    });
  }, 60_000);

  it("ask for the snake_case name when the function is missing or named as in TypeScript", async () => {
    const camel = await grade("def kmeansStep(points, centroids):\n    return None\n", "python", { exercise: "kmeans-step" });
    expect(camel.verdict).toBe("compile_error");
    expect(camel.error?.message).toBe(
      "Your module must define a function named `kmeans_step`, e.g. `def kmeans_step(points, centroids):`. Python names are snake_case: rename `kmeansStep` to `kmeans_step`.",
    );
    const wrong = await grade(fixture("mlp-parameter-count", "ignores-include-bias.py"), "python", { exercise: "mlp-parameter-count", mode: "run" });
    expect(wrong.tests.find((t) => t.status === "failed")!.input).toMatch(/^count_parameters\(layer_sizes = \[[\d, ]+\], include_bias = True\)$/);
    const none = await grade("import math\nlimit = 3\n", "python", { exercise: "mlp-parameter-count" });
    expect(none.error?.message).toBe(
      "Your module must define a function named `count_parameters`, e.g. `def count_parameters(layer_sizes, include_bias):`. It defines no function.",
    );
  }, 60_000);

  it("explain results that cannot be graded: what came back and what was expected", async () => {
    const returns = async (body: string, exercise = "forward-pass") =>
      (await grade(`def ${exercise === "forward-pass" ? "forward(x, layers)" : "cosine_similarity(a, b)"}:\n    ${body}\n`, "python", { exercise, mode: "run" })).tests[0]!;
    expect(await returns("result = [0.0]")).toMatchObject({
      status: "invalid_output",
      message: "The function returned None, but it should return a list of 1 number: did you forget a `return`?",
    });
    expect(await returns("return set(x)")).toMatchObject({
      status: "invalid_output",
      message: "The function returned a set, but it should be a list of 1 number: a set has no order, so return a list.",
    });
    expect(await returns("return (v for v in x)")).toMatchObject({
      status: "invalid_output",
      message: "The function returned a generator, but it should be a list of 1 number: wrap it in `list(...)` to return its values.",
    });
    expect(await returns("return [None]")).toMatchObject({ status: "invalid_output", message: expect.stringMatching(/^`\[0\]` is None where a number \(a float\) was expected/) });
    // A str, NaN or a dict where numbers or a list are expected cannot be converted: invalid, saying what came back and what was expected.
    expect(await returns('return "0.5"', "cosine-similarity")).toMatchObject({
      status: "invalid_output",
      message: 'cosine_similarity returned a str ("0.5") where a number (a float) was expected. Return the number itself, not its text (float(...) converts a str).',
    });
    expect(await returns('return float("nan")', "cosine-similarity")).toMatchObject({
      status: "invalid_output",
      message: expect.stringMatching(/^cosine_similarity returned nan where a number \(a float\) was expected\. NaN comes from float\("nan"\), or from inf − inf or 0 × inf/),
    });
    expect(await returns("return {'value': 1}")).toMatchObject({
      status: "invalid_output",
      message: 'forward returned a dict ({"value": 1}) where a list of 1 number was expected.',
    });
    // Right types in a wrong shape are a wrong answer, compared as before.
    expect(await returns("return [0.0, 0.0, 0.0, 0.0, 0.0]")).toMatchObject({ status: "failed", message: "The result should have 1 entry, but it has 5." });
  }, 90_000);
});

describe("Python results converted to what the exercise returns", () => {
  /** kmeans-step's correct solution, with `change` applied to the result of the `nth` call only (every call when nth is 0). */
  const kmeansChanging = (change: string, nth = 0) =>
    `${fixture("kmeans-step", "correct.py")}\n\n_step = kmeans_step\n_calls = [0]\n\n\ndef kmeans_step(points, centroids):\n    r = _step(points, centroids)\n    _calls[0] += 1\n    if ${nth} in (0, _calls[0]):\n        ${change}\n    return r\n`;

  it("accepts tuples wherever lists are expected", async () => {
    const tuples = kmeansChanging('r = {"assignments": tuple(r["assignments"]), "centroids": tuple(tuple(c) for c in r["centroids"])}');
    expect(await grade(tuples, "python", { exercise: "kmeans-step" })).toMatchObject({ verdict: "passed" });
  }, 60_000);

  it("makes a test whose result holds a nested value of the wrong type invalid, naming the place, and grades the other tests", async () => {
    const result = await grade(kmeansChanging('r["centroids"][0] = [str(v) for v in r["centroids"][0]]', 1), "python", { exercise: "kmeans-step" });
    const [first, ...others] = result.tests;
    expect(first).toMatchObject({
      status: "invalid_output",
      message: expect.stringMatching(
        /^`centroids\[0\]\[0\]` is a str \("[-\d.e]+"\) where a number \(a float\) was expected \(kmeans_step returns a dict with keys "assignments", "centroids"\)\./,
      ),
    });
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((t) => t.status === "passed")).toBe(true);
    expect(result.verdict).toBe("invalid_output");
  }, 60_000);

  it("TypeScript keeps a NaN and a string as wrong answers, so a NaN can still earn its hint", async () => {
    const nan = await grade(fixture("cosine-similarity", "zero-vector-nan.ts"), "typescript", { exercise: "cosine-similarity" });
    const failed = nan.tests.filter((t) => t.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t) => t.hint?.startsWith("With an all-zero vector your function divides 0 by 0 and returns NaN."))).toBe(true);
    expect(nan.tests.some((t) => t.status === "invalid_output")).toBe(false);
    const text = await grade('export function cosineSimilarity(a: number[], b: number[]): number {\n  return "0.5" as unknown as number;\n}\n', "typescript", {
      exercise: "cosine-similarity",
      mode: "run",
    });
    expect(text.tests[0]).toMatchObject({ status: "failed", message: "The result should be a number, but it is a string." });
  }, 60_000);
});

describe("Hostile Python submissions", () => {
  const hostile: { name: string; source: string; verdict: GradeResult["verdict"]; check?: (result: GradeResult) => void }[] = [
    { name: "an infinite loop", source: "def forward(x, layers):\n    while True:\n        pass\n", verdict: "timeout" },
    { name: "a memory bomb", source: "def forward(x, layers):\n    hoard = []\n    while True:\n        hoard.append(bytearray(1 << 20))\n", verdict: "memory_limit" },
    {
      name: "sys.exit",
      source: "import sys\n\ndef forward(x, layers):\n    sys.exit('bye')\n",
      verdict: "runtime_error",
      check: (r) => expect(r.tests[0]!.message).toMatch(/^SystemExit: bye \(line 4/),
    },
    {
      name: "os._exit",
      source: "import os\n\ndef forward(x, layers):\n    os._exit(3)\n",
      verdict: "runtime_error",
      check: (r) => expect(r.tests[0]!.message).toMatch(/^SystemExit: .*exit status 3/),
    },
    {
      name: "import js",
      source: "import js\n\ndef forward(x, layers):\n    return [float(len([n for n in ('process', 'require', 'globalThis') if hasattr(js, n)]))]\n",
      verdict: "failed",
      check: (r) => expect(r.tests[0]!.got).toBe("[0]"),
    },
    {
      name: "unbounded recursion",
      source: "def forward(x, layers):\n    return forward(x, layers)\n",
      verdict: "runtime_error",
      check: (r) => expect(r.tests[0]!.message).toMatch(/^RecursionError: maximum recursion depth exceeded.* \(line 2, column \d+\)$/),
    },
  ];

  it.each(hostile.map((h, i) => [h.name, h, i] as const))(
    "%s gets a clear verdict, and the same process then grades TypeScript and Python normally",
    async (_name, h, index) => {
      await grade(fixture("forward-pass", "correct.py"), "python", { mode: "run" });
      const pids = pool.pids();
      const before = pool.stats();
      const result = await grade(h.source, "python", { mode: "run" });
      expect(result.verdict).toBe(h.verdict);
      h.check?.(result);
      // Both orders: TypeScript first after some, Python first after the others.
      const order: Language[] = index % 2 === 0 ? ["typescript", "python"] : ["python", "typescript"];
      for (const language of order) {
        const next = await grade(fixture("forward-pass", language === "python" ? "correct.py" : "correct.ts"), language);
        expect({ language, verdict: next.verdict, score: next.score }).toEqual({ language, verdict: "passed", score: 9 });
      }
      expect(pool.pids()).toEqual(pids);
      const after = pool.stats();
      expect({ crashes: after.crashes, watchdogKills: after.watchdogKills, recycles: after.recycles }).toEqual({
        crashes: before.crashes,
        watchdogKills: before.watchdogKills,
        recycles: before.recycles,
      });
    },
    120_000,
  );
});

describe("npm run grade -- --dir over Python and TypeScript files", () => {
  it("grades each file in its own language, one JSON line per file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "epoch-python-batch-"));
    copyFileSync("exercises/kmeans-step/solutions/correct.py", join(dir, "a-correct.py"));
    writeFileSync(join(dir, "b-ties.py"), fixture("kmeans-step", "ties-last-index.py"));
    copyFileSync("exercises/kmeans-step/solutions/correct.ts", join(dir, "c-correct.ts"));
    writeFileSync(join(dir, "d-syntax.py"), "def kmeans_step(points, centroids)\n    return None\n");
    const { stdout } = await promisify(execFile)(process.execPath, ["grader/cli/grade.ts", "--exercise", "kmeans-step", "--dir", dir, "--pool-size", "1", "--json"], {
      cwd: process.cwd(),
    });
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as GradeResult & { file: string });
    expect(lines.map((l) => [l.file, l.verdict])).toEqual([
      ["a-correct.py", "passed"],
      ["b-ties.py", "failed"],
      ["c-correct.ts", "passed"],
      ["d-syntax.py", "compile_error"],
    ]);
    expect(lines[1]!.tests.some((t) => t.hint === getExercise("kmeans-step").mistakes!.find((m) => m.id === "ties-last-index")!.hint)).toBe(true);
    expect(lines[3]!.error).toMatchObject({ message: expect.stringMatching(/^SyntaxError: /), location: { line: 1 } });
    // Each file's tests show the call as its student wrote the function.
    expect(lines[0]!.tests[0]!.input).toMatch(/^kmeans_step\(points = /);
    expect(lines[2]!.tests[0]!.input).toMatch(/^kmeansStep\(points = /);
  }, 120_000);
});
