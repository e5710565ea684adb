/** What a student's view of a result keeps of durations: nothing that could time a hidden test. */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { GradeResultSchema } from "../../grader/engine/result.ts";
import { redactForStudent } from "../../grader/engine/student-view.ts";
import { getExercise } from "../../exercises/registry.ts";
import { readSolution } from "../../exercises/fixtures.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });

const source = readSolution("forward-pass", "missing-bias");
const grade = (mode: "run" | "submit") => gradeSubmission(pool, { exercise: getExercise("forward-pass"), source, seed: 1, mode });

describe("redactForStudent and durations", () => {
  it("drops the duration of every hidden test and keeps the visible tests' durations", async () => {
    const result = await grade("submit");
    expect(result.tests.filter((t) => t.visibility === "hidden").every((t) => t.ms !== undefined)).toBe(true);
    const view = redactForStudent(result);
    for (const test of view.tests) {
      if (test.visibility === "hidden") expect(test).not.toHaveProperty("ms");
      else expect(test.ms).toEqual(expect.any(Number));
    }
  });

  it("drops the submission's timing when hidden tests ran, and the view still matches the schema", async () => {
    const result = await grade("submit");
    expect(result.timing?.sandboxMs).toEqual(expect.any(Number));
    const view = redactForStudent(result);
    expect(view).not.toHaveProperty("timing");
    expect(JSON.stringify(view)).not.toMatch(/totalMs|sandboxMs/);
    expect(GradeResultSchema.parse(view)).toEqual(view);
  });

  it("drops the timing even when every test says 'not run', since the run may have stopped during a hidden test", async () => {
    const result = await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source: "export function forward() { while (true) {} }", seed: 1, mode: "submit" });
    expect(result.tests.every((t) => t.status === "not_run" || t.status === "timeout")).toBe(true);
    expect(redactForStudent(result)).not.toHaveProperty("timing");
  });

  it("keeps the timing of a Run, which only has visible tests", async () => {
    const result = await grade("run");
    const view = redactForStudent(result);
    expect(view.timing).toEqual(result.timing);
  });
});

describe("redactForStudent and error locations", () => {
  it("keeps the line of a hidden test's error in the student's file, never its column", async () => {
    // Throws on every input from line 3, column 9: visible tests keep both, hidden ones the line.
    const thrower = 'export function forward(x: number[]): number[] {\n  if (x.length >= 0)\n    throw new RangeError("no");\n  return x;\n}\n';
    const result = await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source: thrower, seed: 1, mode: "submit" });
    const hidden = result.tests.filter((t) => t.visibility === "hidden");
    expect(hidden.length).toBeGreaterThan(0);
    for (const test of result.tests) expect(test.location).toEqual({ line: 3, column: 11 });
    const view = redactForStudent(result);
    for (const test of view.tests) expect(test.location).toEqual(test.visibility === "hidden" ? { line: 3, column: 0 } : { line: 3, column: 11 });
  });
});
