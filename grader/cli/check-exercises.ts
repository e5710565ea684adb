/**
 * npm run exercises:check [-- --exercise <id>] [--dir <content folder>] [--json]: fails loudly,
 * naming the exercise and the case. With --dir, checks a course's content folder instead of the
 * built-in bank, and says each problem as the file, the field and the fix.
 */
import { resolve } from "node:path";
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { SandboxPool } from "../sandbox/pool.ts";
import type { ExerciseCheckReport, ExerciseLocation } from "../../exercises/check.ts";
import { checkExercise } from "../engine/check-solutions.ts";
import { checkCalculation } from "../engine/check-calculation.ts";
import { findCalculation, findExercise, listCalculations, listExercises } from "../../exercises/registry.ts";
import type { Calculation } from "../../exercises/calculation/define.ts";
import { describeCheckProblem, formatProblem, loadContentFolder, type ContentProblem } from "../../exercises/content/load.ts";
import type { Exercise } from "../../exercises/spec/define.ts";

const { values } = parseArgs({ options: { exercise: { type: "string" }, dir: { type: "string" }, json: { type: "boolean" } } });

type Target = { exercise: Exercise; location?: ExerciseLocation };
let targets: Target[];
let calculations: Calculation[] = [];
/** Content exercises that did not load: reported beside the checked ones. */
const unloaded = new Map<string, ContentProblem[]>();
if (values.dir) {
  const dir = resolve(values.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`exercises:check: ${dir} is not a folder (--dir names a content folder holding one folder per exercise)\n`);
    process.exit(2);
  }
  const content = loadContentFolder(dir);
  for (const problem of content.problems) unloaded.set(problem.exerciseId, [...(unloaded.get(problem.exerciseId) ?? []), problem]);
  targets = content.exercises.map((loaded) => ({ exercise: loaded.exercise, location: { home: loaded.home, files: loaded.files } }));
  if (targets.length === 0 && unloaded.size === 0) {
    process.stderr.write(`exercises:check: ${dir} holds no exercise folders (one folder per exercise, named by its id, with a spec.ts)\n`);
    process.exit(2);
  }
} else {
  // Calculations need no sandbox: their answers are graded in this process.
  calculations = values.exercise ? [findCalculation(values.exercise)].filter((c) => c !== undefined) : [...listCalculations()];
  const found = values.exercise ? (calculations.length > 0 ? [] : [findExercise(values.exercise)]) : [...listExercises()];
  if (found.some((e) => e === undefined)) {
    process.stderr.write(`exercises:check: unknown exercise "${values.exercise}"\n`);
    process.exit(2);
  }
  targets = found.map((exercise) => ({ exercise: exercise! }));
}
if (values.exercise && values.dir) targets = targets.filter((target) => target.exercise.id === values.exercise);

const pool = new SandboxPool();
const reports: ExerciseCheckReport[] = [];
const write = (line: string) => values.json || process.stdout.write(`${line}\n`);
try {
  for (const [id, problems] of unloaded) {
    reports.push({ exerciseId: id, ok: false, problems: problems.map((p) => ({ check: "content", message: formatProblem(p) })), passed: [] });
    write(`FAIL ${id}`);
    for (const problem of problems) write(`       ✗ ${formatProblem(problem).replace("\n", "\n       ")}`);
  }
  for (const { exercise, location } of targets) {
    const report = await checkExercise(pool, exercise, undefined, location);
    reports.push(report);
    write(`${report.ok ? "ok  " : "FAIL"} ${report.exerciseId}`);
    for (const line of report.passed) write(`       ✓ ${line}`);
    for (const p of report.problems) {
      if (values.dir) write(`       ✗ [${p.check}] ${formatProblem(describeCheckProblem(exercise.id, p)).replace("\n", "\n       ")}`);
      else write(`       ✗ [${p.check}] ${p.message}`);
    }
  }
  for (const calculation of calculations) {
    const report = checkCalculation(calculation);
    reports.push(report);
    write(`${report.ok ? "ok  " : "FAIL"} ${report.exerciseId}`);
    for (const line of report.passed) write(`       ✓ ${line}`);
    for (const p of report.problems) write(`       ✗ [${p.check}] ${p.message}`);
  }
} finally {
  await pool.close();
}
const failed = reports.filter((r) => !r.ok);
if (values.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
else process.stdout.write(`\n${reports.length - failed.length} of ${reports.length} exercises pass every check.\n`);
if (failed.length > 0) {
  process.stderr.write(`exercises:check failed: ${failed.map((r) => r.exerciseId).join(", ")}\n`);
  process.exit(1);
}
