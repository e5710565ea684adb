import "server-only";
import type { Database } from "../../../prisma/client.ts";
import { notifyMany, type NoticeInput } from "../notifications/notify.ts";

/** The database inside an interactive transaction (what `db.$transaction(async (tx) => …)` passes). */
export type Transaction = Omit<Database, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** One change to one student's terms, as saved (an extension or a course-wide accommodation). */
export type TermsChange =
  | {
      readonly kind: "extension.grant" | "extension.revoke";
      readonly courseId: string;
      readonly userId: string;
      readonly problemSetId: string;
      readonly setTitle: string;
      /** The student's terms on the set after the change (the set's own after a revoke). */
      readonly dueAt: string;
      readonly maxAttempts: number | null;
      readonly timeLimitMinutes: number | null;
      readonly actorId: string;
    }
  | {
      readonly kind: "accommodation.set" | "accommodation.remove";
      readonly courseId: string;
      readonly userId: string;
      /** null after a removal. */
      readonly timeMultiplier: number | null;
      readonly actorId: string;
    };

/**
 * Called once for every saved change to a student's terms, inside the transaction that saved it
 * (after the change and its audit record), so whatever tells the student about it (a
 * notification row, say) commits or rolls back with the change itself. It must not call out to
 * the network from here: an email is sent after the commit, from what it writes. The student
 * gets a notification (and, with SMTP configured, an email) saying the terms that now hold.
 */
export async function afterTermsChanged(tx: Transaction, changes: readonly TermsChange[]): Promise<void> {
  await notifyMany(tx, changes.map(noticeOf));
}

/** A time as every reader sees it, whatever their time zone: the page shows it in theirs. */
function utc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** What the student is told: their terms as they hold now, with a link to where they apply. */
function noticeOf(change: TermsChange): NoticeInput {
  if ("timeMultiplier" in change) {
    return {
      userId: change.userId,
      courseId: change.courseId,
      kind: "extension",
      title: change.timeMultiplier === null ? "Your exam-time accommodation was removed" : `Your exam time is now ${change.timeMultiplier}× on every timed set`,
      body: "Each timed set's page shows your own exam time.",
      link: "/",
    };
  }
  const terms = [
    `Due for you: ${utc(change.dueAt)}.`,
    change.maxAttempts === null ? null : `Attempts: ${change.maxAttempts} per exercise.`,
    change.timeLimitMinutes === null ? null : `Exam time: ${change.timeLimitMinutes} min.`,
  ].filter((line) => line !== null);
  return {
    userId: change.userId,
    courseId: change.courseId,
    kind: "extension",
    title: change.kind === "extension.grant" ? `Your own terms on ${change.setTitle}` : `Your extension on ${change.setTitle} was removed`,
    body: terms.join(" "),
    link: `/sets/${change.problemSetId}`,
  };
}
