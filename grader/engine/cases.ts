/** Test cases of an exercise for one seed, with expected outputs from the reference. */
import { hashString, Rng } from "../../exercises/spec/random.ts";
import { variantFor } from "../../exercises/spec/variant.ts";
import type { Exercise, Variant } from "../../exercises/spec/define.ts";
import { formatValue } from "../../exercises/spec/format.ts";

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

/** `forward(x = [1, 0], layers = [...])`: how a test's input is shown. */
export function renderCall(exercise: Exercise, args: readonly unknown[]): string {
  const rendered = args.map((arg, i) => `${exercise.params[i] ?? `arg${i}`} = ${formatValue(arg, 1500)}`);
  return `${exercise.entry}(${rendered.join(", ")})`;
}

const CACHE_LIMIT = 512;
const cache = new Map<string, PreparedCases>();

/** Cases are pure functions of (exercise, seed), so they are computed once and reused. */
export function prepareCases(exercise: Exercise, seed: number): PreparedCases {
  const key = `${exercise.id}:${seed}`;
  const cached = cache.get(key);
  if (cached) {
    // Refresh recency: Map iteration order is insertion order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const variant = variantFor(exercise, seed);
  const set = exercise.cases(new Rng(seed).fork("cases"), variant);
  const prepare = (visibility: "visible" | "hidden") => (test: { name: string; args: readonly unknown[]; weight?: number }): PreparedCase => {
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
