/** Each test has its own time budget; the submission as a whole has another. */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { getExercise } from "../../exercises/registry.ts";
import { solution } from "../support/solutions.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });

const SEED = 3;
const grade = (source: string) => gradeSubmission(pool, { exercise: getExercise("forward-pass"), source, seed: SEED, mode: "submit", language: "typescript" });
const cases = prepareCases(getExercise("forward-pass"), SEED);

/** The correct solution, made to loop forever when its input is `x`. */
function loopingOn(x: unknown): string {
  return solution("forward-pass", "correct").replace(
    "export function forward(x: number[], layers: Layer[]): number[] {",
    `export function forward(x: number[], layers: Layer[]): number[] {\n  if (JSON.stringify(x) === ${JSON.stringify(JSON.stringify(x))}) for (;;) {}`,
  );
}

describe("per-test time budgets", () => {
  it("a test that loops times out on its own; every other test still runs and scores", async () => {
    const slow = cases.visible[1]!;
    expect(cases.visible.filter((c) => JSON.stringify(c.args[0]) === JSON.stringify(slow.args[0]))).toHaveLength(1);
    const result = await grade(loopingOn(slow.args[0]));
    const statuses = result.tests.map((t) => t.status);
    expect(statuses[1]).toBe("timeout");
    expect(result.tests[1]!.message).toMatch(/this test took longer than its 1000 ms/);
    const others = result.tests.filter((t) => t.name !== result.tests[1]!.name && JSON.stringify(t.input) !== JSON.stringify(result.tests[1]!.input));
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((t) => t.status === "passed")).toBe(true);
    expect(result.score).toBe(result.maxScore - result.tests[1]!.maxPoints);
    expect(result.verdict).toBe("timeout");
  });

  it("a module whose top level loops is stopped by the per-test budget", async () => {
    const started = performance.now();
    const result = await grade(`for (;;) {}\n${solution("forward-pass", "correct")}`);
    expect(result.verdict).toBe("timeout");
    expect(result.error?.message).toBe("Loading your module took longer than 1000 ms: look for a loop at the top level of the file.");
    expect(performance.now() - started).toBeLessThan(1000 + 800);
  });

  it("after a timeout the other tests run on in a fresh isolate, slow ones included", async () => {
    // Every test takes a while, so several calls into the isolate are needed; one loops forever.
    const slow = cases.visible[0]!;
    const source = loopingOn(slow.args[0]).replace(
      "export function forward(x: number[], layers: Layer[]): number[] {",
      "export function forward(x: number[], layers: Layer[]): number[] {\n  let spin = 0; for (let i = 0; i < 2e7; i++) spin = (spin + i) % 7;\n  if (spin < 0) return [];",
    );
    const result = await grade(source);
    const looping = result.tests.filter((t) => JSON.stringify(t.input) === JSON.stringify(result.tests[0]!.input));
    expect(looping.every((t) => t.status === "timeout")).toBe(true);
    const others = result.tests.filter((t) => !looping.includes(t));
    expect(
      others.map((t) => t.status),
      JSON.stringify(result.tests.map((t) => [t.status, t.ms])),
    ).toEqual(others.map(() => "passed"));
  });

  it("leftover promise callbacks that loop after every test returned still void the submission", async () => {
    const source = solution("forward-pass", "correct").replace(
      "export function forward(x: number[], layers: Layer[]): number[] {",
      "export function forward(x: number[], layers: Layer[]): number[] {\n  void Promise.resolve().then(() => { for (;;) {} });",
    );
    const result = await grade(source);
    expect(result.verdict).toBe("timeout");
    expect(result.score).toBe(0);
    expect(result.error?.message).toMatch(/code they left running .* went on past the 4000 ms limit/);
  });
});
