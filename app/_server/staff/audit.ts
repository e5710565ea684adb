import "server-only";
import type { Database } from "../../../prisma/client.ts";
import type { Viewer } from "../viewer.ts";

export type AuditAction =
  | "set.create"
  | "set.update"
  | "set.items"
  | "set.duplicate"
  | "roster.add"
  | "roster.remove"
  | "roster.reset_link"
  | "submission.comment"
  | "submission.override"
  | "submission.reviewed"
  | "regrade.request"
  | "regrade.apply"
  | "regrade.discard"
  | "course.regrade_window"
  | "similarity.report"
  | "content.sync"
  | "extension.grant"
  | "extension.revoke"
  | "accommodation.set"
  | "accommodation.remove";

/** Records who did what; written in the same transaction as the change where there is one. */
export async function recordAudit(
  db: Pick<Database, "auditEvent">,
  viewer: Viewer,
  event: { courseId: string; action: AuditAction; targetType: string; targetId: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      courseId: event.courseId,
      actorId: viewer.id,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      details: JSON.stringify(event.details ?? {}),
    },
  });
}
