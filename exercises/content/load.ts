/**
 * Course content: folders of exercise folders in the built-in bank's shape, owned by the course
 * (EPOCH_CONTENT_DIRS). This loads one exercise folder, validates it with the same static checks
 * as the bank (exercises/check.ts), and reports each problem by file, field and fix, so an
 * instructor never has to read Epoch's source to repair an exercise.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";
import { AUTHORING_MODULE } from "../authoring.ts";
import { checkSpecStatically, type CheckProblem } from "../check.ts";
import { isBuiltIn, LANGUAGE_FILES, type ContentExercise, type ExerciseFiles } from "../registry.ts";

export type { ContentExercise };
import { ExerciseSpecSchema, type Exercise } from "../spec/define.ts";
import { LANGUAGES, type Language } from "../spec/languages.ts";
import { contentHash, FolderError, readExerciseFolder, type FolderFiles } from "./files.ts";
import { ContentImportError, importContentSpec } from "./import.ts";

/** Something to fix in a content folder: where (file, and field of the spec when there is one), what, and how. */
export interface ContentProblem {
  readonly exerciseId: string;
  /** Path from the content folder, e.g. `gradient-step/spec.ts`. */
  readonly file: string;
  readonly field?: string;
  readonly message: string;
  readonly fix: string;
}

