/**
 * Per-student variants: which seed a student gets for an item, the values their statement shows,
 * and how a fixture solution takes the values a student would copy from that statement.
 */
import type { Exercise, Variant } from "./define.ts";
import { hashString, Rng } from "./random.ts";

/** The seed of a student's variant of one problem-set item: fixed per student and item. */
export function variantSeed(userId: string, itemId: string): number {
  return hashString(`variant:${userId}:${itemId}`);
}

/** The values a statement shows through `{{name}}` placeholders for one seed. */
export function variantFor(exercise: Exercise, seed: number): Variant {
  return exercise.variant ? exercise.variant(new Rng(seed).fork("variant")) : {};
}

/**
 * A student with a variant copies its values from their statement. Fixtures mark such a value
 * as `/*{{name}}*\/ 0.1` (TypeScript) or `0.1  # {{name}}` (Python, at the end of the line);
 * this replaces the literal with the value for the seed at hand.
 */
export function fillVariant(source: string, variant: Variant): string {
  return source
    .replace(/\/\*\{\{(\w+)\}\}\*\/\s*(?:-?[\d.]+(?:e-?\d+)?|"[^"]*")/g, (whole, name: string) => (name in variant ? `/*{{${name}}}*/ ${JSON.stringify(variant[name])}` : whole))
    .replace(/(?:-?[\d.]+(?:e-?\d+)?|"[^"]*")([ \t]*#[ \t]*\{\{(\w+)\}\})$/gm, (whole, marker: string, name: string) =>
      name in variant ? `${JSON.stringify(variant[name])}${marker}` : whole,
    );
}
