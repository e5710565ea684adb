import "server-only";
import { loadItem } from "../access.ts";
import { database } from "../db.ts";
import { feedbackWithheld } from "../feedback.ts";
import { scoreSubmission } from "../policies.ts";
import { studentSet } from "../extensions/terms.ts";
import type { Viewer } from "../viewer.ts";
import { SubmissionStatusSchema } from "./view.ts";

export interface HistoryEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly status: "queued" | "running" | "graded";
  readonly verdict: string | null;
  readonly points: number | null;
  readonly maxPoints: number;
  readonly late: boolean;
}

/** The viewer's own submissions (Submit presses) for an item, newest first. */
export async function submissionHistory(viewer: Viewer, itemId: string): Promise<HistoryEntry[]> {
  const db = await database();
  const loaded = await loadItem(db, viewer, itemId);
  const { item } = loaded;
  // The viewer's own Submits, so the viewer's own due date for penalties and withheld feedback.
  const set = await studentSet(db, viewer.id, loaded.set);
  const rows = await db.submission.findMany({
    where: { userId: viewer.id, itemId, kind: "submit" },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      status: true,
      verdict: true,
      score: true,
      maxScore: true,
      late: true,
      overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } },
    },
    take: 200,
  });
  const withheld = feedbackWithheld(set);
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    status: SubmissionStatusSchema.parse(row.status),
    verdict: withheld ? null : row.verdict,
    points: row.status === "graded" && !withheld ? scoreSubmission({ ...row, overridePoints: row.overrides[0]?.points ?? null }, item.points, set).points : null,
    maxPoints: item.points,
    late: row.late,
  }));
}
