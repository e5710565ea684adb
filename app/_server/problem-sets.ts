import "server-only";
import { canSeeProblemSet, requireRole } from "./access.ts";
import { progressByItem, summarizeItem, type DashboardItem } from "./dashboard.ts";
import { database } from "./db.ts";
import { notFound } from "./errors.ts";
import type { Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

export interface ProblemSetOverview {
  readonly course: { readonly id: string; readonly code: string; readonly title: string };
  readonly set: { readonly id: string; readonly title: string; readonly description: string; readonly kind: string; readonly opensAt: string; readonly dueAt: string; readonly published: boolean };
  readonly role: Role;
  readonly items: readonly DashboardItem[];
}

export async function problemSetOverview(viewer: Viewer, setId: string, now = new Date()): Promise<ProblemSetOverview> {
  const db = await database();
  const set = await db.problemSet.findUnique({ where: { id: setId }, include: { course: true, items: { orderBy: { position: "asc" } } } });
  if (!set) throw notFound("This problem set");
  const role = await requireRole(db, viewer, set.courseId).catch(() => {
    throw notFound("This problem set");
  });
  if (!canSeeProblemSet(role, set, now)) throw notFound("This problem set");
  const progress = await progressByItem(viewer, set.items.map((i) => i.id));
  return {
    course: { id: set.course.id, code: set.course.code, title: set.course.title },
    set: { id: set.id, title: set.title, description: set.description, kind: set.kind, opensAt: set.opensAt.toISOString(), dueAt: set.dueAt.toISOString(), published: set.published },
    role,
    items: set.items.map((item) => summarizeItem(item, progress.get(item.id) ?? [])),
  };
}
