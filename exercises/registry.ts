/**
 * The exercise bank. Add an exercise by creating its folder and listing its spec here.
 * Specs are validated on first use; a broken spec fails loudly with its id.
 *
 * Beside the built-in bank, the registry serves course content: exercises loaded from a course's
 * own folders (exercises/content/), one version of each at a time, replaced as a whole by
 * serveContent when content is synced.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { contentHash, readExerciseFolder, type FolderFiles } from "./content/files.ts";
import { ExerciseSpecSchema, type Exercise } from "./spec/define.ts";
import { LANGUAGES, type Language } from "./spec/languages.ts";
import forwardPass from "./forward-pass/spec.ts";
import activationDerivatives from "./activation-derivatives/spec.ts";
import kmeansStep from "./kmeans-step/spec.ts";
import softmaxCrossEntropy from "./softmax-cross-entropy/spec.ts";
import backpropGradients from "./backprop-gradients/spec.ts";
import backpropWarmup from "./backprop-warmup/spec.ts";
import mlpParameterCount from "./mlp-parameter-count/spec.ts";
import logisticRegressionStep from "./logistic-regression-step/spec.ts";
import autoencoderReconstruction from "./autoencoder-reconstruction/spec.ts";
import kmeansWcss from "./kmeans-wcss/spec.ts";
import cosineSimilarity from "./cosine-similarity/spec.ts";
import convMaxPool from "./conv-maxpool/spec.ts";
import { findCalculation } from "./calculation/bank.ts";

// Calculation exercises (answered with numbers, not code) have a bank of their own beside this one.
export { findCalculation, listCalculations } from "./calculation/bank.ts";

const SPECS: readonly Exercise[] = [
  forwardPass,
  activationDerivatives,
  kmeansStep,
  softmaxCrossEntropy,
  backpropGradients,
  backpropWarmup,
  mlpParameterCount,
  logisticRegressionStep,
  autoencoderReconstruction,
  kmeansWcss,
  cosineSimilarity,
  convMaxPool,
];

export interface ExerciseFiles {
  /** Markdown with LaTeX math; `{{name}}` placeholders are filled from the variant. */
  readonly statement: string;
  /** The TypeScript starter (`starters.typescript`). */
  readonly starter: string;
  /** TypeScript declarations of the entry function and its types, for the editor (`signatures.typescript`). */
  readonly signature: string;
  /** What students start from, per language (JavaScript starts from the TypeScript file: its types are erasable). */
  readonly starters: Readonly<Record<Language, string>>;
  /** The entry function and its types per language, for the editor: `signature.d.ts`; `signature.py` for Python (type hints, TypedDicts). */
  readonly signatures: Readonly<Record<Language, string>>;
}

/** The file names of an exercise's starter and signature in each language. */
export const LANGUAGE_FILES: Readonly<Record<Language, { readonly starter: string; readonly signature: string }>> = {
  typescript: { starter: "starter.ts", signature: "signature.d.ts" },
  javascript: { starter: "starter.ts", signature: "signature.d.ts" },
  python: { starter: "starter.py", signature: "signature.py" },
};

export class UnknownExerciseError extends Error {
  override name = "UnknownExerciseError";
  readonly exerciseId: string;
  constructor(exerciseId: string) {
    super(
      `Unknown exercise "${exerciseId}". Known exercises: ${listExercises()
        .map((s) => s.id)
        .join(", ")}`,
    );
    this.exerciseId = exerciseId;
  }
}

/** Where exercise folders live; the app and the CLI both run from the project root. */
export function exercisesDirectory(): string {
  return join(process.cwd(), "exercises");
}

let validated = false;

