/**
 * The authoring contract of an exercise, checked end to end: the spec's schema, its files,
 * deterministic and valid cases for several seeds, the reference agreeing with finite
 * differences, and — through the real sandbox — the correct solution passing every case,
 * the starter code not passing, and each typical mistake losing marks with its hint.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareOutput } from "../grader/compare.ts";
import { gradeSubmission, type JobRunner } from "../grader/grade.ts";
import { Rng } from "./spec/random.ts";
import { ExerciseSpecSchema, TestCaseSchema, type Exercise, type Variant } from "./spec/define.ts";
import { exerciseFiles, exercisesDirectory } from "./registry.ts";
import { variantFor } from "../grader/cases.ts";

export const CHECK_SEEDS = [1, 2, 3, 17, 2024] as const;

/** Finite differences are approximate: they only have to agree this closely. */
const FINITE_DIFFERENCE_TOLERANCE = { rtol: 1e-4, atol: 1e-6 };

export interface CheckProblem {
  readonly check: string;
  readonly message: string;
}

export interface ExerciseCheckReport {
  readonly exerciseId: string;
  readonly ok: boolean;
  readonly problems: readonly CheckProblem[];
  /** What passed, one line each, for the report. */
  readonly passed: readonly string[];
}

/**
 * A student with a variant copies its values from their statement. Fixtures mark such a value
 * as `/*{{name}}*\/ 0.1`; the checker replaces the literal with the value for the seed at hand.
 */
export function fillVariant(source: string, variant: Variant): string {
  return source.replace(/\/\*\{\{(\w+)\}\}\*\/\s*(?:-?[\d.]+(?:e-?\d+)?|"[^"]*")/g, (whole, name: string) =>
    name in variant ? `/*{{${name}}}*/ ${JSON.stringify(variant[name])}` : whole,
  );
}

function solutionPath(id: string, name: string): string {
  return join(exercisesDirectory(), id, "solutions", `${name}.ts`);
}

