/** Node's TypeScript type remover must not be broken for later submissions by one hostile file. */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { MAX_NESTING_DEPTH } from "../../grader/sandbox/prepare.ts";
import { solution } from "../support/solutions.ts";
import { getExercise } from "../../exercises/registry.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

// One process, so that every submission after a poisoning one lands in the same process unless it was replaced.
const pool = poolForThisFile({ size: 1 });

const grade = (source: string) => gradeSubmission(pool, { exercise: getExercise("forward-pass"), source, seed: 1, mode: "run", language: "typescript" });
const correct = solution("forward-pass", "correct");
const entry = "export function forward(x: number[]): number[] { return x; }\n";

/** Each nests about 1,500 levels deep: enough to overflow the type remover's stack. */
const POISONS: readonly (readonly [string, string])[] = [
  ["nested generics", `type Deep = ${"Array<".repeat(1500)}number${">".repeat(1500)};\n${entry}`],
  ["nested parentheses", `const deep = ${"(".repeat(1500)}1${")".repeat(1500)};\n${entry}`],
  ["nested array literals", `const deep = ${"[".repeat(1500)}1${"]".repeat(1500)};\n${entry}`],
  ["nested object types", `type Deep = ${"{ a: ".repeat(1500)}number${" }".repeat(1500)};\n${entry}`],
  ["nested tuple types", `type Deep = ${"[".repeat(1500)}number${"]".repeat(1500)};\n${entry}`],
  ["nested union types", `type Deep = ${"(number | ".repeat(1500)}1${")".repeat(1500)};\n${entry}`],
  // No bracket nests here: only the health check after the failure catches this one.
  ["nested if statements", `declare const a: boolean;\n${"if (a) ".repeat(5000)};\n${entry}`],
];

describe("a submission that breaks the TypeScript type remover", () => {
  it.each(POISONS)("%s: refused with a clear message, and every later TypeScript submission still grades", async (_name, poison) => {
    const before = pool.stats();
    const result = await grade(poison);
    expect(result.verdict).toBe("compile_error");
    expect(result.error?.message).toMatch(new RegExp(`more than ${MAX_NESTING_DEPTH} levels deep|nested too deeply`));
    for (let i = 0; i < 3; i++) {
      const next = await grade(`${correct}\n// submission ${i}\n`);
      expect(next.verdict, next.error?.message).toBe("passed");
    }
    // A replaced process is a recycle, never a crash.
    expect(pool.stats().crashes).toBe(before.crashes);
  });

  it("names the limit for brackets nested too deeply, at the place it is passed", async () => {
    const result = await grade(`${entry}type Deep = ${"Array<".repeat(1500)}number${">".repeat(1500)};\n`);
    expect(result.error?.message).toBe(
      `Your code nests brackets or types more than ${MAX_NESTING_DEPTH} levels deep, which the grader does not accept. Give the deep parts names (a type alias, a variable) instead.`,
    );
    expect(result.error?.location?.line).toBe(2);
    // Ordinary generics, comparisons (which never close) and template literals are not counted as nesting.
    const comparisons = Array.from({ length: MAX_NESTING_DEPTH + 50 }, (_, i) => `  const c${i} = x.length < ${i};`).join("\n");
    const ordinary = `${correct}\nexport function extra(x: number[], m: Map<string, Array<Record<string, number[]>>>): string {\n${comparisons}\n  return \`\${m.size} \${\`\${x.length > 1}\`}\`;\n}\n`;
    expect((await grade(ordinary)).verdict).toBe("passed");
  });

  it("replaces the process at once when the remover fails, without counting a crash", async () => {
    const before = pool.stats();
    const result = await grade(POISONS.find(([name]) => name === "nested if statements")![1]);
    expect(result.error?.message).toMatch(/nested too deeply/);
    expect((await grade(correct)).verdict).toBe("passed");
    expect(pool.stats().recycles).toBe(before.recycles + 1);
    expect(pool.stats().crashes).toBe(before.crashes);
  });
});
