import "server-only";
import { calculationStatement } from "../../../exercises/calculation/bank.ts";
import type { AnswerShape } from "../../../exercises/calculation/define.ts";
import type { RawAnswer } from "../../../exercises/calculation/answers.ts";
import { findCalculation } from "../../../exercises/registry.ts";
import { parseStoredAnswers } from "../../../grader/engine/calculation.ts";

/** A calculation submission as staff read it: the student's statement (their values) and each part with what they typed. */
export interface AnswersForReview {
  readonly statement: string;
  readonly parts: readonly { readonly id: string; readonly label: string; readonly answer: AnswerShape; readonly typed: RawAnswer | null }[];
  /** What the previous attempt typed, per part, to see what changed. */
  readonly previous: Readonly<Record<string, RawAnswer>> | null;
}

/** null for a code exercise's submission. */
export function answersForReview(exerciseId: string, seed: number, code: string, previousCode: string | null): AnswersForReview | null {
  const calculation = findCalculation(exerciseId);
  if (!calculation) return null;
  const typed = parseStoredAnswers(code);
  return {
    statement: calculationStatement(calculation, seed),
    parts: calculation.parts.map((part) => ({ id: part.id, label: part.label, answer: part.answer, typed: typed[part.id] ?? null })),
    previous: previousCode === null ? null : parseStoredAnswers(previousCode),
  };
}
