import { hashString } from "../../exercises/spec/random.ts";

/** The seed of a student's variant of one problem-set item: fixed per student and item. */
export function variantSeed(userId: string, itemId: string): number {
  return hashString(`variant:${userId}:${itemId}`);
}
