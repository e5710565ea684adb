/**
 * The exercise bank. Add an exercise by creating its folder and listing its spec here.
 * Specs are validated on first use; a broken spec fails loudly with its id.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
    super(`Unknown exercise "${exerciseId}". Known exercises: ${SPECS.map((s) => s.id).join(", ")}`);
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

export function listExercises(): readonly Exercise[] {
  validateAll();
  return SPECS;
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
