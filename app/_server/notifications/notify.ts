/**
 * Telling a user that something changed for them. Any server code that changes a student's
 * grade, feedback or terms calls `notify` (or `notifyMany`), preferably with the transaction
 * client of the change itself, so the notice exists exactly when the change does:
 *
 *   await db.$transaction(async (tx) => {
 *     ... the change ...
 *     await notify(tx, { userId, courseId, kind: "extension", title: "New due date for Week 3", body: "Due for you: ...", link: `/sets/${setId}` });
 *   });
 *
 * It writes a Notification row (listed under the bell in the header until read) and, when SMTP
 * is configured, an OutgoingEmail row that the grader host sends later: never a network call
 * here, so a slow or broken mail server cannot slow or fail the action that caused the notice.
 */
import "server-only";
import { z } from "zod";
import { env, smtpSettings } from "../../../config.ts";
import type { Database } from "../../../prisma/client.ts";

/** Every kind of notice, with the label the list shows. */
export const NOTIFICATION_KIND_LABELS = {
  comment: "Comment",
  score_override: "Score changed",
  regrade_result: "Regraded",
  regrade_request: "Regrade request",
  regrade_answered: "Regrade answer",
  extension: "Extension",
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KIND_LABELS;
export const NotificationKindSchema = z.enum(Object.keys(NOTIFICATION_KIND_LABELS) as [NotificationKind, ...NotificationKind[]]);

export interface NoticeInput {
  /** Who is told. */
  readonly userId: string;
  readonly courseId?: string | null;
  readonly kind: NotificationKind;
  /** One line: what changed ("New comment on Forward pass, line 4"). */
  readonly title: string;
  /** Details, plain text (a comment's text, "7 → 9 points"). */
  readonly body?: string;
  /** An app path to the exact place, starting with "/" (e.g. `/items/<id>?submission=<id>&line=4`). */
  readonly link: string;
}

/** The part of a database client (or a transaction's) that notify writes to. */
export type NotifyClient = Pick<Database, "notification" | "outgoingEmail" | "user">;

const MAX_TITLE = 200;
const MAX_BODY = 2000;

/** Records one notice for one user (and queues its email when SMTP is configured). */
export async function notify(db: NotifyClient, notice: NoticeInput): Promise<void> {
  await notifyMany(db, [notice]);
}

/** Records several notices at once (for example one per staff member of a course). */
export async function notifyMany(db: NotifyClient, notices: readonly NoticeInput[]): Promise<void> {
  if (notices.length === 0) return;
  for (const notice of notices) {
    if (!notice.link.startsWith("/") || notice.link.startsWith("//")) throw new Error(`A notification links inside the app; got "${notice.link}".`);
  }
  const rows = notices.map((notice) => ({
    userId: notice.userId,
    courseId: notice.courseId ?? null,
    kind: notice.kind,
    title: clip(notice.title, MAX_TITLE),
    body: clip(notice.body ?? "", MAX_BODY),
    link: notice.link,
  }));
  await db.notification.createMany({ data: rows });
  if (smtpSettings() === null) return;
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } }, select: { id: true, email: true } });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const base = env().PUBLIC_URL.replace(/\/$/, "");
  await db.outgoingEmail.createMany({
    data: rows
      .filter((row) => emails.has(row.userId))
      .map((row) => ({
        to: emails.get(row.userId)!,
        subject: `[Epoch] ${row.title}`,
        text: `${row.title}\n\n${row.body ? `${row.body}\n\n` : ""}Open it: ${base}${row.link}\n\nYou receive this because something changed for you in Epoch. Every notice is also listed in the app under the bell.\n`,
      })),
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
