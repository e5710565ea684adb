/**
 * Recognises a known typical mistake behind a submission's wrong answers. A mistake explains
 * the submission only when it reproduces the returned value of every failed test, so one
 * coincidence on a single test (a mistake that happens to agree where an input is 0 or 1,
 * say) never puts a misleading hint in front of the student. A mistake whose `solve` throws
 * declares itself undefined for those inputs (a transposed non-square filter, say): such a
 * test neither confirms nor refutes it.
 */
import type { Exercise, Variant } from "../../exercises/spec/define.ts";
import type { PreparedCase } from "./cases.ts";
import { outputsMatch } from "../../exercises/spec/compare.ts";
import type { Decoded } from "../../exercises/spec/values.ts";

/** A test that returned a value which did not match the expected answer. */
export interface FailedAnswer {
  readonly case: PreparedCase;
  readonly got: Decoded;
}

/**
 * The hint for each failed test (aligned with `failed`), or null where none applies. A mistake
 * qualifies when it gives the student's answer on every failed test where it is defined, and
 * changes the expected answer on at least one of them; its hint then stands on the tests it
 * reproduces. Several qualifying mistakes on one test are listed together.
 */
export function recogniseMistakes(exercise: Exercise, variant: Variant, failed: readonly FailedAnswer[]): (string | null)[] {
  const perTest: string[][] = failed.map(() => []);
  for (const mistake of exercise.mistakes ?? []) {
    const reproduced = testsExplained(exercise, variant, mistake, failed);
    for (const index of reproduced ?? []) perTest[index]!.push(mistake.hint);
  }
  return perTest.map((hints) => {
    if (hints.length <= 1) return hints[0] ?? null;
    return `Several mistakes give this answer. ${hints.map((hint, i) => `(${i + 1}) ${hint}`).join(" ")}`;
  });
}

type Mistake = NonNullable<Exercise["mistakes"]>[number];

/** The indices of the failed tests this mistake reproduces, or null when it does not explain the submission. */
function testsExplained(exercise: Exercise, variant: Variant, mistake: Mistake, failed: readonly FailedAnswer[]): number[] | null {
  let changesAnAnswer = false;
  const reproduced: number[] = [];
  for (const [index, { case: c, got }] of failed.entries()) {
    let mistaken: unknown;
    try {
      mistaken = mistake.solve(c.args, variant);
    } catch {
      continue; // Not defined for these inputs: no evidence either way.
    }
    if (!outputsMatch(mistaken, got, exercise.output)) return null;
    reproduced.push(index);
    if (!outputsMatch(mistaken, c.expected, exercise.output)) changesAnAnswer = true;
  }
  return changesAnAnswer ? reproduced : null;
}
