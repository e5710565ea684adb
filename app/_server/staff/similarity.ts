import "server-only";
import { z } from "zod";
import { loadSolution, SolutionError } from "../../../exercises/fixtures.ts";
import { exerciseFiles, findExercise } from "../../../exercises/registry.ts";
import { LANGUAGES, parseLanguage, type Language } from "../../../exercises/spec/languages.ts";
import { DEFAULT_SIMILARITY_OPTIONS, matchingRegions, similarityReport, type MatchRegion, type SimilarityInput } from "../../../grader/engine/similarity/report.ts";
import type { Database } from "../../../prisma/client.ts";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import { notFound } from "../errors.ts";
import { STAFF_ROLES } from "../roles.ts";
import type { Viewer } from "../viewer.ts";
import { recordAudit } from "./audit.ts";

export const RunSimilaritySchema = z.object({ itemId: z.string().min(1).max(64) }).strict();

export interface SimilarityStudent {
  readonly submissionId: string;
  readonly student: { readonly id: string; readonly name: string; readonly email: string };
  readonly language: Language;
  readonly createdAt: string;
}

export interface SimilarityReportPair {
  readonly a: SimilarityStudent;
  readonly b: SimilarityStudent;
  /** Mean of the two shares, 0–1: the ranking. */
  readonly score: number;
  readonly shareOfA: number;
  readonly shareOfB: number;
  readonly shared: number;
}

export interface SimilarityReportView {
  readonly item: { readonly id: string; readonly exerciseId: string; readonly title: string; readonly setTitle: string };
  /** Students whose latest Submit was compared. */
  readonly compared: number;
  readonly pairs: readonly SimilarityReportPair[];
  readonly parameters: { readonly k: number; readonly w: number; readonly commonShare: number; readonly commonMinimum: number };
  readonly ranAt: string;
  readonly ms: number;
}

export interface SimilarityTarget {
  readonly setTitle: string;
  readonly items: readonly { readonly id: string; readonly title: string; readonly submitted: number }[];
}

async function courseItem(db: Database, courseId: string, itemId: string) {
  const item = await db.problemSetItem.findUnique({ where: { id: itemId }, include: { problemSet: { select: { courseId: true, title: true } } } });
  if (!item || item.problemSet.courseId !== courseId) throw notFound("This exercise");
  return item;
}

/**
 * What a report leaves out, per language: the starter students begin from and the reference
 * solution (`solutions/correct.*`), where the exercise has them.
 */
function baseCode(exerciseId: string): Omit<SimilarityInput, "id">[] {
  if (!findExercise(exerciseId)) return [];
  const bases: Omit<SimilarityInput, "id">[] = [];
  const starters = exerciseFiles(exerciseId).starters;
  for (const language of LANGUAGES) {
    // JavaScript starts from the TypeScript file, and fixtures exist per extension.
    if (language === "javascript") continue;
    bases.push({ language, code: starters[language] });
    try {
      bases.push({ language, code: loadSolution(exerciseId, "correct", undefined, language).source });
    } catch (error) {
      if (!(error instanceof SolutionError)) throw error;
    }
  }
  return bases;
}

/** Sets and their exercises, with how many students have submitted each, for choosing what to compare. */
export async function similarityTargets(viewer: Viewer, courseId: string): Promise<SimilarityTarget[]> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const sets = await db.problemSet.findMany({ where: { courseId }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], include: { items: { orderBy: { position: "asc" } } } });
  const counts = await db.submission.groupBy({
    by: ["itemId", "userId"],
    where: { kind: "submit", item: { problemSet: { courseId } }, user: { enrollments: { some: { courseId, role: "student" } } } },
  });
  const submitted = new Map<string, number>();
  for (const row of counts) submitted.set(row.itemId, (submitted.get(row.itemId) ?? 0) + 1);
  return sets.map((set) => ({
    setTitle: set.title,
    items: set.items.map((item) => ({ id: item.id, title: findExercise(item.exerciseId)?.title ?? item.exerciseId, submitted: submitted.get(item.id) ?? 0 })),
  }));
}

