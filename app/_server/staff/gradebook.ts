import "server-only";
import { exerciseTitle } from "../../../exercises/registry.ts";
import { requireRole } from "../access.ts";
import { csvRows, type CsvValue } from "../../../grader/engine/csv.ts";
import { database } from "../db.ts";
import { countedScore, roundPoints, type CountedScore } from "../policies.ts";
import { submissionsByStudentAndItem } from "../scores.ts";
import { applyTerms, courseTerms } from "../extensions/terms.ts";
import type { Viewer } from "../viewer.ts";
import { STAFF_ROLES } from "../roles.ts";

export interface GradebookItem {
  readonly id: string;
  readonly exerciseId: string;
  readonly title: string;
  readonly points: number;
}

export interface GradebookSet {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly published: boolean;
  readonly dueAt: string;
  readonly scorePolicy: string;
  readonly items: readonly GradebookItem[];
  readonly possible: number;
  /** Whether the set's total is part of the course total (see setCountsInTotal). */
  readonly inTotal: boolean;
  /** Why it is left out, or its weight when not 1, for the header; null for a plain counted set. */
  readonly totalNote: string | null;
  /** Multiplies the set's points in the course total. */
  readonly weight: number;
}

/**
 * Whether a set counts toward the course total. Its own setting decides when it says "yes" or
 * "no"; by default ("auto") a set counts once students can work on it for a grade: published,
 * open, and weekly work (exam practice is practice).
 */
export function setCountsInTotal(
  set: { readonly inTotal: string; readonly published: boolean; readonly opensAt: Date; readonly kind: string },
  now = new Date(),
): { counts: boolean; reason: string | null } {
  if (set.inTotal === "yes") return { counts: true, reason: null };
  if (set.inTotal === "no") return { counts: false, reason: "excluded from the total" };
  if (!set.published) return { counts: false, reason: "unpublished: not in the total" };
  if (set.opensAt > now) return { counts: false, reason: "not open yet: not in the total" };
  if (set.kind === "exam_practice") return { counts: false, reason: "exam practice: not in the total" };
  return { counts: true, reason: null };
}

export interface GradebookCell {
  /** The score that counts, or null when nothing is graded yet. */
  readonly counted: CountedScore | null;
  readonly attempts: number;
  /** True when the student's terms on this set differ from the set's (an extension or accommodation). */
  readonly adjusted?: boolean;
}

export interface GradebookRow {
  readonly student: { readonly id: string; readonly name: string; readonly email: string };
  readonly cells: Readonly<Record<string, GradebookCell>>;
  readonly setTotals: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface Gradebook {
  readonly course: { readonly id: string; readonly code: string; readonly title: string; readonly term: string };
  readonly sets: readonly GradebookSet[];
  readonly rows: readonly GradebookRow[];
  /** Points possible in the course total: the counted sets' points, each times its weight. */
  readonly possible: number;
}

/**
 * Students × items with the score that counts: the set's best-or-last policy, its late penalty,
 * and manual overrides. The pages and the CSV export both read this.
 */
export async function courseGradebook(viewer: Viewer, courseId: string): Promise<Gradebook> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    include: {
      problemSets: { orderBy: [{ dueAt: "asc" }, { id: "asc" }], include: { items: { orderBy: { position: "asc" } } } },
      enrollments: { where: { role: "student" }, include: { user: { select: { id: true, name: true, email: true } } } },
    },
  });
  const students = course.enrollments.map((e) => e.user).sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
  const itemIds = course.problemSets.flatMap((s) => s.items.map((i) => i.id));
  const submissions = await submissionsByStudentAndItem(db, { studentsOf: courseId, itemIds });
  const termsOf = await courseTerms(db, [courseId]);

  const now = new Date();
  const sets: GradebookSet[] = course.problemSets.map((set) => {
    const { counts, reason } = setCountsInTotal(set, now);
    return {
      id: set.id,
      title: set.title,
      kind: set.kind,
      published: set.published,
      dueAt: set.dueAt.toISOString(),
      scorePolicy: set.scorePolicy,
      items: set.items.map((item) => ({ id: item.id, exerciseId: item.exerciseId, title: exerciseTitle(item.exerciseId) ?? item.exerciseId, points: item.points })),
      possible: roundPoints(set.items.reduce((sum, i) => sum + i.points, 0)),
      inTotal: counts,
      totalNote: reason ?? (set.totalWeight !== 1 ? `counts ×${set.totalWeight}` : null),
      weight: set.totalWeight,
    };
  });
  const countedSets = sets.filter((set) => set.inTotal);

  const rows = students.map((student): GradebookRow => {
    const cells: Record<string, GradebookCell> = {};
    const setTotals: Record<string, number> = {};
    for (const shared of course.problemSets) {
      // The student's own due date counts for their late penalty.
      const terms = termsOf(student.id, shared);
      const set = applyTerms(shared, terms);
      const adjusted = terms.adjusted.dueAt || terms.adjusted.attempts || terms.adjusted.time !== null;
      let setTotal = 0;
      for (const item of set.items) {
        const mine = submissions.get(`${student.id}:${item.id}`) ?? [];
        const counted = countedScore(mine, item.points, set);
        cells[item.id] = { counted, attempts: mine.length, ...(adjusted ? { adjusted } : {}) };
        setTotal += counted?.points ?? 0;
      }
      setTotals[set.id] = roundPoints(setTotal);
    }
    return { student, cells, setTotals, total: roundPoints(countedSets.reduce((sum, set) => sum + (setTotals[set.id] ?? 0) * set.weight, 0)) };
  });
  return {
    course: { id: course.id, code: course.code, title: course.title, term: course.term },
    sets,
    rows,
    possible: roundPoints(countedSets.reduce((sum, s) => sum + s.possible * s.weight, 0)),
  };
}

/**
 * Stable columns: student_id, email, name; then per set (by due date) one column per exercise
 * "<set> | <exercise> [<points>]" and "<set> | total [<possible>]" (followed by "(not in total)"
 * or "(×<weight>)" when the set is left out of the course total or weighted); then
 * "total [<possible>]", the course total over the counted sets, each times its weight.
 * An empty cell means nothing graded yet; scores are the ones that count, as on the page.
 * Names and titles are neutralised against spreadsheet formulas (see csvCell).
 */
export function gradebookCsv(gradebook: Gradebook): string {
  const header = ["student_id", "email", "name"];
  for (const set of gradebook.sets) {
    for (const item of set.items) header.push(`${set.title} | ${item.title} [${item.points}]`);
    header.push(`${set.title} | total [${set.possible}]${set.inTotal ? (set.weight !== 1 ? ` (×${set.weight})` : "") : " (not in total)"}`);
  }
  header.push(`total [${gradebook.possible}]`);
  const lines: CsvValue[][] = [header];
  for (const row of gradebook.rows) {
    const cells: CsvValue[] = [row.student.id, row.student.email, row.student.name];
    for (const set of gradebook.sets) {
      for (const item of set.items) cells.push(row.cells[item.id]?.counted?.points ?? null);
      cells.push(row.setTotals[set.id] ?? 0);
    }
    cells.push(row.total);
    lines.push(cells);
  }
  return csvRows(lines);
}