/** Runs every static check (no sandbox). */
export function checkSpecStatically(exercise: Exercise, seeds: readonly number[] = CHECK_SEEDS): { problems: CheckProblem[]; passed: string[] } {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  const problem = (check: string, message: string) => problems.push({ check, message });

  const schema = ExerciseSpecSchema.safeParse(exercise);
  if (!schema.success) {
    for (const issue of schema.error.issues) problem("schema", `${issue.path.join(".") || "(spec)"}: ${issue.message}`);
    return { problems, passed };
  }
  passed.push("spec matches the schema");

  try {
    const files = exerciseFiles(exercise.id);
    if (!/^#\s+\S/m.test(files.statement)) problem("files", "statement.md has no title (a line starting with '# ')");
    if (!new RegExp(`\\b${exercise.entry}\\b`).test(files.signature)) problem("files", `signature.d.ts does not declare \`${exercise.entry}\``);
    if (!new RegExp(`export\\s+function\\s+${exercise.entry}\\b`).test(files.starter)) problem("files", `starter.ts does not export \`function ${exercise.entry}\``);
    const placeholders = [...files.statement.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    const variant = variantFor(exercise, seeds[0] ?? 1);
    for (const name of placeholders) if (!(name in variant)) problem("files", `statement.md uses {{${name}}} but the variant has no "${name}"`);
  } catch (error) {
    problem("files", error instanceof Error ? error.message : String(error));
  }
  for (const name of ["correct", ...(exercise.mistakes ?? []).map((m) => m.id)]) {
    if (!existsSync(solutionPath(exercise.id, name))) problem("files", `solutions/${name}.ts is missing`);
  }

  for (const seed of seeds) {
    const variant = variantFor(exercise, seed);
    const first = exercise.cases(new Rng(seed).fork("cases"), variant);
    const again = exercise.cases(new Rng(seed).fork("cases"), variant);
    if (JSON.stringify(first) !== JSON.stringify(again)) problem("determinism", `seed ${seed}: generating the cases twice gave different cases`);
    if (first.visible.length === 0) problem("cases", `seed ${seed}: there are no visible tests`);
    if (first.hidden.length === 0) problem("cases", `seed ${seed}: there are no hidden tests`);
    const names = new Set<string>();
    for (const [visibility, list] of [["visible", first.visible], ["hidden", first.hidden]] as const) {
      for (const test of list) {
        const where = `seed ${seed}, ${visibility} case "${test.name}"`;
        if (names.has(test.name)) problem("cases", `${where}: two cases share this name`);
        names.add(test.name);
        const parsed = TestCaseSchema.safeParse(test);
        if (!parsed.success) {
          problem("cases", `${where}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
          continue;
        }
        if (test.args.length !== exercise.params.length) problem("cases", `${where}: ${test.args.length} arguments for ${exercise.params.length} parameters`);
        let expected: unknown;
        try {
          expected = exercise.solve(test.args, variant);
        } catch (error) {
          problem("reference", `${where}: the reference threw: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const selfCheck = compareOutput(expected, expected, exercise.output);
        if (!selfCheck.ok) problem("reference", `${where}: the reference's output does not fit the output spec: ${selfCheck.message}`);
        if (exercise.finiteDifference) {
          const numeric = exercise.finiteDifference(test.args, variant);
          const agreement = compareOutput(numeric, expected, {
            ...exercise.output,
            ...withTolerance(exercise.output),
          });
          if (!agreement.ok) problem("finite-differences", `${where}: the reference disagrees with central finite differences: ${agreement.message}`);
        }
      }
    }
  }
  if (!problems.some((p) => p.check === "cases" || p.check === "determinism")) passed.push(`cases are valid and deterministic for seeds ${seeds.join(", ")}`);
  if (exercise.finiteDifference && !problems.some((p) => p.check === "finite-differences")) passed.push("reference gradients agree with finite differences");
  return { problems, passed };
}

/** The same output spec with every real-valued leaf compared at finite-difference tolerance. */
function withTolerance(spec: Exercise["output"]): Exercise["output"] {
  switch (spec.kind) {
    case "number":
      return { kind: "number", ...FINITE_DIFFERENCE_TOLERANCE };
    case "array":
      return { kind: "array", items: withTolerance(spec.items) };
    case "object":
      return { kind: "object", fields: Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, withTolerance(v)])) };
    default:
      return spec;
  }
}

/** Grades the correct solution, the starter and each mistake through the real sandbox. */
export async function checkSolutions(runner: JobRunner, exercise: Exercise, seeds: readonly number[] = CHECK_SEEDS): Promise<{ problems: CheckProblem[]; passed: string[] }> {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  const read = (name: string) => {
    const path = solutionPath(exercise.id, name);
    return existsSync(path) ? readFileSync(path, "utf8") : null;
  };

  const correct = read("correct");
  if (correct !== null) {
    let allPassed = true;
    for (const seed of seeds) {
      const source = fillVariant(correct, variantFor(exercise, seed));
      const result = await gradeSubmission(runner, { exerciseId: exercise.id, source, seed, mode: "submit" });
      if (result.verdict !== "passed" || result.score !== result.maxScore) {
        allPassed = false;
        const failing = result.tests.filter((t) => t.status !== "passed").map((t) => `"${t.name}": ${t.message}`);
        problems.push({ check: "correct-solution", message: `seed ${seed}: solutions/correct.ts got ${result.verdict} (${result.score}/${result.maxScore})${result.error ? `: ${result.error.message}` : ""}${failing.length ? `; ${failing.join("; ")}` : ""}` });
      }
    }
    if (allPassed) passed.push(`the correct solution gets full marks for seeds ${seeds.join(", ")}`);
  }

  const starter = exerciseFiles(exercise.id).starter;
  const starterResult = await gradeSubmission(runner, { exerciseId: exercise.id, source: starter, seed: seeds[0] ?? 1, mode: "submit" });
  if (starterResult.verdict === "passed") problems.push({ check: "starter", message: "the starter code passes every test" });
  else if (starterResult.verdict === "compile_error") problems.push({ check: "starter", message: `the starter code does not compile: ${starterResult.error?.message ?? ""}` });
  else passed.push(`the starter code does not pass (${starterResult.score}/${starterResult.maxScore}, ${starterResult.verdict})`);

  for (const mistake of exercise.mistakes ?? []) {
    const template = read(mistake.id);
    if (template === null) continue;
    const seed = seeds[0] ?? 1;
    const source = fillVariant(template, variantFor(exercise, seed));
    const result = await gradeSubmission(runner, { exerciseId: exercise.id, source, seed, mode: "submit" });
    if (result.score >= result.maxScore) problems.push({ check: "mistakes", message: `solutions/${mistake.id}.ts gets full marks` });
    else if (!result.tests.some((t) => t.hint?.includes(mistake.hint))) problems.push({ check: "mistakes", message: `solutions/${mistake.id}.ts loses marks but no failed test shows the "${mistake.id}" hint` });
    // Its hint must stand alone somewhere, or it can never be told apart from another mistake.
    else if (!result.tests.some((t) => t.hint === mistake.hint)) problems.push({ check: "mistakes", message: `solutions/${mistake.id}.ts: every test that shows the "${mistake.id}" hint also matches another mistake` });
    else passed.push(`mistake "${mistake.id}" loses marks (${result.score}/${result.maxScore}) and is explained`);
  }
  return { problems, passed };
}

export async function checkExercise(runner: JobRunner, exercise: Exercise, seeds: readonly number[] = CHECK_SEEDS): Promise<ExerciseCheckReport> {
  const statics = checkSpecStatically(exercise, seeds);
  const dynamic = statics.problems.some((p) => p.check === "schema") ? { problems: [], passed: [] } : await checkSolutions(runner, exercise, seeds);
  const problems = [...statics.problems, ...dynamic.problems];
  return { exerciseId: exercise.id, ok: problems.length === 0, problems, passed: [...statics.passed, ...dynamic.passed] };
}
