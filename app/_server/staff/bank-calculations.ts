import "server-only";
import { calculationStatement, referenceAnswers } from "../../../exercises/calculation/bank.ts";
import { toleranceText, type AnswerShape, type Calculation } from "../../../exercises/calculation/define.ts";
import { listCalculations } from "../../../exercises/registry.ts";
import { formatValue } from "../../../exercises/spec/format.ts";
import { checkCalculation } from "../../../grader/engine/check-calculation.ts";

/** How the bank lists a calculation beside code exercises: it has no function to export, so its "entry" says how it is answered. */
export function calculationListings(): { id: string; title: string; summary: string; topics: readonly string[]; difficulty: string; entry: string }[] {
  return listCalculations().map((c) => ({ id: c.id, title: c.title, summary: c.summary, topics: c.topics, difficulty: c.difficulty, entry: "answers" }));
}

/** Every calculation's `exercises:check` report, run here (it needs no sandbox and takes milliseconds), in the bank's form. */
export function calculationCheckSummaries(now = new Date()): Map<string, { ok: boolean; checkedAt: string; problems: { check: string; message: string }[]; passed: string[] }> {
  return new Map(
    listCalculations().map((c) => {
      const report = checkCalculation(c);
      return [c.id, { ok: report.ok, checkedAt: now.toISOString(), problems: [...report.problems], passed: [...report.passed] }];
    }),
  );
}

export function describeShape(shape: AnswerShape): string {
  const tolerance = toleranceText(shape);
  const within = tolerance ? `, ${tolerance}` : ", exact";
  switch (shape.kind) {
    case "number":
      return `a number${within}`;
    case "integer":
      return "a whole number, exact";
    case "vector":
      return `${shape.length} ${shape.integer ? "whole numbers, exact" : `numbers${within}`}`;
    case "matrix":
      return `a ${shape.rows}×${shape.cols} matrix${within}`;
    case "choice":
      return `one of: ${shape.options.join(" · ")}`;
  }
}

/** A calculation as a sample student (`seed`) sees it, for staff: the statement, what each part asks, and the reference answers. */
export function calculationPreview(calculation: Calculation, seed: number) {
  const references = referenceAnswers(calculation, seed);
  return {
    statement: calculationStatement(calculation, seed),
    signature: ["Answered with numbers, part by part:", ...calculation.parts.map((p, i) => `  Part ${i + 1} (${p.id}), ${p.points ?? 1} pt: ${describeShape(p.answer)}`)].join(
      "\n",
    ),
    visibleTests: calculation.parts.map((p, i) => {
      const reference = references[p.id]!;
      const expected = p.answer.kind === "choice" && typeof reference === "number" ? `${p.answer.options[reference]} (option ${reference + 1})` : formatValue(reference);
      return { name: `Part ${i + 1}: ${p.label}`, call: `reference answer (sample seed ${seed})`, expected };
    }),
  };
}
