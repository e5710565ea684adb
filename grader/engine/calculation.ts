/**
 * Grades a calculation's answers: no sandbox, since nothing runs but the reference, which is
 * trusted exercise code. Each part becomes one test of an ordinary GradeResult (kind
 * "calculation"), so review, gradebook, analytics, feedback policies and regrades treat it like
 * any other result. The typed answers are untrusted data: nothing here throws because of them.
 *
 * A part's `message` never states the reference answer (students read it, on every attempt);
 * the reference is in `expected`, which the student view removes (student-view.ts).
 */
import { cellName, readAnswer, RawAnswersSchema, type RawAnswers } from "../../exercises/calculation/answers.ts";
import { calculationValues } from "../../exercises/calculation/bank.ts";
import { outputSpecFor, toleranceText, type AnswerShape, type Calculation } from "../../exercises/calculation/define.ts";
import { compareOutput, type Comparison } from "../../exercises/spec/compare.ts";
import { formatValue } from "../../exercises/spec/format.ts";
import { verdictFromTests, type GradeResult, type TestResult } from "./result.ts";

export interface AnswerGradeRequest {
  readonly calculation: Calculation;
  /** The answers as stored: the JSON text of the typed fields by part id (`RawAnswersSchema`). */
  readonly answers: string;
  /** The student's variant seed: their values, and so their reference answers. */
  readonly seed: number;
}

/** Stored answers read back; anything unreadable counts as no answer rather than an error. */
export function parseStoredAnswers(text: string): RawAnswers {
  try {
    const parsed = RawAnswersSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function gradeAnswers({ calculation, answers, seed }: AnswerGradeRequest): GradeResult {
  const started = performance.now();
  const raw = parseStoredAnswers(answers);
  const values = calculationValues(calculation, seed);
  const tests = calculation.parts.map((part, index): TestResult => {
    const maxPoints = part.points ?? 1;
    const reference = part.solve(values);
    const shell = {
      name: `Part ${index + 1} (${part.id})`,
      visibility: "visible" as const,
      maxPoints,
      expected: referenceText(part.answer, reference),
    };
    const read = readAnswer(part.answer, raw[part.id]);
    if (!read.ok)
      return { ...shell, status: "invalid_output", passed: false, points: 0, message: read.problem, ...(raw[part.id] === undefined ? {} : { got: typedText(raw[part.id]) }) };
    const got = { got: answerText(part.answer, read.value) };
    const comparison = compareOutput(reference, read.value, outputSpecFor(part.answer));
    if (comparison.ok) return { ...shell, ...got, status: "passed", passed: true, points: maxPoints, message: "Correct." };
    if (comparison.kind === "structure") return { ...shell, ...got, status: "invalid_output", passed: false, points: 0, message: structureMessage(comparison.message) };
    return { ...shell, ...got, status: "failed", passed: false, points: 0, message: wrongMessage(part.answer, comparison) };
  });
  const score = tests.reduce((sum, t) => sum + t.points, 0);
  const correct = tests.filter((t) => t.passed).length;
  return {
    exerciseId: calculation.id,
    kind: "calculation",
    seed,
    mode: "submit",
    verdict: verdictFromTests(tests),
    score,
    maxScore: tests.reduce((sum, t) => sum + t.maxPoints, 0),
    summary: correct === tests.length ? `All ${tests.length} parts correct` : `${correct} of ${tests.length} parts correct`,
    tests,
    hidden: { total: 0, passed: 0 },
    timing: { totalMs: performance.now() - started },
    redacted: false,
  };
}

/** "(2, 1)" for a matrix entry, "entry 3" for a vector's, from the comparator's path (`result[1][0]`). */
function placeOf(path: string): string {
  const indices = [...path.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (indices.length === 2) return `entry ${cellName(indices[0]!, indices[1]!)}`;
  if (indices.length === 1) return `entry ${indices[0]! + 1}`;
  return "your answer";
}

/** Why a well-formed answer is wrong, without the reference: which entries miss, and what a NaN or an infinity means. */
function wrongMessage(shape: AnswerShape, comparison: Extract<Comparison, { kind: "values" }>): string {
  const { worst } = comparison;
  const where = placeOf(worst.path);
  const lead = comparison.values === 1 ? "" : `${comparison.mismatches} of ${comparison.values} entries are wrong. `;
  if (typeof worst.got === "number" && Number.isNaN(worst.got))
    return `${lead}${capital(where)} is NaN ("not a number"): this answer is a finite number. NaN comes from 0/0 in the working, such as the mean of no points.`;
  if (typeof worst.got === "number" && !Number.isFinite(worst.got))
    return `${lead}${capital(where)} is infinite: this answer is a finite number (a division by zero in the working?).`;
  const exact = shape.kind === "integer" || shape.kind === "choice" || (shape.kind === "vector" && shape.integer);
  if (exact && typeof worst.got === "number" && !Number.isInteger(worst.got)) return `${lead}${capital(where)} should be a whole number.`;
  if (shape.kind === "choice") return "That is not the right option.";
  if (comparison.values === 1) return exact ? "Not the right number." : `Not within the tolerance (${toleranceText(shape) ?? "exact"}).`;
  return `${comparison.mismatches} of ${comparison.values} entries are wrong${exact ? "" : ` (outside the tolerance, ${toleranceText(shape)})`}.`;
}

/** The comparator's shape message in the words of a form: "Your answer", "Row 2". */
function structureMessage(message: string): string {
  return message.replace(/^The result/, "Your answer").replace(/`result\[(\d+)\]`/g, (_, row: string) => `Row ${Number(row) + 1}`);
}

const capital = (text: string) => text.replace(/^./, (c) => c.toUpperCase());

function referenceText(shape: AnswerShape, reference: unknown): string {
  return shape.kind === "choice" && typeof reference === "number" ? `${shape.options[reference] ?? "?"} (option ${reference + 1})` : formatValue(reference);
}

function answerText(shape: AnswerShape, value: unknown): string {
  return shape.kind === "choice" && typeof value === "number" ? `${shape.options[value] ?? "?"} (option ${value + 1})` : formatValue(value);
}

function typedText(raw: unknown): string {
  return typeof raw === "string" ? JSON.stringify(raw) : formatValue(raw);
}
