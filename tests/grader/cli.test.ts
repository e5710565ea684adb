/** The stable command-line interfaces: npm run grade -- --exercise <id> (--file <path> | --dir <folder>) [--seed] [--json | --csv], and npm run exercises:solution. */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { fillVariant, variantFor } from "../../exercises/spec/variant.ts";
import { describeVariant } from "../../grader/engine/report.ts";
import logisticRegressionStep from "../../exercises/logistic-regression-step/spec.ts";
import { readSolution } from "../../exercises/fixtures.ts";

const run = promisify(execFile);

async function grade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["grader/cli/grade.ts", ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const correct = "exercises/forward-pass/solutions/correct.ts";
/** A mistake fixture is a change to correct.ts: the CLI grades files, so it gets the applied source in one. */
const missingBias = join(mkdtempSync(join(tmpdir(), "epoch-cli-fixture-")), "missing-bias.ts");
writeFileSync(missingBias, readSolution("forward-pass", "missing-bias"));

describe("npm run grade", () => {
  it("prints one JSON object with verdict, score, maxScore and tests", async () => {
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--file", correct, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { verdict: string; score: number; maxScore: number; tests: { name: string; passed?: boolean; status: string; message: string }[] };
    expect(result).toMatchObject({ verdict: "passed", score: 9, maxScore: 9 });
    expect(result.tests).toHaveLength(9);
    for (const test of result.tests) {
      expect(test).toEqual(expect.objectContaining({ name: expect.any(String), passed: true, message: expect.any(String) }));
    }
  });

  it("prints a readable report and exits 0 when the code fails", async () => {
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--file", missingBias]);
    expect(code).toBe(0);
    expect(stdout).toContain("forward-pass (seed 1, submit): FAILED");
    expect(stdout).toContain("hint: Your output matches a network without biases");
    expect(stdout).toMatch(/Hidden tests: \d of 6 passed\./);
  });

  it("exits 0 for a syntax error, with the line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "epoch-cli-"));
    const file = join(dir, "broken.ts");
    writeFileSync(file, "export function forward(x: number[]) {\n  return x +;\n}\n");
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--file", file, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ verdict: "compile_error", score: 0, error: { location: { line: 2, column: 13 } } });
  });

  it("gives each seed its own variant of the tests", async () => {
    const one = JSON.parse((await grade(["--exercise", "forward-pass", "--file", correct, "--json", "--seed", "1"])).stdout) as { tests: { input?: string }[] };
    const two = JSON.parse((await grade(["--exercise", "forward-pass", "--file", correct, "--json", "--seed", "2"])).stdout) as { tests: { input?: string }[] };
    expect(one.tests[1]!.input).not.toBe(two.tests[1]!.input);
    expect(one.tests[0]!.input).toBe(two.tests[0]!.input); // the lecture example is the same for everyone
  });

  it("fails with a clear message for an unknown exercise or a missing file", async () => {
    const unknown = await grade(["--exercise", "no-such-thing", "--file", correct]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown exercise "no-such-thing"');
    const missing = await grade(["--exercise", "forward-pass", "--file", "does/not/exist.ts"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read does/not/exist.ts: ENOENT");
    const usage = await grade(["--file", correct]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--exercise <id> is required");
  });
});

describe("npm run grade -- --file, readable report", () => {
  it("names the variant's parameters for the seed graded", async () => {
    const { code, stdout } = await grade(["--exercise", "logistic-regression-step", "--file", "exercises/logistic-regression-step/solutions/correct.ts", "--seed", "3"]);
    expect(code).toBe(0);
    const variant = variantFor(logisticRegressionStep, 3);
    expect(describeVariant(variant)).toMatch(/^λ = \d/);
    expect(stdout.split("\n")[1]).toBe(`Variant: ${describeVariant(variant)}`);
  });

  it("prints no variant line for an exercise without variants", async () => {
    const { stdout } = await grade(["--exercise", "forward-pass", "--file", correct]);
    expect(stdout).not.toContain("Variant:");
  });
});

describe("npm run grade -- --dir", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "epoch-batch-"));
    copyFileSync(correct, join(dir, "a-correct.ts"));
    // Capital B sorts before lower-case a in code-point order.
    copyFileSync(missingBias, join(dir, "B-wrong.ts"));
    writeFileSync(join(dir, "c-syntax.ts"), "export function forward(x: number[]) {\n  return x +;\n}\n");
    writeFileSync(join(dir, "d-hostile.js"), "export function forward() { while (true) {} }\n");
    symlinkSync(join(dir, "nowhere"), join(dir, "e-unreadable.ts"));
    writeFileSync(join(dir, "notes.txt"), "not a submission");
  });
  const order = ["B-wrong.ts", "a-correct.ts", "c-syntax.ts", "d-hostile.js", "e-unreadable.ts"];

  it("prints one JSON object per file, in code-point order of the names, and exits 0", async () => {
    const { code, stdout, stderr } = await grade(["--exercise", "forward-pass", "--dir", dir, "--pool-size", "1", "--json"]);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as {
            file: string;
            verdict: string;
            score: number;
            maxScore: number;
            tests?: { name: string; visibility: string; input?: string; hint?: string }[];
            error?: { message: string; location?: unknown };
          },
      );
    expect(lines.map((l) => l.file)).toEqual(order);
    expect(lines.map((l) => l.verdict)).toEqual(["failed", "passed", "compile_error", "timeout", "not_graded"]);
    expect(lines[1]).toMatchObject({ score: 9, maxScore: 9, redacted: true, seed: 1, mode: "submit" });
    expect(lines[0]!.tests!.some((t) => t.hint?.startsWith("Your output matches a network without biases"))).toBe(true);
    // The student's view: hidden tests carry no inputs.
    expect(lines[0]!.tests!.filter((t) => t.visibility === "hidden").every((t) => t.input === undefined)).toBe(true);
    expect(lines[2]!.error).toMatchObject({ location: { line: 2, column: 13 } });
    expect(lines[4]).toEqual({ file: "e-unreadable.ts", verdict: "not_graded", score: 0, maxScore: 9, error: { message: "Cannot read e-unreadable.ts: ENOENT." } });
    expect(
      stderr
        .trimEnd()
        .split("\n")
        .filter((l) => l.startsWith("graded ")),
    ).toHaveLength(5);
    expect(stderr).toMatch(/^graded 5\/5 /m);
  }, 60_000);

  it("prints a CSV table with a column of points per test, quoted as RFC 4180 asks", async () => {
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--dir", dir, "--pool-size", "1", "--csv"]);
    expect(code).toBe(0);
    const rows = stdout.split("\r\n");
    expect(rows.pop()).toBe("");
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe(
      'file,verdict,score,maxScore,"lecture example: step network at x = (1, 0)","square sigmoid layer, 3 inputs → 3 units","tanh hidden layer, linear output (2 → 4 → 3)",step activation at exactly v = 0,ReLU layers with negative pre-activations (4 → 5 → 3),"five layers, every activation","one input, one unit",wide then narrow (6 → 2 → 5),large pre-activations (saturating sigmoid)',
    );
    expect(rows[0]!.startsWith("file,verdict,score,maxScore,")).toBe(true);
    expect(rows.slice(1).map((r) => r.split(",").slice(0, 4).join(","))).toEqual([
      "B-wrong.ts,failed,3,9",
      "a-correct.ts,passed,9,9",
      "c-syntax.ts,compile_error,0,9",
      "d-hostile.js,timeout,0,9",
      "e-unreadable.ts,not_graded,0,9",
    ]);
    expect(rows[2]).toBe("a-correct.ts,passed,9,9,1,1,1,1,1,1,1,1,1");
    expect(rows[5]).toBe("e-unreadable.ts,not_graded,0,9,,,,,,,,,");
    const wrongPoints = rows[1]!.split(",").slice(4).map(Number);
    expect(wrongPoints.reduce((a, b) => a + b, 0)).toBe(3);
  }, 60_000);

  it("grades several files at once with a larger pool and still prints them in name order", async () => {
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--dir", dir, "--pool-size", "2", "--csv"]);
    expect(code).toBe(0);
    expect(
      stdout
        .split("\r\n")
        .slice(1, -1)
        .map((r) => r.split(",")[0]),
    ).toEqual(order);
  }, 60_000);

  it("refuses an oversized file as any oversized submission is refused, naming the limit", async () => {
    const big = mkdtempSync(join(tmpdir(), "epoch-big-"));
    writeFileSync(join(big, "big.ts"), `export function forward(x: number[]) { return x; }\n// ${"x".repeat(70 * 1024)}\n`);
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--dir", big, "--json"]);
    expect(code).toBe(0);
    const line = JSON.parse(stdout.trim()) as { file: string; verdict: string; error?: { message: string } };
    expect(line.file).toBe("big.ts");
    expect(line.verdict).toBe("compile_error");
    expect(line.error?.message).toMatch(/limit for this exercise is 64 KB/);
  });

  it("exits 2 on bad usage, saying why", async () => {
    const empty = mkdtempSync(join(tmpdir(), "epoch-empty-"));
    mkdirSync(join(empty, "nested")); // subfolders are not searched
    const cases: [string[], string][] = [
      [["--exercise", "forward-pass", "--dir", dir, "--file", correct], "give exactly one of --file <path> and --dir <folder>"],
      [["--exercise", "forward-pass"], "give exactly one of --file <path> and --dir <folder>"],
      [["--exercise", "no-such-thing", "--dir", dir], 'unknown exercise "no-such-thing"'],
      [["--exercise", "forward-pass", "--dir", join(dir, "missing")], "cannot read"],
      [["--exercise", "forward-pass", "--dir", empty], "has no .ts, .mts, .cts, .js, .mjs, .cjs or .py files"],
      [["--exercise", "forward-pass", "--dir", dir, "--json", "--csv"], "give at most one of --json and --csv"],
      [["--exercise", "forward-pass", "--dir", dir, "--pool-size", "0"], "--pool-size must be a whole number from 1 to 32"],
      [["--exercise", "forward-pass", "--dir", dir, "--pool-size", "two"], "--pool-size must be a whole number from 1 to 32"],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await grade(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain(message);
      expect(stdout).toBe("");
    }
  }, 60_000);
});

