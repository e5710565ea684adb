import "server-only";
import { exerciseTitle } from "../../exercises/registry.ts";
import { canSeeProblemSet } from "./access.ts";
import { countedScore, type LatePolicy } from "./policies.ts";
import { feedbackWithheld } from "./feedback.ts";
import { submissionsByStudentAndItem, type StoredSubmission } from "./scores.ts";
import { database } from "./db.ts";
import { applyTerms, courseTerms } from "./extensions/terms.ts";
import { RoleSchema, type Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

export type ItemStatus = "not_started" | "pending" | "attempted" | "passed" | "submitted";

export interface DashboardItem {
  readonly id: string;
  readonly exerciseId: string;
  readonly title: string;
  readonly points: number;
  /** The points that count for the viewer (students); null before any graded submission or while feedback is withheld. */
  readonly bestPoints: number | null;
  readonly overridden: boolean;
  readonly penaltyPercent: number;
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

export type ItemProgressSource = readonly StoredSubmission[];

/** The viewer's Submit presses on these items, grouped by item. */
export async function progressByItem(viewer: Viewer, itemIds: readonly string[]): Promise<Map<string, StoredSubmission[]>> {
  const db = await database();
  const grouped = await submissionsByStudentAndItem(db, { userIds: [viewer.id], itemIds });
  return new Map([...grouped].map(([key, list]) => [key.slice(viewer.id.length + 1), list]));
}

/**
 * One item's progress for its student: the points that count (set policy, late penalty,
 * overrides), attempts, and a status. With feedback withheld, scores stay hidden.
 */
export function summarizeItem(
  item: { id: string; exerciseId: string; points: number },
  set: LatePolicy & { scorePolicy: string; feedback: string },
  mine: ItemProgressSource,
  now = new Date(),
): DashboardItem {
  const withheld = feedbackWithheld(set, now);
  const counted = withheld ? null : countedScore(mine, item.points, set);
  const graded = mine.filter((s) => s.status === "graded");
  const status: ItemStatus = mine.some((s) => s.status !== "graded")
    ? "pending"
    : withheld && mine.length > 0
      ? "submitted"
      : graded.some((s) => s.verdict === "passed")
        ? "passed"
        : mine.length > 0
          ? "attempted"
          : "not_started";
  return {
    id: item.id,
    exerciseId: item.exerciseId,
    title: exerciseTitle(item.exerciseId) ?? item.exerciseId,
    points: item.points,
    bestPoints: counted?.points ?? null,
    overridden: counted?.overridden ?? false,
    penaltyPercent: counted?.penaltyPercent ?? 0,
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
  const termsOf = await courseTerms(
    db,
    enrollments.map((e) => e.courseId),
    [viewer.id],
  );
  return enrollments.map(({ course, role: rawRole }) => {
    const role = RoleSchema.parse(rawRole);
    const sets = course.problemSets
      .filter((set) => canSeeProblemSet(role, set, now))
      // A student's own due dates: the late penalty and withheld feedback follow them.
      .map((shared) => (role === "student" ? applyTerms(shared, termsOf(viewer.id, shared)) : shared))
      .map((set) => {
        const items = set.items.map((item) => summarizeItem(item, set, progress.get(item.id) ?? [], now));
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
