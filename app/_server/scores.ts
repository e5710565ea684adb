import "server-only";
import type { Database } from "../../prisma/client.ts";
import type { Prisma } from "../../prisma/generated/client.ts";
import type { ScoredSubmission } from "./policies.ts";

export interface StoredSubmission extends ScoredSubmission {
  readonly userId: string;
  readonly itemId: string;
  readonly verdict: string | null;
  readonly late: boolean;
  /** The language the solution was written in, as stored. */
  readonly language: string;
}

/**
 * Whose submissions: some users' (a student's own pages), or every student's of a course (staff
 * pages). A course is named, not its students listed: a list of thousands does not fit in one
 * statement (SQLite takes 999 values, and Prisma splits a list only when it is the whole filter).
 */
export type Submitters = { readonly userIds: readonly string[] } | { readonly studentsOf: string };

export function submittersFilter(who: Submitters): Prisma.SubmissionWhereInput {
  return "userIds" in who ? { userId: { in: [...who.userIds] } } : { user: { enrollments: { some: { courseId: who.studentsOf, role: "student" } } } };
}

/**
 * Graded-or-pending Submit presses with their newest override, grouped by "userId:itemId".
 * The one query every score page starts from.
 */
export async function submissionsByStudentAndItem(db: Database, where: Submitters & { readonly itemIds: readonly string[] }): Promise<Map<string, StoredSubmission[]>> {
  const rows = await db.submission.findMany({
    where: { kind: "submit", itemId: { in: [...where.itemIds] }, ...submittersFilter(where) },
    select: {
      id: true,
      userId: true,
      itemId: true,
      createdAt: true,
      status: true,
      verdict: true,
      score: true,
      maxScore: true,
      late: true,
      language: true,
      overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const grouped = new Map<string, StoredSubmission[]>();
  for (const { overrides, ...row } of rows) {
    const key = `${row.userId}:${row.itemId}`;
    const list = grouped.get(key) ?? [];
    list.push({ ...row, overridePoints: overrides[0]?.points ?? null });
    grouped.set(key, list);
  }
  return grouped;
}