/** One line per problem: `file › field: message. Fix: ...`. */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}${problem.field ? ` › ${problem.field}` : ""}: ${problem.message}\n    Fix: ${problem.fix}`;
}

const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The exercise folders of a content folder (hidden folders and files left out). */
export function listExerciseFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules")
    .map((entry) => entry.name)
    .sort();
}

const REQUIRED_FILES: readonly { name: string; fix: string }[] = [
  { name: "statement.md", fix: "Write the statement in Markdown, starting with a title line such as '# One step of gradient descent'." },
  { name: LANGUAGE_FILES.typescript.starter, fix: "Add the TypeScript starter students begin from: `export function <entry>(...) { ... }` that does not solve the exercise yet." },
  { name: LANGUAGE_FILES.typescript.signature, fix: "Add the TypeScript declaration of the entry function: `export declare function <entry>(...): ...;`." },
  { name: LANGUAGE_FILES.python.starter, fix: "Add the Python starter: `def <entry_in_snake_case>(...):` that does not solve the exercise yet." },
  { name: LANGUAGE_FILES.python.signature, fix: "Add the Python declaration: `def <entry_in_snake_case>(...) -> ...: ...`." },
  { name: "solutions/correct.ts", fix: "Add a TypeScript solution that passes every test; the check grades it on several seeds." },
  { name: "solutions/correct.py", fix: "Add a Python solution that passes every test; the check grades it on several seeds." },
];

/** The fix for a spec field, from the schema's own description of it. */
function fieldFix(field: string): string {
  const top = field.split(".")[0]!;
  const described = (ExerciseSpecSchema.shape as Record<string, z.ZodType | undefined>)[top]?.description;
  return described ? `${top} is: ${described}` : `remove "${top}": defineExercise knows no such field.`;
}

/** The file a check's problem is about, found in its message, or spec.ts. */
function fileOfCheck(problem: CheckProblem): string {
  if (problem.check === "starter") return problem.message.includes("Python") ? LANGUAGE_FILES.python.starter : LANGUAGE_FILES.typescript.starter;
  const named = /(solutions\/[\w.-]+|statement\.md|starter\.ts|starter\.py|signature\.d\.ts|signature\.py)/.exec(problem.message);
  return named?.[1] ?? "spec.ts";
}

const CHECK_FIXES: Readonly<Record<string, { field?: string; fix: string }>> = {
  files: { fix: "Edit the file named so that it matches the spec (entry name, title line, {{placeholders}} the variant provides)." },
  fixtures: { field: "mistakes", fix: "Each mistake needs solutions/<mistake id>.ts or a .change file that applies to solutions/correct.ts." },
  cases: { field: "cases", fix: "cases(rng, variant) must return visible and hidden tests with unique names and one JSON argument per entry in params." },
  determinism: { field: "cases", fix: "Draw every random value from the rng passed to cases (never Math.random or the clock), so a seed always gives the same cases." },
  reference: { field: "solve", fix: "solve(args, variant) must return a value of the shape `output` describes, for every case, without throwing." },
  "finite-differences": { field: "solve", fix: "The gradient in solve disagrees with finiteDifference: check the formula (sign, factor 2, transposition) or the step size." },
  "correct-solution": { fix: "Make the correct solution pass every test, or fix solve if the reference is what is wrong (the message names the failing tests)." },
  starter: { fix: "The starter must compile and must not already solve the exercise: keep its signature and leave a TODO that returns a wrong value." },
  mistakes: { field: "mistakes", fix: "The fixture must lose marks and show its hint: make the mistake's solve in spec.ts return what the fixture returns." },
};

/** A problem from exercises:check (static or through the sandbox), said as file, field and fix. */
export function describeCheckProblem(id: string, problem: CheckProblem): ContentProblem {
  if (problem.check === "schema") {
    const [field, ...rest] = problem.message.split(": ");
    return { exerciseId: id, file: `${id}/spec.ts`, field, message: rest.join(": "), fix: fieldFix(field ?? "") };
  }
  const known = CHECK_FIXES[problem.check] ?? { fix: "See the message." };
  const file = fileOfCheck(problem);
  return { exerciseId: id, file: `${id}/${file}`, ...(file === "spec.ts" && known.field ? { field: known.field } : {}), message: problem.message, fix: known.fix };
}

function exerciseFilesOf(source: FolderFiles): ExerciseFiles {
  const text = (name: string) => source[name] ?? "";
  const starters = Object.fromEntries(LANGUAGES.map((language) => [language, text(LANGUAGE_FILES[language].starter)])) as Record<Language, string>;
  const signatures = Object.fromEntries(LANGUAGES.map((language) => [language, text(LANGUAGE_FILES[language].signature)])) as Record<Language, string>;
  return { statement: text("statement.md"), starter: starters.typescript, signature: signatures.typescript, starters, signatures };
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim();
}

/**
 * Loads and validates `<home>/<id>/`: the spec's schema and id, its files, then every static
 * check of the bank. Returns the exercise only when there is no problem.
 */
export function loadExerciseFolder(home: string, id: string, source: FolderFiles = readExerciseFolder(join(home, id))): { loaded?: ContentExercise; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const add = (file: string, message: string, fix: string, field?: string) => problems.push({ exerciseId: id, file: `${id}/${file}`, ...(field ? { field } : {}), message, fix });
  if (!EXERCISE_ID.test(id)) {
    add("", `"${id}" is not a valid exercise id (the folder's name is the id)`, "Rename the folder to lowercase words joined by hyphens, e.g. gradient-step.");
    return { problems };
  }
  if (source["spec.ts"] === undefined) {
    add(
      "spec.ts",
      "there is no spec.ts",
      `Create spec.ts with \`import { defineExercise } from "${AUTHORING_MODULE}";\` and \`export default defineExercise({ id: "${id}", ... });\`.`,
    );
    return { problems };
  }
  let spec: unknown;
  try {
    spec = importContentSpec(home, id);
  } catch (error) {
    if (error instanceof ContentImportError)
      problems.push({
        exerciseId: id,
        file: error.importer,
        field: "import",
        message: `imports "${error.specifier}", but content may import only "${AUTHORING_MODULE}" and files of its own exercise folder`,
        fix: error.fix,
      });
    else
      add("spec.ts", `spec.ts does not load: ${errorText(error)}`, "Fix the syntax error; spec.ts may use TypeScript types, but not enums or namespaces (they are not erasable).");
    return { problems };
  }
  if (typeof spec !== "object" || spec === null) {
    add("spec.ts", "spec.ts has no default export", `End spec.ts with \`export default defineExercise({ ... });\`.`);
    return { problems };
  }
  const schema = ExerciseSpecSchema.safeParse(spec);
  if (!schema.success) {
    for (const issue of schema.error.issues) {
      const field = issue.path.join(".") || "(spec)";
      const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
      if (unknownKeys.length > 0) for (const key of unknownKeys) add("spec.ts", `unknown field "${key}"`, fieldFix(key), key);
      else add("spec.ts", issue.message, fieldFix(field), field);
    }
    return { problems };
  }
  const exercise = spec as Exercise;
  if (exercise.id !== id)
    add("spec.ts", `id is "${exercise.id}" but the folder is named "${id}"`, `Set id: "${id}" (an exercise's id is its folder's name, and stays the same across syncs).`, "id");
  if (isBuiltIn(id)) add("spec.ts", `"${id}" is the id of a built-in exercise`, "Rename the folder and the id to something of the course's own, e.g. ml101-" + id + ".", "id");
  for (const required of REQUIRED_FILES) if (source[required.name] === undefined) add(required.name, `${required.name} is missing`, required.fix);
  if (problems.length > 0) return { problems };

  const files = exerciseFilesOf(source);
  const statics = checkSpecStatically(exercise, undefined, { home, files });
  problems.push(...statics.problems.map((problem) => describeCheckProblem(id, problem)));
  if (problems.length > 0) return { problems };
  return { loaded: { exercise, files, home, version: contentHash(source), source }, problems };
}

