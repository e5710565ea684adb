/**
 * npm run -s exercises:solution -- --exercise <id> [--name <solution>] [--seed <n>]
 *
 * Prints a fixture solution whole, a mistake's change applied to correct.ts, so it can be read or
 * graded as a file (`> /tmp/mistake.ts`, then `npm run grade -- --file /tmp/mistake.ts`). With
 * --seed, the values a student copies from their variant (`/*{{name}}*\/ 0.1`) are that seed's.
 * Without --name, lists the exercise's fixture solutions. Exits 2 on bad usage, 1 when the
 * fixture does not apply.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { listSolutions, loadSolution, SolutionError } from "../../exercises/fixtures.ts";
import { findExercise } from "../../exercises/registry.ts";
import { fillVariant, variantFor } from "../../exercises/spec/variant.ts";

const USAGE = "usage: npm run -s exercises:solution -- --exercise <id> [--name <solution>] [--seed <n>]";

function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`exercises:solution: ${message}\n${code === 2 ? `${USAGE}\n` : ""}`);
  process.exit(code);
}

const OptionsSchema = z.object({
  exercise: z.string({ error: "--exercise <id> is required" }),
  name: z.string().optional(),
  seed: z.coerce
    .number({ error: "--seed must be a whole number" })
    .int("--seed must be a whole number")
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
});

let values: Record<string, unknown>;
try {
  ({ values } = parseArgs({ options: { exercise: { type: "string" }, name: { type: "string" }, seed: { type: "string" } }, strict: true }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error), 2);
}
const parsed = OptionsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("; "), 2);
const options = parsed.data;
const exercise = findExercise(options.exercise);
if (!exercise) fail(`unknown exercise "${options.exercise}"`, 2);

const names = listSolutions(exercise.id);
if (options.name === undefined) {
  for (const name of names) {
    try {
      const solution = loadSolution(exercise.id, name);
      process.stdout.write(`${name.padEnd(36)} ${solution.file}${solution.comments.length ? `  ${solution.comments.join(" ")}` : ""}\n`);
    } catch (error) {
      process.stdout.write(`${name.padEnd(36)} DOES NOT APPLY: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
} else {
  if (!names.includes(options.name)) fail(`exercise "${exercise.id}" has no fixture solution "${options.name}"; it has: ${names.join(", ")}`, 2);
  try {
    const { source } = loadSolution(exercise.id, options.name);
    process.stdout.write(options.seed === undefined ? source : fillVariant(source, variantFor(exercise, options.seed)));
  } catch (error) {
    if (error instanceof SolutionError) fail(error.message, 1);
    throw error;
  }
}
