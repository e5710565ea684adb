/** An error's line and column come only from real frames of the student's own file. */
import { describe, expect, it } from "vitest";
import { gradeSubmission, type JobRunner } from "../../grader/engine/grade.ts";
import type { JobOutcome } from "../../grader/sandbox/protocol.ts";
import { getExercise } from "../../exercises/registry.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });

const grade = (source: string, runner: JobRunner = pool) =>
  gradeSubmission(runner, { exercise: getExercise("forward-pass"), source, seed: 1, mode: "run", language: "javascript" });

/** 1-based line and column of the first occurrence of `needle` in `source`. */
function positionOf(source: string, needle: string): { line: number; column: number } {
  const before = source.slice(0, source.indexOf(needle)).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe("error locations", () => {
  it("a stack forged before it was ever read gives no location, even one inside the file", async () => {
    for (const forged of ["solution.ts:99999:1", "solution.ts:2:3"]) {
      const source = `export function forward(x) {\n  const e = new Error("forged");\n  e.stack = "Error: forged\\n    at forward (${forged})";\n  throw e;\n}\n`;
      const test = (await grade(source)).tests[0]!;
      expect(test.status).toBe("runtime_error");
      expect(test.location, forged).toBeUndefined();
      expect(test.message).toBe("Error: forged");
    }
  });

  it("a stack replaced after it was read still points at the real place the error was made", async () => {
    const source =
      'export function forward(x) {\n  const e = new Error("made here");\n  void e.stack;\n  e.stack = "Error\\n    at forward (solution.ts:99999:1)";\n  if (x.length >= 0) throw e;\n  throw new RangeError("too long");\n}\n';
    const test = (await grade(source)).tests[0]!;
    expect(test.location).toEqual(positionOf(source, "new Error"));
    expect(test.message).toBe(`Error: made here (line 2, column ${positionOf(source, "new Error").column})`);
  });

  it("code built at run time and named after the student's file gives the line of the real call, not its own", async () => {
    for (const build of ["new Function(body)()", "(0, eval)(body)", "eval(body)"]) {
      const source = `export function forward(x) {\n  const body = "\\n".repeat(5000) + "throw new Error('deep');\\n//# sourceURL=solution.ts";\n  const run = () => ${build};\n  return run();\n}\n`;
      const test = (await grade(source)).tests[0]!;
      expect(test.status, build).toBe("runtime_error");
      // The innermost frame of the student's own file is the arrow that built and ran the code.
      const call = positionOf(source, build);
      expect(test.location?.line, build).toBe(call.line);
      expect(test.location!.column).toBeGreaterThanOrEqual(call.column);
      expect(test.location!.column).toBeLessThanOrEqual(call.column + build.length);
    }
  });

  it("an error thrown while the module loads keeps its real location, and a forged one has none", async () => {
    const real = "const table = [];\nconst broken = table.missing.value;\nexport function forward() { return []; }\n";
    expect((await grade(real)).error?.location).toEqual(positionOf(real, "value;"));
    const forged = 'const e = new Error("x");\ne.stack = "Error: x\\n    at solution.ts:5:1";\nthrow e;\nexport function forward() { return []; }\n';
    const result = await grade(forged);
    expect(result.verdict).toBe("runtime_error");
    expect(result.error?.location).toBeUndefined();
  });

  it("grading drops a location that is not inside the source, whoever reports it", async () => {
    const source = "export function forward() {\n  return [];\n}\n";
    const reporting = (line: number, column: number): JobRunner => ({
      run: async (): Promise<JobOutcome> => ({
        kind: "ran",
        loadLogs: "",
        sandboxMs: 1,
        calls: [{ status: "threw", error: { name: "Error", message: "x", line, column }, logs: "", ms: 1 }],
      }),
    });
    for (const [line, column] of [
      [99999, 1],
      [2, 40],
      [0, 0],
    ] as const) {
      const test = (await grade(source, reporting(line, column))).tests[0]!;
      expect(test.location, `${line}:${column}`).toBeUndefined();
      expect(test.message).toBe("Error: x");
    }
    const inside = (await grade(source, reporting(2, 12))).tests[0]!;
    expect(inside.location).toEqual({ line: 2, column: 12 });
  });
});
