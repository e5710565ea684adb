import "server-only";
import { canSeeProblemSet, requireRole, refusedAs } from "./access.ts";
import { examState, type ExamState } from "./exams.ts";
import { studentSet, termsNotice, type TermsNotice } from "./extensions/terms.ts";
import { isStaff } from "./roles.ts";
import { feedbackWithheld } from "./feedback.ts";
import { progressByItem, summarizeItem, type DashboardItem } from "./dashboard.ts";
import { database } from "./db.ts";
import { notFound } from "./errors.ts";
import { allowedLanguages } from "./policies.ts";
import type { Language } from "../../exercises/spec/languages.ts";
import type { Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

export interface ProblemSetOverview {
  readonly course: { readonly id: string; readonly code: string; readonly title: string };
  readonly set: {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly kind: string;
    readonly opensAt: string;
    readonly dueAt: string;
    readonly published: boolean;
    readonly scorePolicy: string;
    readonly maxAttempts: number | null;
    readonly lateWork: string;
    readonly latePenaltyPerDay: number;
    readonly latePenaltyCap: number;
    readonly timeLimitMinutes: number | null;
    readonly feedback: string;
    /** The languages solutions may be written in (every language unless the set chose some). */
    readonly languages: readonly Language[];
  };
  readonly role: Role;
  readonly items: readonly DashboardItem[];
  readonly exam: ExamState;
  /** The student's own terms where an extension or accommodation changed the set's; null otherwise. */
  readonly yourTerms: TermsNotice | null;
  /** True while the set's feedback policy hides scores from students. */
  readonly scoresWithheld: boolean;
}

export async function problemSetOverview(viewer: Viewer, setId: string, now = new Date()): Promise<ProblemSetOverview> {
  const db = await database();
  const found = await db.problemSet.findUnique({ where: { id: setId }, include: { course: true, items: { orderBy: { position: "asc" } } } });
  if (!found) throw notFound("This problem set");
  const role = await refusedAs("This problem set", requireRole(db, viewer, found.courseId));
  if (!canSeeProblemSet(role, found, now)) throw notFound("This problem set");
  // Students see and are held to their own terms (a later due date, extra attempts, exam time).
  const set = isStaff(role) ? { ...found, terms: null } : await studentSet(db, viewer.id, found);
  const progress = await progressByItem(
    viewer,
    set.items.map((i) => i.id),
  );
  const { course, items, createdAt: _created, updatedAt: _updated, courseId: _courseId, terms, ...fields } = set;
  return {
    course: { id: course.id, code: course.code, title: course.title },
    set: { ...fields, languages: allowedLanguages(set), opensAt: set.opensAt.toISOString(), dueAt: set.dueAt.toISOString() },
    role,
    items: items.map((item) => summarizeItem(item, set, progress.get(item.id) ?? [], now)),
    exam: await examState(db, viewer, set, now),
    yourTerms: terms ? termsNotice(found, terms) : null,
    scoresWithheld: feedbackWithheld(set, now),
  };
}