describe("npm run exercises:solution", () => {
  async function show(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ["grader/cli/show-solution.ts", ...args], { cwd: process.cwd() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  }

  it("prints a mistake's whole source, its change applied to correct.ts", async () => {
    const { code, stdout } = await show(["--exercise", "forward-pass", "--name", "missing-bias"]);
    expect(code).toBe(0);
    expect(stdout).toBe(readSolution("forward-pass", "missing-bias"));
    expect(stdout).toContain("export function forward(");
  });

  it("fills a student's variant values with --seed", async () => {
    const template = readSolution("logistic-regression-step", "correct");
    expect(template).toMatch(/\/\*\{\{\w+\}\}\*\/ [\d.]+/);
    const { stdout } = await show(["--exercise", "logistic-regression-step", "--name", "correct", "--seed", "3"]);
    expect(stdout).toBe(fillVariant(template, variantFor(logisticRegressionStep, 3)));
    expect(stdout).not.toBe(template);
  });

  it("lists the fixture solutions and the file each is read from without --name", async () => {
    const { code, stdout } = await show(["--exercise", "forward-pass"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^correct\s+solutions\/correct\.ts$/);
    expect(stdout).toMatch(/^missing-bias\s+solutions\/missing-bias\.(change|ts)/m);
  });

  it("exits 2 naming the known solutions for an unknown one", async () => {
    const { code, stdout, stderr } = await show(["--exercise", "forward-pass", "--name", "no-such-mistake"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('exercise "forward-pass" has no fixture solution "no-such-mistake"; it has: correct, missing-bias,');
  });
});
