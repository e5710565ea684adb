import "server-only";
import type { Database } from "../../../prisma/client.ts";

/**
 * What the staff pages count as a course's submissions: Submit presses (not Runs) by people
 * enrolled in the course as students today. Staff trying an exercise and people removed from the
 * course are left out, on the overview as in the review queue.
 */
export function studentSubmitsOf(courseId: string) {
  return { kind: "submit", item: { problemSet: { courseId } }, user: { enrollments: { some: { courseId, role: "student" } } } } as const;
}

/**
 * The review queue's rows waiting for a look: each student's latest Submit of each exercise,
 * graded and not marked reviewed. An earlier attempt does not wait on its own: the queue shows
 * only the latest. One query (the index on userId, itemId, createdAt answers "is there a later
 * one"), whatever the size of the course.
 */
export async function latestUnreviewed(db: Database, courseId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM "Submission" s
    JOIN "ProblemSetItem" i ON i."id" = s."itemId"
    JOIN "ProblemSet" p ON p."id" = i."problemSetId"
    JOIN "Enrollment" e ON e."userId" = s."userId" AND e."courseId" = p."courseId" AND e."role" = 'student'
    WHERE p."courseId" = ${courseId} AND s."kind" = 'submit' AND s."status" = 'graded' AND s."reviewedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "Submission" t WHERE t."userId" = s."userId" AND t."itemId" = s."itemId" AND t."kind" = 'submit' AND t."createdAt" > s."createdAt")`;
  return Number(row?.n ?? 0);
}
