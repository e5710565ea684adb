/**
 * Statements tell students not to modify the inputs; the references, the mistakes' models and
 * the correct fixtures must not either. Called on deep-frozen arguments, any write throws
 * (modules run in strict mode), so a mutating implementation fails here by name.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CHECK_SEEDS } from "../../exercises/check.ts";
import { exercisesDirectory, listExercises } from "../../exercises/registry.ts";
import { Rng } from "../../exercises/spec/random.ts";
import { variantFor } from "../../exercises/spec/variant.ts";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const exercises = listExercises().map((e) => [e.id, e] as const);

describe("no reference, mistake or correct solution modifies its arguments", () => {
  it("deepFreeze makes a write to a nested array throw (the check below relies on it)", () => {
    const frozen = deepFreeze([
      [1, 2],
      [3, 1],
    ]);
    expect(() => {
      frozen[0]![0] = 5;
    }).toThrow(TypeError);
    expect(() => frozen[1]!.sort()).toThrow(TypeError);
  });

  it.each(exercises)("%s: the reference and every mistake's model accept deep-frozen arguments", (_id, exercise) => {
    for (const seed of CHECK_SEEDS) {
      const variant = variantFor(exercise, seed);
      const { visible, hidden } = exercise.cases(new Rng(seed).fork("cases"), variant);
      for (const test of [...visible, ...hidden]) {
        const frozen = deepFreeze(structuredClone(test.args));
        const expected = exercise.solve(structuredClone(test.args), variant);
        expect(exercise.solve(frozen, variant), `seed ${seed}, "${test.name}"`).toEqual(expected);
        for (const mistake of exercise.mistakes ?? []) {
          try {
            mistake.solve(frozen, variant);
          } catch (error) {
            // A mistake may be undefined for some inputs, but never because it wrote to them.
            expect(error, `mistake "${mistake.id}", seed ${seed}, "${test.name}"`).not.toBeInstanceOf(TypeError);
          }
        }
        expect(frozen).toEqual(test.args);
      }
    }
  });

  it.each(exercises)("%s: solutions/correct.ts accepts deep-frozen arguments", async (id, exercise) => {
    const module = (await import(pathToFileURL(join(exercisesDirectory(), id, "solutions", "correct.ts")).href)) as Record<string, (...args: unknown[]) => unknown>;
    const entry = module[exercise.entry];
    expect(typeof entry).toBe("function");
    for (const seed of CHECK_SEEDS) {
      const variant = variantFor(exercise, seed);
      const { visible, hidden } = exercise.cases(new Rng(seed).fork("cases"), variant);
      for (const test of [...visible, ...hidden]) {
        expect(() => entry!(...deepFreeze(structuredClone(test.args))), `seed ${seed}, "${test.name}"`).not.toThrow();
      }
    }
  });
});
