/** The authoring check of a spec's picture: the correct solution's visible tests must all be drawn. */
import type { CheckProblem } from "../../../exercises/check.ts";
import type { Exercise } from "../../../exercises/spec/define.ts";
import type { GradeResult } from "../result.ts";

/** Problems when the spec names a picture that does not fit its outputs (a test of the correct solution without one, or with "none"). */
export function pictureProblems(exercise: Exercise, result: GradeResult, seed: number): CheckProblem[] {
  if (!exercise.picture) return [];
  return result.tests
    .filter((t) => t.visibility === "visible" && t.status === "passed" && (t.picture === undefined || t.picture.kind === "none"))
    .map((t) => ({
      check: "picture",
      message: `seed ${seed}: the "${exercise.picture}" picture cannot draw visible test "${t.name}" of the correct solution${t.picture?.kind === "none" ? ` (${t.picture.reason})` : ""}: name a picture that reads this exercise's arguments and output`,
    }));
}
