/**
 * `exercises:check` for a calculation: the spec's schema, its statement, deterministic values
 * of the declared shapes for several seeds, the reference answers typed in as a student would
 * type them graded full marks, and a wrong answer to each part graded wrong, through the same
 * grading function the server uses.
 */
import { CHECK_SEEDS, type CheckProblem, type ExerciseCheckReport } from "../../exercises/check.ts";
import type { RawAnswer, RawAnswers } from "../../exercises/calculation/answers.ts";
import { typedAnswer, wrongAnswer } from "../../exercises/calculation/typed.ts";
import { calculationStatement, calculationStatementSource, calculationValues, referenceAnswers } from "../../exercises/calculation/bank.ts";
import { CalculationSpecSchema, type AnswerShape, type AnswerValue, type Calculation } from "../../exercises/calculation/define.ts";
import { gradeAnswers } from "./calculation.ts";

/** The first entry of a real-valued answer 10% off (null for whole numbers, choices and a zero entry): a tolerance that accepts it is too loose. */
export function nearMiss(shape: AnswerShape, value: AnswerValue): RawAnswer | null {
  const exact = shape.kind === "integer" || shape.kind === "choice" || (shape.kind === "vector" && shape.integer === true);
  const first = typeof value === "number" ? value : typeof value[0] === "number" ? value[0] : value[0]?.[0];
  if (exact || first === undefined || first === 0) return null;
  const off = (x: number) => x * 1.1;
  if (typeof value === "number") return String(off(value));
  if (value.every((entry) => typeof entry === "number")) return typedAnswer((value as number[]).map((x, i) => (i === 0 ? off(x) : x)));
  return typedAnswer((value as number[][]).map((row, i) => row.map((x, j) => (i === 0 && j === 0 ? off(x) : x))));
}

function referenceTyped(calculation: Calculation, seed: number): RawAnswers {
  return Object.fromEntries(Object.entries(referenceAnswers(calculation, seed)).map(([id, value]) => [id, typedAnswer(value)]));
}

export function checkCalculation(calculation: Calculation, seeds: readonly number[] = CHECK_SEEDS): ExerciseCheckReport {
  const problems: CheckProblem[] = [];
  const passed: string[] = [];
  const problem = (check: string, message: string) => problems.push({ check, message });
  const report = () => ({ exerciseId: calculation.id, ok: problems.length === 0, problems, passed });

  const schema = CalculationSpecSchema.safeParse(calculation);
  if (!schema.success) {
    for (const issue of schema.error.issues) problem("schema", `spec.ts: ${issue.path.join(".") || "(spec)"}: ${issue.message}`);
    return report();
  }
  passed.push("spec matches the schema");

  try {
    const source = calculationStatementSource(calculation.id);
    if (!/^#\s+\S/m.test(source)) problem("files", "statement.md has no title (a line starting with '# ')");
    const statements = new Set<string>();
    for (const seed of seeds) {
      const statement = calculationStatement(calculation, seed);
      for (const [, name] of statement.matchAll(/\{\{(\w+)\}\}/g)) problem("files", `statement.md uses {{${name}}} but show() gives no "${name}" (seed ${seed})`);
      statements.add(statement);
    }
    if (statements.size < 2) problem("values", `every seed of ${seeds.join(", ")} shows the same statement: draw the values from rng so students get their own`);
  } catch (error) {
    problem("files", error instanceof Error ? error.message : String(error));
  }

  for (const seed of seeds) {
    try {
      const first = JSON.stringify(calculationValues(calculation, seed));
      if (first !== JSON.stringify(calculationValues(calculation, seed))) problem("determinism", `seed ${seed}: values() gave different values twice`);
      const reference = referenceTyped(calculation, seed);
      const right = gradeAnswers({ calculation, answers: JSON.stringify(reference), seed });
      for (const test of right.tests)
        if (!test.passed) problem("reference", `seed ${seed}, ${test.name}: the reference answer, typed in, is graded "${test.status}": ${test.message}`);
      const references = referenceAnswers(calculation, seed);
      for (const part of calculation.parts) {
        const wrong = { ...reference, [part.id]: wrongAnswer(part.answer, references[part.id]!) };
        const graded = gradeAnswers({ calculation, answers: JSON.stringify(wrong), seed });
        const index = calculation.parts.indexOf(part);
        if (graded.tests[index]?.passed !== false) problem("wrong-answer", `seed ${seed}, part "${part.id}": a wrong answer was graded correct (is the tolerance too loose?)`);
        if (graded.tests.some((t, i) => i !== index && !t.passed)) problem("wrong-answer", `seed ${seed}, part "${part.id}": a wrong answer to it cost marks on another part`);
        const near = nearMiss(part.answer, references[part.id]!);
        if (near !== null && gradeAnswers({ calculation, answers: JSON.stringify({ ...reference, [part.id]: near }), seed }).tests[index]?.passed) {
          problem("tolerance", `seed ${seed}, part "${part.id}": an answer 10% off the reference is accepted: tighten rtol/atol in its answer shape`);
        }
      }
    } catch (error) {
      problem("reference", `seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!problems.some((p) => ["determinism", "reference", "wrong-answer", "tolerance"].includes(p.check))) {
    passed.push(`reference answers typed in get full marks, a wrong answer to each part fails it, and so does one 10% off, for seeds ${seeds.join(", ")}`);
  }
  return report();
}
