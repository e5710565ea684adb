import "server-only";
import { type RawAnswers } from "../../exercises/calculation/answers.ts";
import { calculationStatement } from "../../exercises/calculation/bank.ts";
import { toleranceText, type AnswerShape } from "../../exercises/calculation/define.ts";
import { findCalculation } from "../../exercises/registry.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import { parseStoredAnswers } from "../../grader/engine/calculation.ts";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { itemPageCommon, type ItemPageCommon } from "./item-page.ts";
import type { Viewer } from "./viewer.ts";

export interface CalculationPart {
  readonly id: string;
  /** Markdown with $math$. */
  readonly label: string;
  readonly answer: AnswerShape;
  readonly points: number;
  /** "within ±(0.001 + 0.1% of the answer)"; null when compared exactly. */
  readonly tolerance: string | null;
}

/**
 * What a calculation's page shows: the statement with the viewer's own values (from their seed,
 * as for a code exercise's variant), the parts to answer, their last answers, and the set's
 * rules. The reference answers never leave the server.
 */
export interface CalculationPage extends ItemPageCommon {
  readonly calculation: { readonly id: string; readonly title: string; readonly difficulty: string; readonly topics: readonly string[]; readonly statement: string };
  readonly parts: readonly CalculationPart[];
  /** The answers of the viewer's latest submission, to start the form from; null before the first. */
  readonly lastAnswers: RawAnswers | null;
}

/** The page of a calculation item, or null when the item is a code exercise (its page is exercise-page.ts). */
export async function calculationPage(viewer: Viewer, itemId: string, now = new Date()): Promise<CalculationPage | null> {
  const db = await database();
  const loaded = await loadItem(db, viewer, itemId);
  const { item } = loaded;
  const calculation = findCalculation(item.exerciseId);
  if (!calculation) return null;
  const [{ common }, latest] = await Promise.all([
    itemPageCommon(db, viewer, loaded, now),
    db.submission.findFirst({ where: { userId: viewer.id, itemId: item.id, kind: "submit" }, orderBy: { createdAt: "desc" }, select: { code: true } }),
  ]);
  return {
    ...common,
    calculation: {
      id: calculation.id,
      title: calculation.title,
      difficulty: calculation.difficulty,
      topics: calculation.topics,
      statement: calculationStatement(calculation, variantSeed(viewer.id, item.id)),
    },
    parts: calculation.parts.map((part) => ({ id: part.id, label: part.label, answer: part.answer, points: part.points ?? 1, tolerance: toleranceText(part.answer) })),
    lastAnswers: latest ? parseStoredAnswers(latest.code) : null,
  };
}
