/** npm run exercises:check [-- --exercise <id>] [--json]: fails loudly, naming the exercise and the case. */
import { parseArgs } from "node:util";
import { SandboxPool } from "../sandbox/pool.ts";
import type { ExerciseCheckReport } from "../../exercises/check.ts";
import { checkExercise } from "../engine/check-solutions.ts";
import { checkCalculation } from "../engine/check-calculation.ts";
import { findCalculation, findExercise, listCalculations, listExercises } from "../../exercises/registry.ts";

const { values } = parseArgs({ options: { exercise: { type: "string" }, json: { type: "boolean" } } });
const exercises = values.exercise ? (findCalculation(values.exercise) ? [] : [findExercise(values.exercise)]) : [...listExercises()];
// Calculations need no sandbox: their answers are graded in this process.
const calculations = values.exercise ? [findCalculation(values.exercise)].filter((c) => c !== undefined) : [...listCalculations()];
if (exercises.some((e) => e === undefined)) {
  process.stderr.write(`exercises:check: unknown exercise "${values.exercise}"\n`);
  process.exit(2);
}

const pool = new SandboxPool();
const reports: ExerciseCheckReport[] = [];
try {
  const checks = [...exercises.map((exercise) => () => checkExercise(pool, exercise!)), ...calculations.map((calculation) => async () => checkCalculation(calculation))];
  for (const check of checks) {
    const report = await check();
    reports.push(report);
    if (!values.json) {
      process.stdout.write(`${report.ok ? "ok  " : "FAIL"} ${report.exerciseId}\n`);
      for (const line of report.passed) process.stdout.write(`       ✓ ${line}\n`);
      for (const p of report.problems) process.stdout.write(`       ✗ [${p.check}] ${p.message}\n`);
    }
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