function validateAll(): void {
  if (validated) return;
  const seen = new Set<string>();
  for (const spec of SPECS) {
    const result = ExerciseSpecSchema.safeParse(spec);
    if (!result.success) {
      throw new Error(`Exercise "${spec.id}" has an invalid spec:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    }
    if (seen.has(spec.id)) throw new Error(`Two exercises share the id "${spec.id}"`);
    seen.add(spec.id);
  }
  validated = true;
}

/** One content exercise, loaded and validated (exercises/content/load.ts), at one version. */
export interface ContentExercise {
  readonly exercise: Exercise;
  readonly files: ExerciseFiles;
  /** The folder holding `<id>/` (the course's folder, or this version's copy). */
  readonly home: string;
  /** contentHash of the folder's files. */
  readonly version: string;
  readonly source: FolderFiles;
}

/**
 * Course content served now, by id (validated when loaded: exercises/content/load.ts). Kept on
 * globalThis: a bundler may load one copy of this module per route, and a sync seen by one copy
 * must be seen by every page of the process.
 */
const served = ((globalThis as { epochServedContent?: { content: ReadonlyMap<string, ContentExercise>; generation: number } }).epochServedContent ??= {
  content: new Map(),
  generation: 0,
});
let everything: { readonly generation: number; readonly list: readonly Exercise[] } | null = null;

/** Serves these content exercises from now on, in place of the ones served before. */
export function serveContent(exercises: readonly ContentExercise[]): void {
  served.content = new Map(exercises.map((loaded) => [loaded.exercise.id, loaded]));
  served.generation++;
}

/** The content exercise served under this id, if it is content. */
export function servedContent(id: string): ContentExercise | undefined {
  return served.content.get(id);
}

/** Whether the id belongs to the built-in bank (content may not reuse it). */
export function isBuiltIn(id: string): boolean {
  return SPECS.some((spec) => spec.id === id);
}

/** The built-in bank, then the course content served now. */
export function listExercises(): readonly Exercise[] {
  validateAll();
  if (everything?.generation !== served.generation)
    everything = { generation: served.generation, list: [...SPECS, ...[...served.content.values()].map((loaded) => loaded.exercise)] };
  return everything.list;
}

export function findExercise(id: string): Exercise | undefined {
  return listExercises().find((spec) => spec.id === id);
}

export function getExercise(id: string): Exercise {
  const spec = findExercise(id);
  if (!spec) throw new UnknownExerciseError(id);
  return spec;
}

const filesCache = new Map<string, ExerciseFiles>();

export function exerciseFiles(id: string): ExerciseFiles {
  const content = served.content.get(id);
  if (content) return content.files;
  const cached = filesCache.get(id);
  if (cached) return cached;
  getExercise(id);
  const read = (name: string) => {
    // Spelled out from process.cwd() so the bundler traces only the exercises folder.
    const path = join(process.cwd(), "exercises", id, name);
    if (!existsSync(path)) throw new Error(`Exercise "${id}" is missing ${name} (looked for ${path})`);
    return readFileSync(path, "utf8");
  };
  const starters = Object.fromEntries(LANGUAGES.map((language) => [language, read(LANGUAGE_FILES[language].starter)])) as Record<Language, string>;
  const signatures = Object.fromEntries(LANGUAGES.map((language) => [language, read(LANGUAGE_FILES[language].signature)])) as Record<Language, string>;
  const files = { statement: read("statement.md"), starter: starters.typescript, signature: signatures.typescript, starters, signatures };
  filesCache.set(id, files);
  return files;
}

/** The title of a bank exercise of either kind (code or calculation), for lists; undefined for an unknown id. */
export function exerciseTitle(id: string): string | undefined {
  return findExercise(id)?.title ?? findCalculation(id)?.title;
}

/** The folder that holds the exercise's folder (`<home>/<id>/`): exercises/ for the bank, a version's copy for content. */
export function exerciseHome(id: string): string {
  return served.content.get(id)?.home ?? exercisesDirectory();
}

const builtInVersions = new Map<string, string>();

/** The version served now: a hash of the exercise folder's files (exercises/content/files.ts). */
export function exerciseVersion(id: string): string {
  const content = served.content.get(id);
  if (content) return content.version;
  let version = builtInVersions.get(id);
  if (!version) {
    getExercise(id);
    version = contentHash(readExerciseFolder(join(exercisesDirectory(), id)));
    builtInVersions.set(id, version);
  }
  return version;
}
