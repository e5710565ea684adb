/** Test cases of an exercise for one seed, with expected outputs from the reference. */
import { hashString, Rng } from "../../exercises/spec/random.ts";
import { variantFor } from "../../exercises/spec/variant.ts";
import type { Exercise, Variant } from "../../exercises/spec/define.ts";
import { formatValue } from "../../exercises/spec/format.ts";
import { entryNameIn, pythonParamName, type Language } from "../../exercises/spec/languages.ts";

export interface PreparedCase {
  readonly name: string;
  readonly visibility: "visible" | "hidden";
  readonly args: readonly unknown[];
  readonly weight: number;
  readonly expected: unknown;
  /** JSON text of the arguments, as sent into the sandbox. */
  readonly argsJson: string;
  /** Seed for Math.random during this test, stable across Run and Submit. */
  readonly randomSeed: number;
  /** The call and the expected value as reports show them (rendered once, with the case). */
  readonly inputText: string;
  readonly expectedText: string;
}

export interface PreparedCases {
  readonly variant: Variant;
  readonly visible: readonly PreparedCase[];
  readonly hidden: readonly PreparedCase[];
}

/** `forward(x = [1, 0], layers = [...])`: how a test's input is shown; in Python, `kmeans_step(points = [...], ...)` with Python's values. */
export function renderCall(exercise: Exercise, args: readonly unknown[], language: Language = "typescript"): string {
  const python = language === "python";
  const rendered = args.map((arg, i) => {
    const name = exercise.params[i] ?? `arg${i}`;
    return `${python ? pythonParamName(name) : name} = ${formatValue(arg, 1500, language)}`;
  });
  return `${entryNameIn(language, exercise.entry)}(${rendered.join(", ")})`;
}

const pythonTexts = new WeakMap<PreparedCase, { readonly input: string; readonly expected: string }>();

/** The call and the expected value as a student of `language` reads them (rendered once per case). */
export function caseTexts(c: PreparedCase, exercise: Exercise, language: Language): { readonly input: string; readonly expected: string } {
  if (language !== "python") return { input: c.inputText, expected: c.expectedText };
  let texts = pythonTexts.get(c);
  if (!texts) {
    texts = { input: renderCall(exercise, c.args, "python"), expected: formatValue(c.expected, 2000, "python") };
    pythonTexts.set(c, texts);
  }
  return texts;
}

const CACHE_LIMIT = 512;
const cache = new Map<string, PreparedCases>();
/** Course content serves several versions of one id over time: each spec object is a version of its own. */
const specTags = new WeakMap<Exercise, number>();
let nextSpecTag = 0;

/** Cases are pure functions of (exercise, seed), so they are computed once and reused. */
export function prepareCases(exercise: Exercise, seed: number): PreparedCases {
  let tag = specTags.get(exercise);
  if (tag === undefined) {
    tag = nextSpecTag++;
    specTags.set(exercise, tag);
  }
  const key = `${exercise.id}#${tag}:${seed}`;
  const cached = cache.get(key);
  if (cached) {
    // Refresh recency: Map iteration order is insertion order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const variant = variantFor(exercise, seed);
  const set = exercise.cases(new Rng(seed).fork("cases"), variant);
  const prepare =
    (visibility: "visible" | "hidden") =>
    (test: { name: string; args: readonly unknown[]; weight?: number }): PreparedCase => {
      const expected = exercise.solve(test.args, variant);
      return {
        name: test.name,
        visibility,
        args: test.args,
        weight: test.weight ?? 1,
        expected,
        argsJson: JSON.stringify(test.args),
        randomSeed: hashString(`${seed}:${test.name}`),
        inputText: renderCall(exercise, test.args),
        expectedText: formatValue(expected, 2000),
      };
    };
  const prepared: PreparedCases = { variant, visible: set.visible.map(prepare("visible")), hidden: set.hidden.map(prepare("hidden")) };
  cache.set(key, prepared);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return prepared;
}
