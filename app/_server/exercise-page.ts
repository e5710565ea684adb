import "server-only";
import { pageSet } from "./page-set.ts";
import { exerciseFiles, findExercise } from "../../exercises/registry.ts";
import { caseTexts, prepareCases } from "../../grader/engine/cases.ts";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { readDrafts, type DraftView } from "./drafts.ts";
import { notFound } from "./errors.ts";
import { examState, type ExamState } from "./exams.ts";
import { studentSet, termsNotice, type TermsNotice } from "./extensions/terms.ts";
import { feedbackWithheld } from "./feedback.ts";
import { countedScore, type CountedScore, allowedLanguages } from "./policies.ts";
import { isStaff, type Role } from "./roles.ts";
import { submissionsByStudentAndItem } from "./scores.ts";
import { submissionHistory, type HistoryEntry } from "./submissions.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import type { Viewer } from "./viewer.ts";
import { DEFAULT_LANGUAGE, type Language } from "../../exercises/spec/languages.ts";
import { pythonNames } from "../../exercises/spec/statement-code.ts";

export interface VisibleExample {
  readonly name: string;
  /** The call and the expected value as TypeScript and JavaScript read them. */
  readonly call: string;
  readonly expected: string;
  /** The same in Python (snake_case names, `True`, `None`). */
  readonly python: { readonly call: string; readonly expected: string };
}

/**
 * What the exercise page shows. Built only from what a student may see: the statement with
 * their variant filled in, the starter and the signature in every language, and the visible tests
 * of their variant.
 * Hidden tests, the reference and the solutions never leave the server.
 */
export interface ExercisePage {
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
    /** The languages this set accepts solutions in (the toolbar offers only these). */
    readonly languages: readonly Language[];
  };
  /** The language the page opens in: that of the most recent draft in an accepted language, else the first accepted. */
  readonly initialLanguage: Language;
  readonly item: { readonly id: string; readonly points: number; readonly position: number };
  readonly neighbours: { readonly previous: string | null; readonly next: string | null };
  readonly role: Role;
  readonly exercise: {
    readonly id: string;
    readonly title: string;
    readonly entry: string;
    readonly difficulty: string;
    readonly topics: readonly string[];
    readonly statement: string;
    /** Names inline code in the statement spells differently in Python (`kmeansStep` → `kmeans_step`). */
    readonly pythonNames: Readonly<Record<string, string>>;
    readonly starters: Readonly<Record<Language, string>>;
    readonly signatures: Readonly<Record<Language, string>>;
    readonly hiddenTests: number;
  };
  readonly examples: readonly VisibleExample[];
  /** The viewer's drafts, one per language they wrote in, most recently saved first. */
  readonly drafts: readonly DraftView[];
  readonly history: readonly HistoryEntry[];
  readonly pastDue: boolean;
  readonly exam: ExamState;
  /** The student's own terms where an extension or accommodation changed the set's; null otherwise. */
  readonly yourTerms: TermsNotice | null;
  /** The score that counts for this item (set policy, late penalty, overrides), when it may be shown. */
  readonly counted: CountedScore | null;
  readonly attemptsUsed: number;
  /** Staff comments on the viewer's submissions for this item, newest first. */
  readonly comments: readonly { readonly submissionId: string; readonly authorName: string; readonly body: string; readonly line: number | null; readonly createdAt: string }[];
}

export async function exercisePage(viewer: Viewer, itemId: string, now = new Date()): Promise<ExercisePage> {
  const db = await database();
  const loaded = await loadItem(db, viewer, itemId);
  const { item, course, role } = loaded;
  // Students see and are held to their own terms (a later due date, extra attempts, exam time).
  const set = isStaff(role) ? { ...loaded.set, terms: null } : await studentSet(db, viewer.id, loaded.set);
  const exercise = findExercise(item.exerciseId);
  if (!exercise) throw notFound("This exercise");
  const files = exerciseFiles(exercise.id);
  const cases = prepareCases(exercise, variantSeed(viewer.id, item.id));
  const statement = files.statement.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in cases.variant ? String(cases.variant[name]) : whole));
  const siblings = await db.problemSetItem.findMany({ where: { problemSetId: set.id }, orderBy: { position: "asc" }, select: { id: true } });
  const index = siblings.findIndex((s) => s.id === item.id);
  const [drafts, history, exam, mine, comments] = await Promise.all([
    readDrafts(viewer, item.id),
    submissionHistory(viewer, item.id),
    examState(db, viewer, set, now),
    submissionsByStudentAndItem(db, { userIds: [viewer.id], itemIds: [item.id] }),
    db.comment.findMany({
      where: { submission: { userId: viewer.id, itemId: item.id } },
      orderBy: { createdAt: "desc" },
      include: { author: { select: { name: true } } },
    }),
  ]);
  const submissions = mine.get(`${viewer.id}:${item.id}`) ?? [];
  const languages = allowedLanguages(set);
  return {
    course: { id: course.id, code: course.code, title: course.title },
    set: { ...pageSet(set), languages },
    initialLanguage: drafts.find((d) => languages.includes(d.language))?.language ?? (languages.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : languages[0]!),
    item: { id: item.id, points: item.points, position: item.position },
    neighbours: { previous: siblings[index - 1]?.id ?? null, next: siblings[index + 1]?.id ?? null },
    role,
    exercise: {
      id: exercise.id,
      title: exercise.title,
      entry: exercise.entry,
      difficulty: exercise.difficulty,
      topics: exercise.topics,
      statement,
      pythonNames: pythonNames(exercise.entry, exercise.params),
      starters: files.starters,
      signatures: files.signatures,
      hiddenTests: cases.hidden.length,
    },
    examples: cases.visible.map((c) => {
      const python = caseTexts(c, exercise, "python");
      return { name: c.name, call: c.inputText, expected: c.expectedText, python: { call: python.input, expected: python.expected } };
    }),
    drafts,
    history,
    pastDue: now > set.dueAt,
    exam,
    yourTerms: set.terms ? termsNotice(loaded.set, set.terms) : null,
    counted: isStaff(role) || feedbackWithheld(set, now) ? null : countedScore(submissions, item.points, set),
    attemptsUsed: submissions.length,
    comments: comments.map((c) => ({ submissionId: c.submissionId, authorName: c.author.name, body: c.body, line: c.line, createdAt: c.createdAt.toISOString() })),
  };
}
