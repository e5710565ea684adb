import "server-only";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import { exerciseVersion, findCalculation, findExercise } from "../../../exercises/registry.ts";
import { CODE_REQUEST_BYTES, effectiveLimits, sourceSizeProblem } from "../../../exercises/spec/limits.ts";
import type { Database } from "../../../prisma/client.ts";
import { database } from "../db.ts";
import { badRequest, forbidden, notFound, payloadTooLarge } from "../errors.ts";
import { graderChannel } from "../grader-channel.ts";
import { languageRefusal } from "../policies.ts";
import { isStaff } from "../roles.ts";
import { variantSeed } from "../../../exercises/spec/variant.ts";
import type { Viewer } from "../viewer.ts";
import { DEFAULT_LANGUAGE, type Language } from "../../../exercises/spec/languages.ts";
import { LanguageSchema, SubmissionKindSchema, toView, type StoredRow, type SubmissionView } from "./view.ts";
import { enforceRateLimit, openSubmitGate, type SubmissionKind, type SubmitGate } from "./gate.ts";

export const CreateSubmissionSchema = z.strictObject({
  itemId: z.string().min(1).max(64),
  kind: SubmissionKindSchema,
  language: LanguageSchema.default(DEFAULT_LANGUAGE),
  code: z.string().max(CODE_REQUEST_BYTES),
});
export type CreateSubmissionInput = z.infer<typeof CreateSubmissionSchema>;

export const SUBMISSION_BODY_LIMIT = CODE_REQUEST_BYTES;

/** Stores a submission (queued) and returns at once; the grader host grades it. */
export async function createSubmission(viewer: Viewer, input: CreateSubmissionInput): Promise<SubmissionView> {
  const db = await database();
  const now = new Date();
  const gate = await openSubmitGate(db, viewer, input.itemId, input.kind, now);
  const { item, role, set } = gate;
  const exercise = findExercise(item.exerciseId);
  if (!exercise && findCalculation(item.exerciseId)) throw badRequest("This exercise is answered with numbers, not code: send the answers to /api/items/<id>/answers.");
  if (!exercise) throw notFound("This exercise");
  // Staff may try anything; a student's submission must fit the set's rules.
  if (!isStaff(role)) checkSetRules(gate, input, now);
  const sizeProblem = sourceSizeProblem(input.code, effectiveLimits(exercise.limits).maxSourceBytes);
  if (sizeProblem) throw payloadTooLarge(`${sizeProblem} Nothing was submitted.`);
  await enforceRateLimit(db, viewer, input.kind, gate, now);

  const submission: StoredRow = {
    id: randomUUID(),
    userId: viewer.id,
    itemId: item.id,
    exerciseId: item.exerciseId,
    kind: input.kind,
    language: input.language,
    code: input.code,
    seed: variantSeed(viewer.id, item.id),
    status: "queued",
    score: null,
    maxScore: null,
    result: null,
    late: input.kind === "submit" && now > set.dueAt,
    createdAt: now,
    gradedAt: null,
  };
  await insertQueued(db, submission, exerciseVersion(exercise.id));
  graderChannel().notifyQueued();
  return toView({ ...submission, comments: [], overrides: [] }, item.points, set, false);
}

/**
 * The set's languages, the exam clock, the late-work rule and the attempt limit, for a student's
 * Run or Submit, given what the gate read with the student's own terms in place (gate.ts). A
 * calculation's answers have no language (`null`): every other rule holds.
 */
export function checkSetRules(gate: Pick<SubmitGate, "set" | "exam" | "attemptsUsed">, { kind, language }: { kind: SubmissionKind; language: Language | null }, now: Date): void {
  const { set, exam } = gate;
  const refusal = language === null ? null : languageRefusal(set, language);
  if (refusal) throw badRequest(refusal);
  if (exam.kind === "not_started") throw forbidden("Start the exam from the problem set's page first; the clock starts then.");
  if (exam.kind === "finished") throw forbidden("Your time for this exam is up; nothing was submitted.");
  if (kind === "submit" && set.lateWork === "refuse" && now > set.dueAt) {
    throw forbidden("This set does not accept late work: the due date has passed. Nothing was submitted.");
  }
  if (kind === "submit" && set.maxAttempts !== null && gate.attemptsUsed >= set.maxAttempts) {
    throw forbidden(`You have used all ${set.maxAttempts} attempts for this exercise. Run still checks the visible tests.`);
  }
}

/** `version`: the exercise's version served now, which the student saw and the grader will use. */
async function insertQueued(db: Database, submission: StoredRow, version: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Submission" ("id", "userId", "itemId", "exerciseId", "kind", "language", "code", "seed", "status", "late", "createdAt", "exerciseVersion")
    VALUES (${submission.id}, ${submission.userId}, ${submission.itemId}, ${submission.exerciseId}, ${submission.kind}, ${submission.language},
            ${submission.code}, ${submission.seed}, 'queued', ${submission.late}, ${submission.createdAt}, ${version})`;
}