/** Loads every exercise folder of a content folder; an exercise with problems is left out and reported. */
export function loadContentFolder(dir: string): { exercises: ContentExercise[]; problems: ContentProblem[] } {
  const exercises: ContentExercise[] = [];
  const problems: ContentProblem[] = [];
  for (const id of listExerciseFolders(dir)) {
    let source: FolderFiles;
    try {
      source = readExerciseFolder(join(dir, id));
    } catch (error) {
      problems.push({
        exerciseId: id,
        file: `${id}/`,
        message: errorText(error),
        fix: error instanceof FolderError ? "Keep only the exercise's own text files in its folder." : "Check the folder's permissions.",
      });
      continue;
    }
    const result = loadExerciseFolder(dir, id, source);
    problems.push(...result.problems);
    if (result.loaded) exercises.push(result.loaded);
  }
  return { exercises, problems };
}

/** Where versions are copied to be loaded: named by hash, so every process and host agrees on the files. */
let versionsRoot = join(tmpdir(), "epoch-content-versions");

/** Copies of versions go under this folder from now on (the default is under the system's temporary folder). */
export function useVersionsFolder(folder: string): void {
  versionsRoot = folder;
}

const loadedVersions = new Map<string, { loaded?: ContentExercise; problems: ContentProblem[] }>();

/**
 * Loads one version of an exercise from its files (as stored in the database): they are written
 * once under `<versions>/<hash>/<id>/` and loaded from there, so a version is the same code on
 * every host and a newer one never replaces a module a process already loaded.
 */
export function loadVersion(id: string, source: FolderFiles): { loaded?: ContentExercise; problems: ContentProblem[] } {
  const version = contentHash(source);
  const key = `${version}/${id}`;
  const cached = loadedVersions.get(key);
  if (cached) return cached;
  const home = join(versionsRoot, version);
  const folder = join(home, id);
  if (!existsSync(folder)) {
    // Written beside, then renamed into place: another process loading the same version never sees half a folder.
    const partial = `${folder}.${process.pid}.${Date.now()}.partial`;
    for (const [name, text] of Object.entries(source)) {
      mkdirSync(dirname(join(partial, name)), { recursive: true });
      writeFileSync(join(partial, name), text);
    }
    try {
      renameSync(partial, folder);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(folder)) throw error;
    }
  }
  const result = loadExerciseFolder(home, id, source);
  loadedVersions.set(key, result);
  return result;
}
