import "server-only";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import { RawAnswersSchema } from "../../../exercises/calculation/answers.ts";
import { findCalculation } from "../../../exercises/registry.ts";
import { DEFAULT_LANGUAGE } from "../../../exercises/spec/languages.ts";
import { variantSeed } from "../../../exercises/spec/variant.ts";
import { gradeAnswers } from "../../../grader/engine/calculation.ts";
import type { GradeResult } from "../../../grader/engine/result.ts";
import type { Database } from "../../../prisma/client.ts";
import { database } from "../db.ts";
import { badRequest } from "../errors.ts";
import { isStaff } from "../roles.ts";
import type { Viewer } from "../viewer.ts";
import { checkSetRules } from "./create.ts";
import { enforceRateLimit, openSubmitGate } from "./gate.ts";
import { toView, type StoredRow, type SubmissionView } from "./view.ts";

export const SubmitAnswersSchema = z.strictObject({ answers: RawAnswersSchema });
export type SubmitAnswersInput = z.infer<typeof SubmitAnswersSchema>;

/** A calculation's answers are a few short fields: 8 parts of at most 12×12 fields of 64 characters, with JSON's quotes. */
export const ANSWERS_BODY_LIMIT = 128 * 1024;

/**
 * Submits a calculation's answers and grades them at once, in this request.
 *
 * Why not through the queue, like code: grading typed answers runs nothing of the student's,
 * needs no sandbox and takes well under a millisecond (the reference for one seed and one
 * comparison per part), so a queue would add a round trip to the grader host and nothing
 * else. The submission is stored already graded, with the same result type, so review,
 * gradebook, analytics and regrades (which the grader host runs, calculations included)
 * treat it like any other. The rules are the code path's: the exam clock, late work, the
 * attempt limit and the rate limit; the set's languages do not apply to answers.
 */
export async function submitAnswers(viewer: Viewer, itemId: string, input: SubmitAnswersInput): Promise<SubmissionView> {
  const db = await database();
  const now = new Date();
  const gate = await openSubmitGate(db, viewer, itemId, "submit", now);
  const { item, role, set } = gate;
  const calculation = findCalculation(item.exerciseId);
  if (!calculation) throw badRequest("This exercise is answered with code: submit it from the editor.");
  const known = new Set(calculation.parts.map((part) => part.id));
  const unknown = Object.keys(input.answers).filter((id) => !known.has(id));
  if (unknown.length > 0) throw badRequest(`This exercise has no part named ${unknown.map((id) => `"${id}"`).join(", ")}. Nothing was submitted.`);
  if (!isStaff(role)) checkSetRules(gate, { kind: "submit", language: null }, now);
  await enforceRateLimit(db, viewer, "submit", gate, now);

  const seed = variantSeed(viewer.id, item.id);
  const code = JSON.stringify(input.answers);
  const result = gradeAnswers({ calculation, answers: code, seed });
  const submission: StoredRow = {
    id: randomUUID(),
    userId: viewer.id,
    itemId: item.id,
    exerciseId: item.exerciseId,
    kind: "submit",
    // Answers have no language; the column is required and read as one everywhere, so it holds
    // the default, and pages that show a language ask the exercise's kind first.
    language: DEFAULT_LANGUAGE,
    code,
    seed,
    status: "graded",
    score: result.score,
    maxScore: result.maxScore,
    result: JSON.stringify(result),
    late: now > set.dueAt,
    createdAt: now,
    gradedAt: now,
  };
  await insertGraded(db, submission, result);
  return toView({ ...submission, comments: [], overrides: [] }, item.points, set, isStaff(role));
}

async function insertGraded(db: Database, submission: StoredRow, result: GradeResult): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Submission" ("id", "userId", "itemId", "exerciseId", "kind", "language", "code", "seed", "status", "verdict", "score", "maxScore", "result", "late", "createdAt", "startedAt", "gradedAt", "graderHost")
    VALUES (${submission.id}, ${submission.userId}, ${submission.itemId}, ${submission.exerciseId}, ${submission.kind}, ${submission.language},
            ${submission.code}, ${submission.seed}, 'graded', ${result.verdict}, ${result.score}, ${result.maxScore}, ${submission.result}, ${submission.late},
            ${submission.createdAt}, ${submission.createdAt}, ${submission.gradedAt}, 'web')`;
}
