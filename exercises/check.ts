/**
 * The static half of an exercise's authoring contract: the spec's schema, its files,
 * deterministic and valid cases for several seeds, and the reference agreeing with finite
 * differences, and every fixture solution readable (each change applies to correct.ts). The other
 * half (fixture solutions graded through the real sandbox) is the grader's:
 * grader/engine/check-solutions.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { compareOutput } from "./spec/compare.ts";
import { Rng } from "./spec/random.ts";
import { ExerciseSpecSchema, TestCaseSchema, type Exercise } from "./spec/define.ts";
import { exerciseFiles, exerciseHome, type ExerciseFiles } from "./registry.ts";
import { CORRECT_SOLUTION, listSolutions, loadSolution } from "./fixtures.ts";
import { variantFor } from "./spec/variant.ts";
import { statementCodeProblems } from "./spec/statement-code.ts";
import { SOURCE_EXTENSION, pythonEntryName, type Language } from "./spec/languages.ts";

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

/** The languages every exercise has a starter, a signature and a correct solution in (JavaScript is graded from the TypeScript files). */
export const SOLUTION_LANGUAGES = ["typescript", "python"] as const satisfies readonly Language[];

/** Where an exercise's folder and files are: the registry's by default; a content folder being checked gives its own. */
export interface ExerciseLocation {
  /** The folder holding `<id>/`. */
  readonly home: string;
  readonly files: ExerciseFiles;
}

/** Where the registry serves the exercise from. */
export function registeredLocation(id: string): ExerciseLocation {
  return { home: exerciseHome(id), files: exerciseFiles(id) };
}

/** Where a whole-file fixture in a language lives (TypeScript mistakes may be changes instead: exercises/fixtures.ts). */
function solutionPath(home: string, id: string, name: string, language: Language = "typescript"): string {
  return join(home, id, "solutions", `${name}${SOURCE_EXTENSION[language]}`);
}

/** Runs every static check (no sandbox). */
export function checkSpecStatically(exercise: Exercise, seeds: readonly number[] = CHECK_SEEDS, location?: ExerciseLocation): { problems: CheckProblem[]; passed: string[] } {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  const problem = (check: string, message: string) => problems.push({ check, message });

  const schema = ExerciseSpecSchema.safeParse(exercise);
  if (!schema.success) {
    for (const issue of schema.error.issues) problem("schema", `${issue.path.join(".") || "(spec)"}: ${issue.message}`);
    return { problems, passed };
  }
  passed.push("spec matches the schema");

  let home: string | undefined = location?.home;
  try {
    const { files, home: found } = location ?? registeredLocation(exercise.id);
    home = found;
    if (!/^#\s+\S/m.test(files.statement)) problem("files", "statement.md has no title (a line starting with '# ')");
    if (!new RegExp(`\\b${exercise.entry}\\b`).test(files.signature)) problem("files", `signature.d.ts does not declare \`${exercise.entry}\``);
    if (!new RegExp(`export\\s+function\\s+${exercise.entry}\\b`).test(files.starter)) problem("files", `starter.ts does not export \`function ${exercise.entry}\``);
    const pythonEntry = pythonEntryName(exercise.entry);
    if (!new RegExp(`^def\\s+${pythonEntry}\\(`, "m").test(files.starters.python)) problem("files", `starter.py does not define \`def ${pythonEntry}(...)\``);
    if (!new RegExp(`^def\\s+${pythonEntry}\\(`, "m").test(files.signatures.python)) problem("files", `signature.py does not declare \`def ${pythonEntry}(...)\``);
    for (const message of statementCodeProblems(files.statement, exercise.entry)) problem("files", `statement.md: ${message}`);
    const placeholders = [...files.statement.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    const variant = variantFor(exercise, seeds[0] ?? 1);
    for (const name of placeholders) if (!(name in variant)) problem("files", `statement.md uses {{${name}}} but the variant has no "${name}"`);
  } catch (error) {
    problem("files", error instanceof Error ? error.message : String(error));
  }
  home ??= exerciseHome(exercise.id);
  const fixtures = checkFixtures(exercise, home);
  problems.push(...fixtures.problems);
  passed.push(...fixtures.passed);
  // Python mistake fixtures are optional: some mistakes have no Python form (0/0 raises there instead of giving NaN).
  if (!existsSync(solutionPath(home, exercise.id, CORRECT_SOLUTION, "python"))) problem("files", `solutions/${CORRECT_SOLUTION}${SOURCE_EXTENSION.python} is missing`);

  for (const seed of seeds) {
    const variant = variantFor(exercise, seed);
    const first = exercise.cases(new Rng(seed).fork("cases"), variant);
    const again = exercise.cases(new Rng(seed).fork("cases"), variant);
    if (JSON.stringify(first) !== JSON.stringify(again)) problem("determinism", `seed ${seed}: generating the cases twice gave different cases`);
    if (first.visible.length === 0) problem("cases", `seed ${seed}: there are no visible tests`);
    if (first.hidden.length === 0) problem("cases", `seed ${seed}: there are no hidden tests`);
    const names = new Set<string>();
    for (const [visibility, list] of [
      ["visible", first.visible],
      ["hidden", first.hidden],
    ] as const) {
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

/** Every mistake has a fixture, and every fixture reads: each change applies to correct.ts. */
export function checkFixtures(exercise: Pick<Exercise, "id" | "mistakes">, exercisesDir = exerciseHome(exercise.id)): { problems: CheckProblem[]; passed: string[] } {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  let present: string[];
  try {
    present = listSolutions(exercise.id, exercisesDir);
  } catch (error) {
    return { problems: [{ check: "fixtures", message: error instanceof Error ? error.message : String(error) }], passed };
  }
  const names = new Set([CORRECT_SOLUTION, ...(exercise.mistakes ?? []).map((m) => m.id), ...present]);
  let changes = 0;
  const read = (name: string, language: Language) => {
    try {
      if (loadSolution(exercise.id, name, exercisesDir, language).file.endsWith(".change")) changes++;
    } catch (error) {
      problems.push({ check: "fixtures", message: error instanceof Error ? error.message : String(error) });
    }
  };
  for (const name of names) read(name, "typescript");
  // Python fixtures are optional (some mistakes have no Python form), but every one present must read.
  const python = existsSync(join(exercisesDir, exercise.id, "solutions")) ? listSolutions(exercise.id, exercisesDir, "python") : [];
  for (const name of python) read(name, "python");
  if (problems.length === 0) passed.push(`every fixture solution reads (${changes} of ${names.size + python.length} are changes to the correct solution, and each applies)`);
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
