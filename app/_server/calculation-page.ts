import "server-only";
import { pageSet } from "./page-set.ts";
import { type RawAnswers } from "../../exercises/calculation/answers.ts";
import { calculationStatement } from "../../exercises/calculation/bank.ts";
import { toleranceText, type AnswerShape } from "../../exercises/calculation/define.ts";
import { findCalculation } from "../../exercises/registry.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import { parseStoredAnswers } from "../../grader/engine/calculation.ts";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { examState, type ExamState } from "./exams.ts";
import { studentSet, termsNotice, type TermsNotice } from "./extensions/terms.ts";
import { feedbackWithheld } from "./feedback.ts";
import { countedScore, type CountedScore } from "./policies.ts";
import { isStaff, type Role } from "./roles.ts";
import { submissionsByStudentAndItem } from "./scores.ts";
import { submissionHistory, type HistoryEntry } from "./submissions.ts";
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
export interface CalculationPage {
  readonly course: { readonly id: string; readonly code: string; readonly title: string };
  readonly set: {
    readonly id: string;
    readonly title: string;
    readonly dueAt: string;
    readonly kind: string;
    readonly scorePolicy: string;
    readonly maxAttempts: number | null;
    readonly lateWork: string;
    readonly latePenaltyPerDay: number;
    readonly latePenaltyCap: number;
    readonly feedback: string;
  };
  readonly item: { readonly id: string; readonly points: number };
  readonly neighbours: { readonly previous: string | null; readonly next: string | null };
  readonly role: Role;
  readonly calculation: { readonly id: string; readonly title: string; readonly difficulty: string; readonly topics: readonly string[]; readonly statement: string };
  readonly parts: readonly CalculationPart[];
  /** The answers of the viewer's latest submission, to start the form from; null before the first. */
  readonly lastAnswers: RawAnswers | null;
  readonly history: readonly HistoryEntry[];
  readonly pastDue: boolean;
  readonly exam: ExamState;
  /** The student's own terms where an extension or accommodation changed the set's; null otherwise. */
  readonly yourTerms: TermsNotice | null;
  readonly counted: CountedScore | null;
  readonly attemptsUsed: number;
  readonly comments: readonly { readonly submissionId: string; readonly authorName: string; readonly body: string; readonly line: number | null; readonly createdAt: string }[];
}

/** The page of a calculation item, or null when the item is a code exercise (its page is exercise-page.ts). */
export async function calculationPage(viewer: Viewer, itemId: string, now = new Date()): Promise<CalculationPage | null> {
  const db = await database();
  const loaded = await loadItem(db, viewer, itemId);
  const { item, course, role } = loaded;
  // Students see and are held to their own terms (a later due date, extra attempts, exam time).
  const set = isStaff(role) ? { ...loaded.set, terms: null } : await studentSet(db, viewer.id, loaded.set);
  const calculation = findCalculation(item.exerciseId);
  if (!calculation) return null;
  const siblings = await db.problemSetItem.findMany({ where: { problemSetId: set.id }, orderBy: { position: "asc" }, select: { id: true } });
  const index = siblings.findIndex((s) => s.id === item.id);
  const [history, exam, mine, comments, latest] = await Promise.all([
    submissionHistory(viewer, item.id),
    examState(db, viewer, set, now),
    submissionsByStudentAndItem(db, { userIds: [viewer.id], itemIds: [item.id] }),
    db.comment.findMany({
      where: { submission: { userId: viewer.id, itemId: item.id } },
      orderBy: { createdAt: "desc" },
      include: { author: { select: { name: true } } },
    }),
    db.submission.findFirst({ where: { userId: viewer.id, itemId: item.id, kind: "submit" }, orderBy: { createdAt: "desc" }, select: { code: true } }),
  ]);
  const submissions = mine.get(`${viewer.id}:${item.id}`) ?? [];
  return {
    course: { id: course.id, code: course.code, title: course.title },
    set: pageSet(set),
    item: { id: item.id, points: item.points },
    neighbours: { previous: siblings[index - 1]?.id ?? null, next: siblings[index + 1]?.id ?? null },
    role,
    calculation: {
      id: calculation.id,
      title: calculation.title,
      difficulty: calculation.difficulty,
      topics: calculation.topics,
      statement: calculationStatement(calculation, variantSeed(viewer.id, item.id)),
    },
    parts: calculation.parts.map((part) => ({ id: part.id, label: part.label, answer: part.answer, points: part.points ?? 1, tolerance: toleranceText(part.answer) })),
    lastAnswers: latest ? parseStoredAnswers(latest.code) : null,
    history,
    pastDue: now > set.dueAt,
    exam,
    yourTerms: set.terms ? termsNotice(loaded.set, set.terms) : null,
    counted: isStaff(role) || feedbackWithheld(set, now) ? null : countedScore(submissions, item.points, set),
    attemptsUsed: submissions.length,
    comments: comments.map((c) => ({ submissionId: c.submissionId, authorName: c.author.name, body: c.body, line: c.line, createdAt: c.createdAt.toISOString() })),
  };
}
