/**
 * What a calculation exercise is: a question answered with numbers, not code (the exam's
 * "compute the output of this network", "how many parameters", "one k-means step by hand").
 * Each lives in `exercises/calculation/bank/<id>/`: `spec.ts` (this shape) and `statement.md`,
 * whose `{{name}}` placeholders show the student's own values (LaTeX allowed).
 *
 * The student's values come from the same seeded generator as a code exercise's variant, the
 * reference answers from exercises/core, and every part is graded by the same comparator
 * (exercises/spec/compare.ts) with the tolerance its shape states.
 */
import { z } from "zod";
import type { Difficulty } from "../spec/define.ts";
import { DEFAULT_ATOL, type OutputSpec } from "../spec/output.ts";
import type { Rng } from "../spec/random.ts";

/** The tolerance hand calculations get unless a part says otherwise: three decimals are enough. */
export const HAND_TOLERANCE = { rtol: 1e-3, atol: 1e-3 } as const;

const ToleranceFields = {
  rtol: z.number().min(0).max(0.1).optional().describe(`Relative tolerance; default ${HAND_TOLERANCE.rtol} (answers worked out by hand are rounded).`),
  atol: z.number().min(0).max(0.1).optional().describe(`Absolute tolerance; default ${HAND_TOLERANCE.atol}.`),
};
const size = (what: string) => z.number().int().min(1).max(12).describe(what);

export const AnswerShapeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("number").describe("One real number, compared within a tolerance."), ...ToleranceFields }),
  z.strictObject({ kind: z.literal("integer").describe("A whole number compared exactly (a count, a size, an index).") }),
  z.strictObject({
    kind: z.literal("vector").describe("A list of `length` numbers."),
    length: size("How many entries."),
    integer: z.boolean().optional().describe("Whole numbers compared exactly (cluster numbers), instead of reals within a tolerance."),
    ...ToleranceFields,
  }),
  z.strictObject({ kind: z.literal("matrix").describe("A rows × cols grid of real numbers."), rows: size("Rows."), cols: size("Columns."), ...ToleranceFields }),
  z.strictObject({
    kind: z.literal("choice").describe("One of the listed options; the answer is its position (0 for the first)."),
    options: z.array(z.string().min(1).max(200)).min(2).max(8).describe("The options, shown in this order (Markdown and $math$ allowed)."),
  }),
]);
export type AnswerShape = z.infer<typeof AnswerShapeSchema>;

/** What a reference answer is, by shape: a number (also a choice's position), a vector or a matrix. */
export type AnswerValue = number | number[] | number[][];

export interface AnswerPart<V> {
  /** Stable key of the part in stored answers: lowercase words joined by hyphens. */
  readonly id: string;
  /** What to compute, shown above the answer field (Markdown with $math$). */
  readonly label: string;
  readonly answer: AnswerShape;
  /** Points for this part; 1 by default. */
  readonly points?: number;
  /** The reference answer for these values, computed with exercises/core. */
  solve(values: V): AnswerValue;
}

export interface CalculationSpec<V> {
  readonly kind: "calculation";
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topics: readonly string[];
  readonly difficulty: Difficulty;
  /** The student's values, from their seed's generator: the same seed always gives the same values. */
  values(rng: Rng): V;
  /** The statement's `{{name}}` placeholders for these values: numbers, or text such as LaTeX matrices. */
  show(values: V): Readonly<Record<string, string | number>>;
  readonly parts: readonly AnswerPart<V>[];
}

// Method syntax (not arrow properties) lets every specific spec be stored as a `Calculation`.
export type Calculation = CalculationSpec<unknown>;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase words joined by hyphens");
const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === "function";
const fn = (description: string) => z.custom<(...args: never[]) => unknown>(isFunction, { message: "must be a function" }).describe(description);

export const CalculationSpecSchema = z.strictObject({
  kind: z.literal("calculation").describe('"calculation": answered with numbers, not code.'),
  id: slug.describe("Stable identifier, equal to the exercise's folder name; problem sets refer to it."),
  title: z.string().min(3).max(80).describe("Title shown in lists and on the exercise page."),
  summary: z.string().min(10).max(300).describe("One sentence for the exercise bank."),
  topics: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .min(1)
    .describe("Topic tags for searching the bank."),
  difficulty: z.enum(["warm-up", "core", "challenge"]).describe("Rough difficulty, for building problem sets."),
  values: fn("(rng) → the student's values; draw everything from rng so the same seed gives the same question."),
  show: fn("(values) → the statement's {{placeholders}}: numbers or text (LaTeX for vectors and matrices)."),
  parts: z
    .array(
      z.strictObject({
        id: slug.describe("Key of the part in stored answers."),
        label: z.string().min(3).max(400).describe("What to compute, shown above the answer field."),
        answer: AnswerShapeSchema.describe("The answer's shape and tolerance."),
        points: z.number().positive().max(100).optional().describe("Points for this part; 1 by default."),
        solve: fn("(values) → the reference answer, computed with exercises/core."),
      }),
    )
    .min(1)
    .max(8)
    .describe("The answer parts, graded one by one (partial credit per part)."),
});

/** Type-checks a calculation where it is written; the bank validates it with the schema above. */
export function defineCalculation<V>(spec: CalculationSpec<V>): CalculationSpec<V> {
  return spec;
}

/** How the comparator reads a part's answer: the same OutputSpec code exercises use. A choice is its option's position. */
export function outputSpecFor(shape: AnswerShape): OutputSpec {
  const tolerance = (s: { rtol?: number | undefined; atol?: number | undefined }) => ({
    kind: "number" as const,
    rtol: s.rtol ?? HAND_TOLERANCE.rtol,
    atol: s.atol ?? HAND_TOLERANCE.atol,
  });
  switch (shape.kind) {
    case "number":
      return tolerance(shape);
    case "integer":
    case "choice":
      return { kind: "integer" };
    case "vector":
      return { kind: "array", items: shape.integer ? { kind: "integer" } : tolerance(shape) };
    case "matrix":
      return { kind: "array", items: { kind: "array", items: tolerance(shape) } };
  }
}

/** The tolerance a part is graded with, in words for the answer form ("within ±(0.001 + 0.1% of the answer)"); null when compared exactly. */
export function toleranceText(shape: AnswerShape): string | null {
  const spec = outputSpecFor(shape);
  const leaf = spec.kind === "array" ? (spec.items.kind === "array" ? spec.items.items : spec.items) : spec;
  if (leaf.kind !== "number") return null;
  const atol = leaf.atol ?? DEFAULT_ATOL;
  const rtol = leaf.rtol ?? 0;
  return rtol > 0 ? `within ±(${atol} + ${Number((rtol * 100).toPrecision(3))}% of the answer)` : `within ±${atol}`;
}
