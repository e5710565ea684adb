/**
 * The dynamic half of an exercise's authoring contract, through the real sandbox, in TypeScript
 * and in Python: the correct solution passes every case, the starter code does not, and each
 * typical mistake (whose fixture exists in that language) loses marks with its hint. The static half is exercises/check.ts.
 */
import {
  checkSpecStatically,
  CHECK_SEEDS,
  registeredLocation,
  SOLUTION_LANGUAGES,
  type CheckProblem,
  type ExerciseCheckReport,
  type ExerciseLocation,
} from "../../exercises/check.ts";
import { CORRECT_SOLUTION, loadSolution, type Solution } from "../../exercises/fixtures.ts";
import { LANGUAGE_LABELS, type Language } from "../../exercises/spec/languages.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { fillVariant, variantFor } from "../../exercises/spec/variant.ts";
import { gradeSubmission, type JobRunner } from "./grade.ts";
import { pictureProblems } from "./pictures/check.ts";

/** Grades the correct solution, the starter and each mistake through the real sandbox, in every language with solution files. */
export async function checkSolutions(
  runner: JobRunner,
  exercise: Exercise,
  seeds: readonly number[] = CHECK_SEEDS,
  location: ExerciseLocation = registeredLocation(exercise.id),
): Promise<{ problems: CheckProblem[]; passed: string[] }> {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  for (const language of SOLUTION_LANGUAGES) {
    const checked = await checkSolutionsIn(runner, exercise, seeds, language, location);
    problems.push(...checked.problems);
    passed.push(...checked.passed);
  }
  return { problems, passed };
}

async function checkSolutionsIn(
  runner: JobRunner,
  exercise: Exercise,
  seeds: readonly number[],
  language: Language,
  location: ExerciseLocation,
): Promise<{ problems: CheckProblem[]; passed: string[] }> {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  const label = LANGUAGE_LABELS[language];
  // A fixture that cannot be read is the static check's problem to report, once; a mistake
  // without a fixture in this language is simply not checked in it.
  const read = (name: string): Solution | null => {
    try {
      return loadSolution(exercise.id, name, location.home, language);
    } catch {
      return null;
    }
  };
  const grade = (source: string, seed: number) => gradeSubmission(runner, { exercise, source, language, seed, mode: "submit" });

  const correct = read(CORRECT_SOLUTION);
  if (correct !== null) {
    let allPassed = true;
    for (const seed of seeds) {
      const source = fillVariant(correct.source, variantFor(exercise, seed));
      const result = await grade(source, seed);
      problems.push(...pictureProblems(exercise, result, seed));
      if (result.verdict !== "passed" || result.score !== result.maxScore) {
        allPassed = false;
        const failing = result.tests.filter((t) => t.status !== "passed").map((t) => `"${t.name}": ${t.message}`);
        problems.push({
          check: "correct-solution",
          message: `seed ${seed}: ${correct.file} got ${result.verdict} (${result.score}/${result.maxScore})${result.error ? `: ${result.error.message}` : ""}${failing.length ? `; ${failing.join("; ")}` : ""}`,
        });
      }
    }
    if (allPassed) passed.push(`${label}: the correct solution gets full marks for seeds ${seeds.join(", ")}`);
  }

  const starter = location.files.starters[language];
  const starterResult = await grade(starter, seeds[0] ?? 1);
  if (starterResult.verdict === "passed") problems.push({ check: "starter", message: `the ${label} starter code passes every test` });
  else if (starterResult.verdict === "compile_error")
    problems.push({ check: "starter", message: `the ${label} starter code does not compile: ${starterResult.error?.message ?? ""}` });
  else passed.push(`${label}: the starter code does not pass (${starterResult.score}/${starterResult.maxScore}, ${starterResult.verdict})`);

  const explained: string[] = [];
  for (const mistake of exercise.mistakes ?? []) {
    const fixture = read(mistake.id);
    if (fixture === null) continue;
    const seed = seeds[0] ?? 1;
    const file = fixture.file;
    const result = await grade(fillVariant(fixture.source, variantFor(exercise, seed)), seed);
    if (result.score >= result.maxScore) problems.push({ check: "mistakes", message: `${file} gets full marks` });
    else if (!result.tests.some((t) => t.hint?.includes(mistake.hint)))
      problems.push({ check: "mistakes", message: `${file} loses marks but no failed test shows the "${mistake.id}" hint` });
    // Its hint must stand alone somewhere, or it can never be told apart from another mistake.
    else if (!result.tests.some((t) => t.hint === mistake.hint))
      problems.push({ check: "mistakes", message: `${file}: every test that shows the "${mistake.id}" hint also matches another mistake` });
    else explained.push(`${mistake.id} (${file}, ${result.score}/${result.maxScore})`);
  }
  if (explained.length > 0)
    passed.push(
      `${label}: ${explained.length === 1 ? "mistake" : "mistakes"} ${explained.join(", ")} ${explained.length === 1 ? "loses" : "lose"} marks and ${explained.length === 1 ? "is" : "are"} explained`,
    );
  return { problems, passed };
}

export async function checkExercise(
  runner: JobRunner,
  exercise: Exercise,
  seeds: readonly number[] = CHECK_SEEDS,
  location: ExerciseLocation = registeredLocation(exercise.id),
): Promise<ExerciseCheckReport> {
  const statics = checkSpecStatically(exercise, seeds, location);
  const dynamic = statics.problems.some((p) => p.check === "schema") ? { problems: [], passed: [] } : await checkSolutions(runner, exercise, seeds, location);
  const problems = [...statics.problems, ...dynamic.problems];
  return { exerciseId: exercise.id, ok: problems.length === 0, problems, passed: [...statics.passed, ...dynamic.passed] };
}
