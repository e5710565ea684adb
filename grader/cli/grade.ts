/**
 * npm run grade -- --exercise <id> (--file <path> | --dir <folder>) [--seed <n>] [--json | --csv] [--run] [--show-hidden] [--pool-size <n>]
 *
 * Grades one file, or every .ts/.mts/.cts/.js/.mjs/.cjs/.py file of a folder (in code-point
 * order of their names, through one warm sandbox pool), against every test of an exercise (or
 * only the visible ones with --run). Each file's extension names its language. Exits 0 whenever grading finished, whatever the verdicts; 2 on
 * bad usage.
 */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { findExercise, listExercises } from "../../exercises/registry.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { LANGUAGE_BY_EXTENSION } from "../../exercises/spec/languages.ts";
import { csvHeader, csvLine, gradeBatch, languageOf, submissionFileNames, type FileOutcome } from "./batch.ts";
import { prepareCases } from "../engine/cases.ts";
import { gradeSubmission, type GradeMode } from "../engine/grade.ts";
import { SandboxPool } from "../sandbox/pool.ts";
import { renderReport } from "../engine/report.ts";
import type { GradeResult } from "../engine/result.ts";
import { redactForStudent } from "../engine/student-view.ts";

const USAGE = [
  "usage: npm run grade -- --exercise <id> --file <path> [--seed <n>] [--json | --csv] [--run] [--show-hidden]",
  "       npm run grade -- --exercise <id> --dir <folder> [--pool-size <n>] [--seed <n>] [--json | --csv] [--run] [--show-hidden]",
].join("\n");

/** A folder is graded one file at a time unless asked otherwise: the machine may be shared. */
const DEFAULT_BATCH_POOL_SIZE = 1;
const MAX_POOL_SIZE = 32;

function fail(message: string): never {
  process.stderr.write(`grade: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const OptionsSchema = z
  .object({
    exercise: z.string({ error: "--exercise <id> is required" }),
    file: z.string().optional(),
    dir: z.string().optional(),
    seed: z.coerce
      .number({ error: "--seed must be a whole number" })
      .int("--seed must be a whole number")
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    "pool-size": z.coerce
      .number({ error: `--pool-size must be a whole number from 1 to ${MAX_POOL_SIZE}` })
      .int(`--pool-size must be a whole number from 1 to ${MAX_POOL_SIZE}`)
      .min(1, `--pool-size must be a whole number from 1 to ${MAX_POOL_SIZE}`)
      .max(MAX_POOL_SIZE, `--pool-size must be a whole number from 1 to ${MAX_POOL_SIZE}`)
      .optional(),
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
    run: z.boolean().default(false),
    "show-hidden": z.boolean().default(false),
  })
  .check((ctx) => {
    const { file, dir, json, csv } = ctx.value;
    if ((file === undefined) === (dir === undefined)) ctx.issues.push({ code: "custom", input: ctx.value, message: "give exactly one of --file <path> and --dir <folder>" });
    if (json && csv) ctx.issues.push({ code: "custom", input: ctx.value, message: "give at most one of --json and --csv" });
    if (file !== undefined && ctx.value["pool-size"] !== undefined) ctx.issues.push({ code: "custom", input: ctx.value, message: "--pool-size applies to --dir only" });
  });
type Options = z.infer<typeof OptionsSchema>;

function parseOptions(): Options | null {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        exercise: { type: "string" },
        file: { type: "string" },
        dir: { type: "string" },
        seed: { type: "string" },
        "pool-size": { type: "string" },
        json: { type: "boolean" },
        csv: { type: "boolean" },
        run: { type: "boolean" },
        "show-hidden": { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

function testNames(exercise: Exercise, seed: number, mode: GradeMode): string[] {
  const prepared = prepareCases(exercise, seed);
  return (mode === "submit" ? [...prepared.visible, ...prepared.hidden] : prepared.visible).map((c) => c.name);
}

async function gradeOneFile(exercise: Exercise, options: Options & { file: string }, mode: GradeMode): Promise<void> {
  let source: string;
  try {
    if (!statSync(options.file).isFile()) fail(`${options.file} is not a file`);
    source = readFileSync(options.file, "utf8");
  } catch (error) {
    fail(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const pool = new SandboxPool({ size: 1 });
  try {
    const result = await gradeSubmission(pool, { exercise, source, language: languageOf(options.file) ?? "typescript", seed: options.seed, mode });
    const shown = options["show-hidden"] ? result : redactForStudent(result);
    if (options.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    else if (options.csv) {
      const names = testNames(exercise, options.seed, mode);
      process.stdout.write(csvHeader(names) + csvLine({ file: options.file, result: shown }, names));
    } else process.stdout.write(`${renderReport(shown, prepareCases(exercise, options.seed).variant)}\n`);
  } finally {
    await pool.close();
  }
}

async function gradeFolder(exercise: Exercise, options: Options & { dir: string }, mode: GradeMode): Promise<void> {
  let files: string[];
  try {
    if (!statSync(options.dir).isDirectory()) fail(`${options.dir} is not a folder`);
    files = submissionFileNames(options.dir);
  } catch (error) {
    fail(`cannot read ${options.dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (files.length === 0) {
    const extensions = Object.keys(LANGUAGE_BY_EXTENSION);
    fail(`${options.dir} has no ${extensions.slice(0, -1).join(", ")} or ${extensions.at(-1)} files`);
  }

  const names = testNames(exercise, options.seed, mode);
  const variant = prepareCases(exercise, options.seed).variant;
  const show = (result: GradeResult) => (options["show-hidden"] ? result : redactForStudent(result));
  const print = (outcome: FileOutcome) => {
    const shown: FileOutcome = outcome.result.verdict === "not_graded" ? outcome : { file: outcome.file, result: show(outcome.result) };
    if (options.json) process.stdout.write(`${JSON.stringify({ file: shown.file, ...shown.result })}\n`);
    else if (options.csv) process.stdout.write(csvLine(shown, names));
    else if (shown.result.verdict === "not_graded") process.stdout.write(`== ${shown.file}\nNOT GRADED: ${shown.result.error.message}\n\n`);
    else process.stdout.write(`== ${shown.file}\n${renderReport(shown.result, variant)}\n\n`);
  };
  if (options.csv) process.stdout.write(csvHeader(names));

  const size = options["pool-size"] ?? DEFAULT_BATCH_POOL_SIZE;
  const pool = new SandboxPool({ size });
  try {
    await gradeBatch(pool, {
      exercise,
      dir: options.dir,
      files,
      seed: options.seed,
      mode,
      concurrency: size,
      onOutcome: print,
      onProgress: (done, total, file) => process.stderr.write(`graded ${done}/${total} ${file}\n`),
    });
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const exercise = findExercise(options.exercise);
  if (!exercise)
    fail(
      `unknown exercise "${options.exercise}"; known: ${listExercises()
        .map((e) => e.id)
        .join(", ")}`,
    );
  const mode: GradeMode = options.run ? "run" : "submit";
  if (options.file !== undefined) await gradeOneFile(exercise, { ...options, file: options.file }, mode);
  else await gradeFolder(exercise, { ...options, dir: options.dir! }, mode);
}

await main();
