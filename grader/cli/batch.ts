/**
 * Grading a folder of submissions from the command line: which files count and in what
 * order, grading them through one pool a few at a time, and the CSV table of the results.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { effectiveLimits } from "../../exercises/spec/limits.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { prepareCases } from "../engine/cases.ts";
import { gradeSubmission, type GradeMode, type JobRunner } from "../engine/grade.ts";
import { csvRows } from "../engine/csv.ts";
import type { GradeResult } from "../engine/result.ts";
import { LANGUAGE_BY_EXTENSION, type Language } from "../../exercises/spec/languages.ts";

export function languageOf(fileName: string): Language | undefined {
  return LANGUAGE_BY_EXTENSION[extname(fileName).toLowerCase()];
}

/** Plain code-point order (UTF-8 byte order is code-point order), the same on every machine and locale. */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The names of the folder's entries with a known source extension, in code-point order. */
export function submissionFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => languageOf(name) !== undefined)
    .sort(byCodePoint);
}

/** A file that could not be graded at all (unreadable, not a file, too large to read). */
export interface NotGraded {
  readonly verdict: "not_graded";
  readonly score: 0;
  readonly maxScore: number;
  readonly error: { readonly message: string };
}

export type FileOutcome = { readonly file: string; readonly result: GradeResult } | { readonly file: string; readonly result: NotGraded };

export interface BatchOptions {
  readonly exercise: Exercise;
  readonly dir: string;
  readonly files: readonly string[];
  readonly seed: number;
  readonly mode: GradeMode;
  /** How many files are graded at once (the pool's size: more would only queue). */
  readonly concurrency: number;
  /** Called once per file, in name order, as soon as it and every file before it are graded. */
  readonly onOutcome: (outcome: FileOutcome) => void;
  /** Called once per file as it finishes, in completion order. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

function maxScoreOf(exercise: Exercise, seed: number, mode: GradeMode): number {
  const prepared = prepareCases(exercise, seed);
  const cases = mode === "submit" ? [...prepared.visible, ...prepared.hidden] : prepared.visible;
  return cases.reduce((sum, c) => sum + c.weight, 0);
}

async function gradeFile(runner: JobRunner, options: BatchOptions, file: string): Promise<FileOutcome> {
  const notGraded = (message: string): FileOutcome => ({
    file,
    result: { verdict: "not_graded", score: 0, maxScore: maxScoreOf(options.exercise, options.seed, options.mode), error: { message } },
  });
  const path = join(options.dir, file);
  const limit = effectiveLimits(options.exercise.limits).maxSourceBytes;
  let source: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return notGraded(`${file} is not a regular file.`);
    // A file over the limit is graded like any oversized submission (refused, the limit named);
    // one far beyond it is not even read into memory.
    if (stats.size > limit * 16) return notGraded(`${file} is ${(stats.size / 1024).toFixed(1)} KB; the limit for this exercise is ${limit / 1024} KB.`);
    source = readFileSync(path, "utf8");
  } catch (error) {
    return notGraded(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  try {
    const result = await gradeSubmission(runner, { exercise: options.exercise, source, language: languageOf(file), seed: options.seed, mode: options.mode });
    return { file, result };
  } catch (error) {
    // The grader itself failed (the pool went away, say): this file's line says so and the batch goes on.
    return notGraded(`The grader failed on ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** Grades every file, at most `concurrency` at a time, and reports them in name order. */
export async function gradeBatch(runner: JobRunner, options: BatchOptions): Promise<void> {
  const outcomes: (FileOutcome | undefined)[] = options.files.map(() => undefined);
  let next = 0;
  let printed = 0;
  let done = 0;
  const flush = () => {
    while (printed < outcomes.length && outcomes[printed]) options.onOutcome(outcomes[printed++]!);
  };
  const worker = async () => {
    while (next < options.files.length) {
      const index = next++;
      const file = options.files[index]!;
      outcomes[index] = await gradeFile(runner, options, file);
      options.onProgress?.(++done, options.files.length, file);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.files.length)) }, worker));
}

/** The header: file, verdict, score, maxScore, then one column per test named after it. */
export function csvHeader(testNames: readonly string[]): string {
  return csvRows([["file", "verdict", "score", "maxScore", ...testNames]]);
}

/** A file's row: the points earned on each test (empty cells for a file that was not graded). */
export function csvLine(outcome: FileOutcome, testNames: readonly string[]): string {
  const { result } = outcome;
  const points = result.verdict === "not_graded" ? testNames.map(() => "") : testNames.map((name) => result.tests.find((t) => t.name === name)?.points ?? "");
  return csvRows([[outcome.file, result.verdict, result.score, result.maxScore, ...points]]);
}
