import "server-only";
import { findExercise } from "../../exercises/registry.ts";
import { canSeeProblemSet } from "./access.ts";
import { database } from "./db.ts";
import { RoleSchema, type Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

export type ItemStatus = "not_started" | "pending" | "attempted" | "passed";

export interface DashboardItem {
  readonly id: string;
  readonly exerciseId: string;
  readonly title: string;
  readonly points: number;
  /** The viewer's best graded score on this item (students), null before any graded submission. */
  readonly bestPoints: number | null;
  readonly attempts: number;
  readonly status: ItemStatus;
}

export interface DashboardSet {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly opensAt: string;
  readonly dueAt: string;
  readonly published: boolean;
  readonly items: readonly DashboardItem[];
  readonly earned: number;
  readonly possible: number;
}

export interface DashboardCourse {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly term: string;
  readonly role: Role;
  readonly sets: readonly DashboardSet[];
}

type SubmissionSummary = { itemId: string; status: string; verdict: string | null; score: number | null; maxScore: number | null };

/** The viewer's Submit presses on these items, grouped by item. */
export async function progressByItem(viewer: Viewer, itemIds: readonly string[]): Promise<Map<string, SubmissionSummary[]>> {
  const db = await database();
  const submissions = await db.submission.findMany({
    where: { userId: viewer.id, kind: "submit", itemId: { in: [...itemIds] } },
    select: { itemId: true, status: true, verdict: true, score: true, maxScore: true },
  });
  return Map.groupBy(submissions, (s) => s.itemId);
}

/** One item's progress: best graded points, attempts, and a status. */
export function summarizeItem(item: { id: string; exerciseId: string; points: number }, mine: readonly SubmissionSummary[]): DashboardItem {
  const graded = mine.filter((s) => s.status === "graded");
  const best = graded.reduce<number | null>((acc, s) => {
    const points = s.maxScore ? (item.points * (s.score ?? 0)) / s.maxScore : 0;
    return acc === null ? points : Math.max(acc, points);
  }, null);
  const status: ItemStatus = graded.some((s) => s.verdict === "passed")
    ? "passed"
    : mine.some((s) => s.status !== "graded")
      ? "pending"
      : mine.length > 0
        ? "attempted"
        : "not_started";
  return {
    id: item.id,
    exerciseId: item.exerciseId,
    title: findExercise(item.exerciseId)?.title ?? item.exerciseId,
    points: item.points,
    bestPoints: best,
    attempts: mine.length,
    status,
  };
}

/** Everything on the viewer's home page: their courses, the sets they may see, and their progress. */
export async function dashboard(viewer: Viewer, now = new Date()): Promise<DashboardCourse[]> {
  const db = await database();
  const enrollments = await db.enrollment.findMany({
    where: { userId: viewer.id },
    include: { course: { include: { problemSets: { include: { items: { orderBy: { position: "asc" } } }, orderBy: [{ dueAt: "asc" }, { title: "asc" }] } } } },
    orderBy: { course: { code: "asc" } },
  });
  const itemIds = enrollments.flatMap((e) => e.course.problemSets.flatMap((s) => s.items.map((i) => i.id)));
  const progress = await progressByItem(viewer, itemIds);
  return enrollments.map(({ course, role: rawRole }) => {
    const role = RoleSchema.parse(rawRole);
    const sets = course.problemSets
      .filter((set) => canSeeProblemSet(role, set, now))
      .map((set) => {
        const items = set.items.map((item) => summarizeItem(item, progress.get(item.id) ?? []));
        return {
          id: set.id,
          title: set.title,
          kind: set.kind,
          opensAt: set.opensAt.toISOString(),
          dueAt: set.dueAt.toISOString(),
          published: set.published,
          items,
          earned: items.reduce((sum, i) => sum + (i.bestPoints ?? 0), 0),
          possible: items.reduce((sum, i) => sum + i.points, 0),
        };
      });
    return { id: course.id, code: course.code, title: course.title, term: course.term, role, sets };
  });
}
