import "server-only";
import { env } from "../../../config.ts";
import type { ContentProblem } from "../../../exercises/content/load.ts";
import { syncContent, versionNotes, type SyncReport, type VersionNote } from "../../../prisma/content.ts";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import { badRequest, forbidden } from "../errors.ts";
import { STAFF_ROLES } from "../roles.ts";
import type { Viewer } from "../viewer.ts";
import { recordAudit } from "./audit.ts";

export interface ContentSyncView extends SyncReport {
  readonly folders: readonly string[];
}

/** Whether this deployment names content folders (the bank page offers "Sync content" then). */
export function contentFolders(): readonly string[] {
  return env().EPOCH_CONTENT_DIRS;
}

/**
 * Instructors: validates the deployment's content folders and serves what passes, at once in
 * this process and within a second in every other (prisma/content.ts). The folders come from the
 * configuration, never from the request.
 */
export async function syncCourseContent(viewer: Viewer, courseId: string): Promise<ContentSyncView> {
  const db = await database();
  const role = await requireRole(db, viewer, courseId, STAFF_ROLES);
  if (role !== "instructor") throw forbidden("Only the course's instructors can sync course content.");
  const folders = contentFolders();
  if (folders.length === 0) throw badRequest("This deployment names no content folder: set EPOCH_CONTENT_DIRS (absolute paths separated by ':') and restart, then sync.");
  const report = await syncContent(db, folders);
  await recordAudit(db, viewer, {
    courseId,
    action: "content.sync",
    targetType: "content",
    targetId: folders.join(":").slice(0, 200),
    details: {
      added: report.added.map((a) => a.id),
      updated: report.updated.map((u) => u.id),
      broken: report.broken.map((b) => b.id),
      refused: report.refused.map((r) => r.id),
      removed: report.removed,
    },
  });
  return { folders, ...report };
}

/** Staff: for the course's content exercises among `exerciseIds`, whether submissions were graded with an older version, and what changed. */
export async function courseVersionNotes(viewer: Viewer, courseId: string, exerciseIds: readonly string[]): Promise<VersionNote[]> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const items = await db.problemSetItem.findMany({ where: { problemSet: { courseId }, exerciseId: { in: [...exerciseIds] } }, select: { id: true } });
  const notes = await versionNotes(
    db,
    exerciseIds,
    items.map((item) => item.id),
  );
  return [...notes.values()];
}

/** Staff: content exercises whose newest files failed the last sync (by the bank page or the command), each still serving its last good version. */
export async function brokenContent(viewer: Viewer, courseId: string): Promise<{ id: string; serving: string; problems: ContentProblem[] }[]> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const rows = await db.contentExercise.findMany({ where: { problems: { not: null } }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ id: row.id, serving: row.versionHash, problems: JSON.parse(row.problems!) as ContentProblem[] }));
}