/**
 * Staff: compares every student's latest Submit to one exercise of a set (the work they handed
 * in last, whatever its score) and ranks the pairs. Advisory: it reads submissions and writes
 * nothing but the audit entry saying who ran it.
 */
export async function runSimilarityReport(viewer: Viewer, courseId: string, itemId: string): Promise<SimilarityReportView> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const item = await courseItem(db, courseId, itemId);
  const started = performance.now();
  const rows = await db.submission.findMany({
    where: { itemId, kind: "submit", user: { enrollments: { some: { courseId, role: "student" } } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, userId: true, language: true, code: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.userId)) latest.set(row.userId, row);
  const students = new Map<string, SimilarityStudent>();
  const inputs: SimilarityInput[] = [];
  for (const row of latest.values()) {
    const language = parseLanguage(row.language);
    students.set(row.id, { submissionId: row.id, student: row.user, language, createdAt: row.createdAt.toISOString() });
    inputs.push({ id: row.id, language, code: row.code });
  }
  const report = similarityReport(inputs, baseCode(item.exerciseId));
  const pairs = report.pairs.map(({ a, b, score, shareOfA, shareOfB, shared }) => ({ a: students.get(a)!, b: students.get(b)!, score, shareOfA, shareOfB, shared }));
  const ms = Math.round(performance.now() - started);
  const top = pairs[0];
  await recordAudit(db, viewer, {
    courseId,
    action: "similarity.report",
    targetType: "item",
    targetId: itemId,
    details: { exerciseId: item.exerciseId, compared: inputs.length, pairs: pairs.length, topScore: top ? Math.round(top.score * 100) / 100 : null },
  });
  const { k, w, commonShare, commonMinimum } = DEFAULT_SIMILARITY_OPTIONS;
  return {
    item: { id: item.id, exerciseId: item.exerciseId, title: findExercise(item.exerciseId)?.title ?? item.exerciseId, setTitle: item.problemSet.title },
    compared: inputs.length,
    pairs,
    parameters: { k, w, commonShare, commonMinimum },
    ranAt: new Date().toISOString(),
    ms,
  };
}

export interface SimilaritySide extends SimilarityStudent {
  readonly code: string;
}

export interface SimilarityComparison {
  readonly item: { readonly id: string; readonly title: string; readonly setTitle: string };
  readonly a: SimilaritySide;
  readonly b: SimilaritySide;
  readonly regions: readonly MatchRegion[];
}

/** Staff: two submissions to the same exercise side by side, with the regions that match (starter and reference left out). */
export async function similarityComparison(viewer: Viewer, courseId: string, submissionA: string, submissionB: string): Promise<SimilarityComparison> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const select = { id: true, itemId: true, language: true, code: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } as const;
  const [a, b] = await Promise.all([db.submission.findUnique({ where: { id: submissionA }, select }), db.submission.findUnique({ where: { id: submissionB }, select })]);
  if (!a || !b || a.itemId !== b.itemId) throw notFound("This comparison");
  const item = await courseItem(db, courseId, a.itemId).catch(() => {
    throw notFound("This comparison");
  });
  const side = (row: NonNullable<typeof a>): SimilaritySide => ({
    submissionId: row.id,
    student: row.user,
    language: parseLanguage(row.language),
    createdAt: row.createdAt.toISOString(),
    code: row.code,
  });
  const left = side(a);
  const right = side(b);
  return {
    item: { id: item.id, title: findExercise(item.exerciseId)?.title ?? item.exerciseId, setTitle: item.problemSet.title },
    a: left,
    b: right,
    regions: matchingRegions({ language: left.language, code: left.code }, { language: right.language, code: right.code }, baseCode(item.exerciseId)),
  };
}
