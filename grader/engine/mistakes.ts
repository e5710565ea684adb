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

/** A mistake's answer on a case, and whether it differs from the expected one; null where the mistake is not defined. */
interface MistakenAnswer {
  readonly variant: Variant;
  readonly answer: { readonly value: unknown; readonly differsFromExpected: boolean } | null;
}

/**
 * Mistakes' answers by case. Cases are cached (cases.ts) and a mistake's `solve` is a pure
 * function of the inputs and the variant, so each is computed once, however many students
 * submit the same wrong answer.
 */
const mistakenAnswers = new WeakMap<PreparedCase, WeakMap<Mistake, MistakenAnswer>>();

function mistakenAnswer(exercise: Exercise, variant: Variant, mistake: Mistake, c: PreparedCase): MistakenAnswer["answer"] {
  let byMistake = mistakenAnswers.get(c);
  if (!byMistake) {
    byMistake = new WeakMap();
    mistakenAnswers.set(c, byMistake);
  }
  const cached = byMistake.get(mistake);
  if (cached && cached.variant === variant) return cached.answer;
  let answer: MistakenAnswer["answer"];
  try {
    const value = mistake.solve(c.args, variant);
    answer = { value, differsFromExpected: !outputsMatch(value, c.expected, exercise.output) };
  } catch {
    answer = null; // Not defined for these inputs: no evidence either way.
  }
  byMistake.set(mistake, { variant, answer });
  return answer;
}

/** The indices of the failed tests this mistake reproduces, or null when it does not explain the submission. */
function testsExplained(exercise: Exercise, variant: Variant, mistake: Mistake, failed: readonly FailedAnswer[]): number[] | null {
  let changesAnAnswer = false;
  const reproduced: number[] = [];
  for (const [index, { case: c, got }] of failed.entries()) {
    const mistaken = mistakenAnswer(exercise, variant, mistake, c);
    if (mistaken === null) continue;
    if (!outputsMatch(mistaken.value, got, exercise.output)) return null;
    reproduced.push(index);
    if (mistaken.differsFromExpected) changesAnAnswer = true;
  }
  return changesAnAnswer ? reproduced : null;
}
