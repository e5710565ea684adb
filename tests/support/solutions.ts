import { readSolution } from "../../exercises/fixtures.ts";

/** A fixture from an exercise's solutions/ folder, whole: a mistake's change applied to correct.ts. */
export function solution(exerciseId: string, name: string): string {
  return readSolution(exerciseId, name);
}
