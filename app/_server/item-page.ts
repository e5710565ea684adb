import "server-only";
import type { Database } from "../../prisma/client.ts";
import type { CourseRow, ItemRow, SetRow } from "./access.ts";
import { examState, type ExamState } from "./exams.ts";
import { studentSet, termsNotice, type TermsNotice } from "./extensions/terms.ts";
import { feedbackWithheld } from "./feedback.ts";
import { countedScore, type CountedScore } from "./policies.ts";
import { isStaff, type Role } from "./roles.ts";
import { submissionsByStudentAndItem } from "./scores.ts";
import { submissionHistory, type HistoryEntry } from "./submissions.ts";
import type { Viewer } from "./viewer.ts";

/** The set's rules as an item's page shows them (with the student's own terms applied). */
export interface PageSet {
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
}

/** What every item's page shows, a code exercise's or a calculation's. */
export interface ItemPageCommon {
  readonly course: { readonly id: string; readonly code: string; readonly title: string };
  readonly set: PageSet;
  readonly item: { readonly id: string; readonly points: number };
  readonly neighbours: { readonly previous: string | null; readonly next: string | null };
  readonly role: Role;
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

/**
 * The part of an item's page that does not depend on what the item is, and the set with the
 * viewer's terms: students see and are held to their own (a later due date, extra attempts,
 * exam time).
 */
export async function itemPageCommon(
  db: Database,
  viewer: Viewer,
  loaded: { readonly item: ItemRow; readonly set: SetRow; readonly course: CourseRow; readonly role: Role },
  now: Date,
) {
  const { item, course, role } = loaded;
  const set = isStaff(role) ? { ...loaded.set, terms: null } : await studentSet(db, viewer.id, loaded.set);
  const [siblings, history, exam, mine, comments] = await Promise.all([
    db.problemSetItem.findMany({ where: { problemSetId: set.id }, orderBy: { position: "asc" }, select: { id: true } }),
    submissionHistory(viewer, item.id),
    examState(db, viewer, set, now),
    submissionsByStudentAndItem(db, { userIds: [viewer.id], itemIds: [item.id] }),
    db.comment.findMany({
      where: { submission: { userId: viewer.id, itemId: item.id } },
      orderBy: { createdAt: "desc" },
      include: { author: { select: { name: true } } },
    }),
  ]);
  const index = siblings.findIndex((s) => s.id === item.id);
  const submissions = mine.get(`${viewer.id}:${item.id}`) ?? [];
  const common: ItemPageCommon = {
    course: { id: course.id, code: course.code, title: course.title },
    set: {
      id: set.id,
      title: set.title,
      dueAt: set.dueAt.toISOString(),
      kind: set.kind,
      scorePolicy: set.scorePolicy,
      maxAttempts: set.maxAttempts,
      lateWork: set.lateWork,
      latePenaltyPerDay: set.latePenaltyPerDay,
      latePenaltyCap: set.latePenaltyCap,
      feedback: set.feedback,
    },
    item: { id: item.id, points: item.points },
    neighbours: { previous: siblings[index - 1]?.id ?? null, next: siblings[index + 1]?.id ?? null },
    role,
    history,
    pastDue: now > set.dueAt,
    exam,
    yourTerms: set.terms ? termsNotice(loaded.set, set.terms) : null,
    counted: isStaff(role) || feedbackWithheld(set, now) ? null : countedScore(submissions, item.points, set),
    attemptsUsed: submissions.length,
    comments: comments.map((c) => ({ submissionId: c.submissionId, authorName: c.author.name, body: c.body, line: c.line, createdAt: c.createdAt.toISOString() })),
  };
  return { common, set };
}
