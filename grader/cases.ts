/** Test cases of an exercise for one seed, with expected outputs from the reference. */
import { hashString, Rng } from "../exercises/spec/random.ts";
import type { Exercise, Variant } from "../exercises/spec/define.ts";

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
}

export interface PreparedCases {
  readonly variant: Variant;
  readonly visible: readonly PreparedCase[];
  readonly hidden: readonly PreparedCase[];
}

const CACHE_LIMIT = 512;
const cache = new Map<string, PreparedCases>();

export function variantFor(exercise: Exercise, seed: number): Variant {
  return exercise.variant ? exercise.variant(new Rng(seed).fork("variant")) : {};
}

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
  const prepare = (visibility: "visible" | "hidden") => (test: { name: string; args: readonly unknown[]; weight?: number }) => ({
    name: test.name,
    visibility,
    args: test.args,
    weight: test.weight ?? 1,
    expected: exercise.solve(test.args, variant),
    argsJson: JSON.stringify(test.args),
    randomSeed: hashString(`${seed}:${test.name}`),
  });
  const prepared: PreparedCases = { variant, visible: set.visible.map(prepare("visible")), hidden: set.hidden.map(prepare("hidden")) };
  cache.set(key, prepared);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return prepared;
}
