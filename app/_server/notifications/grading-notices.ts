/** The notices a student gets when staff comment on, override or regrade their submissions. */
import "server-only";
import type { Database } from "../../../prisma/client.ts";
import { exerciseTitle } from "../../../exercises/registry.ts";
import { feedbackWithheld } from "../feedback.ts";
import { roundPoints } from "../policies.ts";
import type { Viewer } from "../viewer.ts";
import { submissionLink } from "./links.ts";
import { notifyMany, type NotifyClient } from "./notify.ts";

interface SubmissionContext {
  readonly id: string;
  readonly userId: string;
  readonly itemId: string;
  readonly exerciseId: string;
}

const titleOf = (exerciseId: string) => exerciseTitle(exerciseId) ?? exerciseId;

/** A staff comment: linked to its line in the student's submission. Staff commenting on their own tries are not told. */
export async function noticeOfComment(db: NotifyClient, author: Viewer, submission: SubmissionContext, comment: { body: string; line: number | null }): Promise<void> {
  if (submission.userId === author.id) return;
  await notifyMany(db, [
    {
      userId: submission.userId,
      kind: "comment",
      title: `${author.name} commented on ${titleOf(submission.exerciseId)}${comment.line ? `, line ${comment.line}` : ""}`,
      body: comment.body,
      link: submissionLink(submission.itemId, submission.id, comment.line),
    },
  ]);
}

/** A manual score. */
export async function noticeOfOverride(db: NotifyClient, author: Viewer, submission: SubmissionContext, override: { points: number; reason: string }): Promise<void> {
  if (submission.userId === author.id) return;
  await notifyMany(db, [
    {
      userId: submission.userId,
      kind: "score_override",
      title: `${author.name} set your score for ${titleOf(submission.exerciseId)} to ${roundPoints(override.points)} points`,
      body: override.reason,
      link: submissionLink(submission.itemId, submission.id),
    },
  ]);
}

export interface RegradedEntry {
  readonly submissionId: string;
  readonly oldScore: number | null;
  readonly oldMaxScore: number | null;
  readonly newScore: number | null;
  readonly newMaxScore: number | null;
}

/**
 * An applied regrade: each student whose autograded points changed is told from what to what
 * (unless the set still withholds results).
 */
export async function noticesOfRegrade(db: NotifyClient & Pick<Database, "submission">, courseId: string, entries: readonly RegradedEntry[]): Promise<void> {
  const fraction = (score: number | null, max: number | null) => (max ? (score ?? 0) / max : 0);
  const changed = entries.filter((e) => fraction(e.oldScore, e.oldMaxScore) !== fraction(e.newScore, e.newMaxScore));
  if (changed.length === 0) return;
  const submissions = new Map(
    (
      await db.submission.findMany({
        where: { id: { in: changed.map((e) => e.submissionId) } },
        select: { id: true, userId: true, itemId: true, exerciseId: true, item: { select: { points: true, problemSet: { select: { feedback: true, dueAt: true } } } } },
      })
    ).map((s) => [s.id, s]),
  );
  await notifyMany(
    db,
    changed.flatMap((entry) => {
      const submission = submissions.get(entry.submissionId);
      // A set that shows results only after it closes keeps a regrade's result back too.
      if (!submission || feedbackWithheld(submission.item.problemSet)) return [];
      const points = (f: number) => roundPoints(submission.item.points * f);
      const from = points(fraction(entry.oldScore, entry.oldMaxScore));
      const to = points(fraction(entry.newScore, entry.newMaxScore));
      return [
        {
          userId: submission.userId,
          courseId,
          kind: "regrade_result" as const,
          title: `${titleOf(submission.exerciseId)} was regraded: ${from} → ${to} points before any late penalty or override`,
          body: "Staff graded your submission again (for example after a fix to the tests); the new result is on the exercise page.",
          link: submissionLink(submission.itemId, submission.id),
        },
      ];
    }),
  );
}
