/**
 * What an exercise is. Each exercise lives in `exercises/<id>/`: `spec.ts` (this shape),
 * `statement.md`, `starter.ts`, `signature.d.ts`, and `solutions/` (a correct solution and
 * typical mistakes, each a change to it, used by `npm run exercises:check` and the tests, never
 * shown to students; exercises/fixtures.ts reads them).
 */
import { z } from "zod";
import type { ExerciseLimits } from "./limits.ts";
import { ExerciseLimitsSchema } from "./limits.ts";
import type { OutputSpec } from "./output.ts";
import { OutputSpecSchema } from "./output.ts";
import type { Rng } from "./random.ts";
import { PictureNameSchema, type PictureName } from "./pictures.ts";

/** Values a statement can show through `{{name}}` placeholders. */
export type Variant = Readonly<Record<string, string | number>>;

export interface TestCase<Args> {
  /** Shown to students, also for hidden tests: say what is tested, not the data. */
  readonly name: string;
  readonly args: Args;
  /** Points for this test; 1 by default. */
  readonly weight?: number;
}

export interface CaseSet<Args> {
  readonly visible: readonly TestCase<Args>[];
  readonly hidden: readonly TestCase<Args>[];
}

export interface Mistake<Args, Out, V extends Variant> {
  /** Names the fixture that makes this mistake: `solutions/<id>.change` (a change to correct.ts) or `solutions/<id>.ts`. */
  readonly id: string;
  /** Shown with a failed test whose output matches this mistake's. */
  readonly hint: string;
  solve(args: Args, variant: V): Out;
}

export type Difficulty = "warm-up" | "core" | "challenge";

// Method syntax (not arrow properties) lets every specific spec be stored as an `Exercise`.
export interface ExerciseSpec<Args extends readonly unknown[], Out, V extends Variant = Variant> {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topics: readonly string[];
  readonly difficulty: Difficulty;
  readonly entry: string;
  readonly params: readonly string[];
  readonly output: OutputSpec;
  readonly limits?: Partial<ExerciseLimits>;
  /** The picture drawn for visible tests (exercises/spec/pictures.ts); none when omitted. */
  readonly picture?: PictureName;
  variant?(rng: Rng): V;
  cases(rng: Rng, variant: V): CaseSet<Args>;
  solve(args: Args, variant: V): Out;
  finiteDifference?(args: Args, variant: V): Out;
  readonly mistakes?: readonly Mistake<Args, Out, V>[];
}

export type Exercise = ExerciseSpec<readonly unknown[], unknown, Variant>;

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === "function";
const fn = (description: string) => z.custom<(...args: never[]) => unknown>(isFunction, { message: "must be a function" }).describe(description);

export const ExerciseSpecSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase words joined by hyphens")
    .describe("Stable identifier, equal to the exercise's folder name; course material links to it."),
  title: z.string().min(3).max(80).describe("Title shown in lists and on the exercise page."),
  summary: z.string().min(10).max(300).describe("One sentence for the exercise bank."),
  topics: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .min(1)
    .describe("Topic tags for searching the bank (e.g. backprop, clustering)."),
  difficulty: z.enum(["warm-up", "core", "challenge"]).describe("Rough difficulty, for building problem sets."),
  entry: z
    .string()
    .regex(/^[A-Za-z_$][\w$]*$/)
    .describe("Name of the function the student's module must export."),
  params: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/)).describe("Parameter names of the entry function, to label test inputs."),
  output: OutputSpecSchema.describe("How the returned value is compared with the reference's."),
  limits: ExerciseLimitsSchema.optional().describe("Tighter limits than the grader's defaults, if this exercise needs them."),
  picture: PictureNameSchema.optional().describe("The picture of a visible test's input and output (exercises/spec/pictures.ts); omit for none."),
  variant: fn("(rng) → values for the statement's {{placeholders}} that also shape the cases; omit when there is none.").optional(),
  cases: fn("(rng, variant) → { visible, hidden } test cases; the same seed must give the same cases."),
  solve: fn("(args, variant) → the expected output, computed with exercises/core."),
  finiteDifference: fn("(args, variant) → the same output computed by central finite differences, for gradient exercises.").optional(),
  mistakes: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
          .describe("Name of the fixture that makes this mistake: solutions/<id>.change (a change to correct.ts) or solutions/<id>.ts."),
        hint: z.string().min(10).describe("Shown when a failed test's output matches this mistake's output."),
        solve: fn("(args, variant) → the output the mistaken solution gives."),
      }),
    )
    .optional()
    .describe("Typical mistakes the grader recognises and explains."),
});

export const TestCaseSchema = z.strictObject({
  name: z.string().min(1).max(120).describe("What the test checks; shown to students."),
  args: z.array(z.json()).describe("Arguments of the entry function: JSON values only (finite numbers)."),
  weight: z.number().positive().max(100).optional().describe("Points for this test; 1 by default."),
});

/** Type-checks a spec where it is written; the registry validates it with the schema above. */
export function defineExercise<Args extends readonly unknown[], Out, V extends Variant = Variant>(spec: ExerciseSpec<Args, Out, V>): ExerciseSpec<Args, Out, V> {
  return spec;
}
