/** The stable command-line interface: npm run grade -- --exercise <id> --file <path> [--seed] [--json]. */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function grade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["grader/cli.ts", ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const correct = "exercises/forward-pass/solutions/correct.ts";

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
    const { code, stdout } = await grade(["--exercise", "forward-pass", "--file", "exercises/forward-pass/solutions/missing-bias.ts"]);
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
