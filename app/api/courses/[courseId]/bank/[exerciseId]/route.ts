import { z } from "zod";
import { route } from "../../../../../_server/route.ts";
import { bankExercise } from "../../../../../_server/staff/bank.ts";

const SeedSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1)
  .catch(1);

/** Staff: an exercise's statement, signature and visible tests for a sample variant. */
export const GET = route<{ courseId: string; exerciseId: string }>(async ({ request, params, viewer }) => {
  const seed = SeedSchema.parse(new URL(request.url).searchParams.get("seed") ?? 1);
  return { exercise: await bankExercise(viewer, params.courseId, params.exerciseId, seed) };
});
