/**
 * The authoring interface: the one Epoch module that course content may import, as
 * `import { defineExercise, out, ... } from "@epoch/authoring";` in a content folder's `spec.ts`.
 *
 * It is versioned by AUTHORING_VERSION: within a major version, names are only added, never
 * renamed or removed, and a helper's behaviour for the same inputs stays the same (a seed keeps
 * giving the same cases), so a course's content keeps working when the platform is upgraded.
 *
 * Version 1:
 * - spec helpers: defineExercise and its types (ExerciseSpec, TestCase, CaseSet, Mistake, Variant,
 *   Difficulty), `out` (output specs: number, vector, matrix, ...) and OutputSpec;
 * - the seeded random generator: Rng (uniform, int, pick, bool, vector, matrix, shuffle, fork);
 * - the numerical core: every function of exercises/core (vectors, matrices, activations, dense
 *   layers, losses, backprop, optimisers, distances, k-means, convolution, MLPs, logistic regression).
 */
export const AUTHORING_VERSION = "1.0.0";
/** What content writes after `from`: the loader resolves it to this file and refuses every other import. */
export const AUTHORING_MODULE = "@epoch/authoring";

export { defineExercise } from "./spec/define.ts";
export type { CaseSet, Difficulty, ExerciseSpec, Mistake, TestCase, Variant } from "./spec/define.ts";
export { out, type OutputSpec } from "./spec/output.ts";
export { Rng } from "./spec/random.ts";
export * from "./core/index.ts";
