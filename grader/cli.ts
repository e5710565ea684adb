/**
 * npm run grade -- --exercise <id> --file <path> [--seed <n>] [--json] [--run] [--show-hidden]
 *
 * Grades a file against every test of an exercise (or only the visible ones with --run).
 * Exits 0 whenever grading finished, whatever the verdict; 2 on bad usage.
 */
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { findExercise, listExercises } from "../exercises/registry.ts";
import { gradeSubmission } from "./grade.ts";
import { SandboxPool } from "./pool.ts";
import { renderReport } from "./report.ts";
import { redactForStudent } from "./student-view.ts";

const USAGE = "usage: npm run grade -- --exercise <id> --file <path> [--seed <n>] [--json] [--run] [--show-hidden]";

function fail(message: string): never {
  process.stderr.write(`grade: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const OptionsSchema = z.object({
  exercise: z.string({ error: "--exercise <id> is required" }),
  file: z.string({ error: "--file <path> is required" }),
  seed: z.coerce.number({ error: "--seed must be a whole number" }).int("--seed must be a whole number").min(0).max(2 ** 32 - 1).default(1),
  json: z.boolean().default(false),
  run: z.boolean().default(false),
  "show-hidden": z.boolean().default(false),
});

async function main(): Promise<void> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        exercise: { type: "string" },
        file: { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean" },
        run: { type: "boolean" },
        "show-hidden": { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("; "));
  const options = parsed.data;

  if (!findExercise(options.exercise)) fail(`unknown exercise "${options.exercise}"; known: ${listExercises().map((e) => e.id).join(", ")}`);
  let source: string;
  try {
    if (!statSync(options.file).isFile()) fail(`${options.file} is not a file`);
    source = readFileSync(options.file, "utf8");
  } catch (error) {
    fail(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const language = [".js", ".mjs", ".cjs"].includes(extname(options.file)) ? "javascript" : "typescript";

  const pool = new SandboxPool({ size: 1 });
  try {
    const result = await gradeSubmission(pool, { exerciseId: options.exercise, source, language, seed: options.seed, mode: options.run ? "run" : "submit" });
    const shown = options["show-hidden"] ? result : redactForStudent(result);
    process.stdout.write(options.json ? `${JSON.stringify(shown, null, 2)}\n` : `${renderReport(shown)}\n`);
  } finally {
    await pool.close();
  }
}

await main();
