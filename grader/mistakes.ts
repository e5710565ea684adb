/**
 * Recognises a known typical mistake behind a submission's wrong answers. A mistake explains
 * the submission only when it reproduces the returned value of every failed test, so one
 * coincidence on a single test (a mistake that happens to agree where an input is 0 or 1,
 * say) never puts a misleading hint in front of the student. A mistake whose `solve` throws
 * declares itself undefined for those inputs (a transposed non-square filter, say): such a
 * test neither confirms nor refutes it.
 */
import type { Exercise, Variant } from "../exercises/spec/define.ts";
import type { PreparedCase } from "./cases.ts";
import { outputsMatch } from "./compare.ts";
import type { Decoded } from "./wire.ts";

/** A test that returned a value which did not match the expected answer. */
export interface FailedAnswer {
  readonly case: PreparedCase;
  readonly got: Decoded;
}

/**
 * The hint for the whole submission, or null. A mistake qualifies when it gives the student's
 * answer on every failed test where it is defined, and changes the expected answer on at
 * least one of them. Several qualifying mistakes are listed together.
 */
export function recogniseMistake(exercise: Exercise, variant: Variant, failed: readonly FailedAnswer[]): string | null {
  if (failed.length === 0) return null;
  const hints: string[] = [];
  for (const mistake of exercise.mistakes ?? []) {
    if (explainsEvery(exercise, variant, mistake, failed)) hints.push(mistake.hint);
  }
  if (hints.length <= 1) return hints[0] ?? null;
  return `Several mistakes give this answer. ${hints.map((hint, i) => `(${i + 1}) ${hint}`).join(" ")}`;
}

type Mistake = NonNullable<Exercise["mistakes"]>[number];

function explainsEvery(exercise: Exercise, variant: Variant, mistake: Mistake, failed: readonly FailedAnswer[]): boolean {
  let changesAnAnswer = false;
  for (const { case: c, got } of failed) {
    let mistaken: unknown;
    try {
      mistaken = mistake.solve(c.args, variant);
    } catch {
      continue; // Not defined for these inputs: no evidence either way.
    }
    if (!outputsMatch(mistaken, got, exercise.output)) return false;
    if (!outputsMatch(mistaken, c.expected, exercise.output)) changesAnAnswer = true;
  }
  return changesAnAnswer;
}
