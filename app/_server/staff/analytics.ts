import "server-only";
import { exerciseTitle, findCalculation } from "../../../exercises/registry.ts";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import { notFound } from "../errors.ts";
import { countedScore } from "../policies.ts";
import { submissionsByStudentAndItem, submittersFilter } from "../scores.ts";
import { parseStoredResult } from "../submissions.ts";
import type { Viewer } from "../viewer.ts";
import { STAFF_ROLES } from "../roles.ts";
import { LANGUAGES, type Language } from "../../../exercises/spec/languages.ts";

/** One language's share of an exercise's Submits. */
export interface LanguageAnalytics {
  readonly language: Language;
  /** Students with at least one Submit in this language. */
  readonly attempted: number;
  readonly submissions: number;
  /** Students with a passing Submit in this language. */
  readonly passed: number;
}

export interface ItemAnalytics {
  readonly itemId: string;
  readonly exerciseId: string;
  readonly title: string;
  readonly setId: string;
  readonly setTitle: string;
  readonly points: number;
  readonly enrolled: number;
  readonly attempted: number;
  readonly submissions: number;
  readonly passed: number;
  /** Median number of Submits a student needed to pass (among those who passed). */
  readonly medianAttemptsToPass: number | null;
  readonly failingTests: readonly { readonly name: string; readonly failures: number; readonly visibility: string }[];
  readonly failureMessages: readonly { readonly message: string; readonly count: number }[];
  readonly hints: readonly { readonly hint: string; readonly count: number }[];
  /** Submits split by language (every Submit, whatever the filter), languages with none left out. */
  readonly byLanguage: readonly LanguageAnalytics[];
  /** Students by the percentage of the item's points that counts for them: [0,10), [10,20), …, [90,100]. */
  readonly histogram: readonly number[];
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Numbers vary from student to student; without them, the same mistake reads as the same message. */
export function messagePattern(message: string): string {
  return message
    .replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, "#")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

function top<K>(counts: Map<K, number>, n: number): [K, number][] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Students who submitted, Submits, and students who passed, per language, from each student's Submits. */
function splitByLanguage(perStudent: readonly (readonly { readonly language: string; readonly verdict: string | null }[])[]): LanguageAnalytics[] {
  return LANGUAGES.map((language) => {
    let attempted = 0;
    let submissions = 0;
    let passed = 0;
    for (const submits of perStudent) {
      const inLanguage = submits.filter((s) => s.language === language);
      if (inLanguage.length === 0) continue;
      attempted++;
      submissions += inLanguage.length;
      if (inLanguage.some((s) => s.verdict === "passed")) passed++;
    }
    return { language, attempted, submissions, passed };
  }).filter((row) => row.submissions > 0);
}

/**
 * Per item of the course: how students fare, where they fail, and the spread of scores. With a
 * language, only Submits written in it count (the per-language split still covers them all).
 */
export async function courseAnalytics(viewer: Viewer, courseId: string, itemId?: string, language?: Language): Promise<ItemAnalytics[]> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const sets = await db.problemSet.findMany({ where: { courseId }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], include: { items: { orderBy: { position: "asc" } } } });
  const chosen = sets.flatMap((set) => set.items.map((item) => ({ item, set }))).filter(({ item }) => !itemId || item.id === itemId);
  if (itemId && chosen.length === 0) throw notFound("This exercise");
  // Answers to a calculation are written in no language: a language filter leaves calculations out.
  const items = language ? chosen.filter(({ item }) => !findCalculation(item.exerciseId)) : chosen;
  const students = await db.enrollment.findMany({ where: { courseId, role: "student" }, select: { userId: true } });
  const userIds = students.map((s) => s.userId);
  const scored = await submissionsByStudentAndItem(db, { studentsOf: courseId, itemIds: items.map(({ item }) => item.id) });
  const results = await db.submission.findMany({
    where: {
      kind: "submit",
      status: "graded",
      itemId: { in: items.map(({ item }) => item.id) },
      ...submittersFilter({ studentsOf: courseId }),
      ...(language ? { language } : {}),
    },
    select: { itemId: true, result: true, id: true },
  });
  const resultsByItem = Map.groupBy(results, (r) => r.itemId);

  return items.map(({ item, set }) => {
    const failingTests = new Map<string, number>();
    const visibility = new Map<string, string>();
    const messages = new Map<string, number>();
    const hints = new Map<string, number>();
    for (const row of resultsByItem.get(item.id) ?? []) {
      const result = parseStoredResult(row.id, row.result);
      if (!result) continue;
      if (result.error) messages.set(messagePattern(result.error.message), (messages.get(messagePattern(result.error.message)) ?? 0) + 1);
      for (const test of result.tests) {
        if (test.status === "passed" || test.status === "not_run") continue;
        failingTests.set(test.name, (failingTests.get(test.name) ?? 0) + 1);
        visibility.set(test.name, test.visibility);
        const pattern = messagePattern(test.message);
        messages.set(pattern, (messages.get(pattern) ?? 0) + 1);
        if (test.hint) hints.set(test.hint, (hints.get(test.hint) ?? 0) + 1);
      }
    }
    let attempted = 0;
    let passed = 0;
    let submissions = 0;
    const attemptsToPass: number[] = [];
    const histogram = new Array<number>(10).fill(0);
    const perStudent = userIds.map((userId) => scored.get(`${userId}:${item.id}`) ?? []);
    for (const all of perStudent) {
      const mine = language ? all.filter((s) => s.language === language) : all;
      if (mine.length === 0) continue;
      attempted++;
      submissions += mine.length;
      const firstPass = mine.findIndex((s) => s.verdict === "passed");
      if (firstPass >= 0) {
        passed++;
        attemptsToPass.push(firstPass + 1);
      }
      const counted = countedScore(mine, item.points, set);
      if (counted && item.points > 0) histogram[Math.min(9, Math.floor((counted.points / item.points) * 10))]!++;
    }
    return {
      itemId: item.id,
      exerciseId: item.exerciseId,
      title: exerciseTitle(item.exerciseId) ?? item.exerciseId,
      setId: set.id,
      setTitle: set.title,
      points: item.points,
      enrolled: userIds.length,
      attempted,
      submissions,
      passed,
      medianAttemptsToPass: median(attemptsToPass),
      failingTests: top(failingTests, 5).map(([name, failures]) => ({ name, failures, visibility: visibility.get(name) ?? "visible" })),
      failureMessages: top(messages, 5).map(([message, count]) => ({ message, count })),
      hints: top(hints, 5).map(([hint, count]) => ({ hint, count })),
      // Answers have no language: a calculation has no per-language split.
      byLanguage: findCalculation(item.exerciseId) ? [] : splitByLanguage(perStudent),
      histogram,
    };
  });
}
