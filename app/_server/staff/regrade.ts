import "server-only";
import { z } from "zod";
import { exerciseTitle, findExercise, findCalculation } from "../../../exercises/registry.ts";
import { requireRole, refusedAs } from "../access.ts";
import { database } from "../db.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { roundPoints } from "../policies.ts";
import type { Viewer } from "../viewer.ts";
import { recordAudit } from "./audit.ts";
import { changedTestPictures, type RegradeTestPicture } from "./regrade-pictures.ts";
import { STAFF_ROLES } from "../roles.ts";
import { graderChannel } from "../grader-channel.ts";
import { noticesOfRegrade } from "../notifications/grading-notices.ts";
import { inBatches } from "../../../prisma/batches.ts";

export const RequestRegradeSchema = z.union([z.strictObject({ submissionId: z.string().min(1).max(64) }), z.strictObject({ exerciseId: z.string().min(1).max(80) })]);

export interface RegradeEntryView {
  readonly submissionId: string;
  readonly student: { readonly id: string; readonly name: string; readonly email: string };
  readonly exerciseId: string;
  readonly exerciseTitle: string;
  readonly setTitle: string;
  readonly createdAt: string;
  readonly status: string;
  readonly oldVerdict: string | null;
  readonly newVerdict: string | null;
  /** Autograded points out of the item's points, before and after. */
  readonly oldPoints: number | null;
  readonly newPoints: number | null;
  readonly delta: number | null;
  readonly maxPoints: number;
  /** Pictures of the visible tests a changed entry's regrade changes; empty for unchanged entries. */
  readonly pictures: readonly RegradeTestPicture[];
}

export interface RegradeRunView {
  readonly id: string;
  readonly courseId: string;
  readonly description: string;
  readonly status: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly appliedAt: string | null;
  readonly total: number;
  readonly done: number;
  readonly changed: number;
  /** Changed entries first, biggest change first. */
  readonly entries: readonly RegradeEntryView[];
}

/**
 * Regrades one submission, or every graded Submit of an exercise in this course, as a preview:
 * the grader host grades the entries again and nothing changes until the run is applied.
 */
export async function requestRegrade(viewer: Viewer, courseId: string, input: z.infer<typeof RequestRegradeSchema>): Promise<{ runId: string }> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const where =
    "submissionId" in input
      ? { id: input.submissionId, item: { problemSet: { courseId } } }
      : { exerciseId: input.exerciseId, kind: "submit", status: "graded", item: { problemSet: { courseId } } };
  const submissions = await db.submission.findMany({ where, select: { id: true, verdict: true, score: true, maxScore: true, status: true, exerciseId: true } });
  if ("submissionId" in input && submissions.length === 0) throw notFound("This submission");
  if ("exerciseId" in input && !findExercise(input.exerciseId) && !findCalculation(input.exerciseId)) throw badRequest(`Unknown exercise "${input.exerciseId}".`);
  if (submissions.length === 0) throw badRequest("There are no graded submissions of this exercise to regrade.");
  const description =
    "submissionId" in input
      ? `Submission ${input.submissionId} (${exerciseTitle(submissions[0]!.exerciseId) ?? submissions[0]!.exerciseId})`
      : `Every graded submission of ${exerciseTitle(input.exerciseId) ?? input.exerciseId} (${submissions.length})`;
  const run = await db.$transaction(async (tx) => {
    const created = await tx.regradeRun.create({
      data: {
        courseId,
        requestedById: viewer.id,
        scope: "submissionId" in input ? input.submissionId : input.exerciseId,
        description,
      },
    });
    await tx.regradeEntry.createMany({
      data: submissions.map((s) => ({ runId: created.id, submissionId: s.id, oldVerdict: s.verdict, oldScore: s.score, oldMaxScore: s.maxScore })),
    });
    await recordAudit(tx, viewer, { courseId, action: "regrade.request", targetType: "regradeRun", targetId: created.id, details: { description } });
    return created;
  });
  // The grader hosts look at the regrade queue at once instead of at their next idle check.
  graderChannel().notifyQueued();
  return { runId: run.id };
}

export async function regradeRun(viewer: Viewer, runId: string): Promise<RegradeRunView> {
  const db = await database();
  // Polled every second while grading: only the columns the page shows (no code, no results).
  const run = await db.regradeRun.findUnique({
    where: { id: runId },
    include: {
      entries: {
        select: {
          submissionId: true,
          status: true,
          oldVerdict: true,
          oldScore: true,
          oldMaxScore: true,
          newVerdict: true,
          newScore: true,
          newMaxScore: true,
          submission: {
            select: {
              exerciseId: true,
              createdAt: true,
              user: { select: { id: true, name: true, email: true } },
              item: { select: { points: true, problemSet: { select: { title: true } } } },
            },
          },
        },
      },
    },
  });
  if (!run) throw notFound("This regrade");
  await refusedAs("This regrade", requireRole(db, viewer, run.courseId, STAFF_ROLES));
  const points = (score: number | null, max: number | null, itemPoints: number) => (score === null || !max ? null : roundPoints((itemPoints * score) / max));
  const scored = run.entries.map((entry): RegradeEntryView => {
    const itemPoints = entry.submission.item.points;
    const oldPoints = points(entry.oldScore, entry.oldMaxScore, itemPoints);
    const newPoints = entry.status === "done" ? points(entry.newScore, entry.newMaxScore, itemPoints) : null;
    return {
      submissionId: entry.submissionId,
      student: entry.submission.user,
      exerciseId: entry.submission.exerciseId,
      exerciseTitle: exerciseTitle(entry.submission.exerciseId) ?? entry.submission.exerciseId,
      setTitle: entry.submission.item.problemSet.title,
      createdAt: entry.submission.createdAt.toISOString(),
      status: entry.status,
      oldVerdict: entry.oldVerdict,
      newVerdict: entry.newVerdict,
      oldPoints,
      newPoints,
      delta: newPoints !== null && oldPoints !== null ? roundPoints(newPoints - oldPoints) : null,
      maxPoints: itemPoints,
      pictures: [],
    };
  });
  const isChanged = (e: RegradeEntryView) => e.status === "done" && (e.delta !== 0 || e.oldVerdict !== e.newVerdict);
  // Results are read only for the entries whose outcome changed: the page polls this while grading.
  const changedResults = await inBatches(
    scored.filter(isChanged).map((e) => e.submissionId),
    (submissionIds) =>
      db.regradeEntry.findMany({
        where: { runId: run.id, submissionId: { in: submissionIds } },
        select: { submissionId: true, newResult: true, submission: { select: { result: true } } },
      }),
  );
  const resultsBySubmission = new Map(changedResults.map((row) => [row.submissionId, row]));
  const entries = scored.map((entry) => {
    const row = resultsBySubmission.get(entry.submissionId);
    return row ? { ...entry, pictures: changedTestPictures(entry.submissionId, row.submission.result, row.newResult) } : entry;
  });
  const changed = entries.filter(isChanged);
  entries.sort((a, b) => Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0) || a.student.name.localeCompare(b.student.name));
  return {
    id: run.id,
    courseId: run.courseId,
    description: run.description,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    appliedAt: run.appliedAt?.toISOString() ?? null,
    total: entries.length,
    done: entries.filter((e) => e.status === "done").length,
    changed: changed.length,
    entries,
  };
}

/** Writes every new result onto its submission. Only a finished, unapplied run can be applied. */
export async function applyRegrade(viewer: Viewer, runId: string): Promise<RegradeRunView> {
  const db = await database();
  const run = await db.regradeRun.findUnique({ where: { id: runId }, include: { _count: { select: { entries: true } } } });
  if (!run) throw notFound("This regrade");
  await refusedAs("This regrade", requireRole(db, viewer, run.courseId, STAFF_ROLES));
  if (run.status !== "ready")
    throw conflict(run.status === "grading" ? "The regrade is still running; apply it when every entry is done." : `This regrade was already ${run.status}.`);
  await db.$transaction(async (tx) => {
    // One statement for the whole run: a thousand entries are one write, not a thousand.
    await tx.$executeRaw`
      UPDATE "Submission"
      SET "verdict" = e."newVerdict", "score" = e."newScore", "maxScore" = e."newMaxScore", "result" = e."newResult", "gradedAt" = ${new Date()},
          "exerciseVersion" = COALESCE(e."newExerciseVersion", "Submission"."exerciseVersion")
      FROM "RegradeEntry" AS e
      WHERE e."submissionId" = "Submission"."id" AND e."runId" = ${runId} AND e."status" = 'done'`;
    // Conditional: two staff pressing Apply at once apply it once.
    const { count } = await tx.regradeRun.updateMany({ where: { id: runId, status: "ready" }, data: { status: "applied", appliedAt: new Date() } });
    if (count !== 1) throw conflict("This regrade was applied or discarded meanwhile.");
    // Only the scores, for the notices: a run may hold a thousand entries.
    const scores = await tx.regradeEntry.findMany({
      where: { runId, status: "done" },
      select: { submissionId: true, oldScore: true, oldMaxScore: true, newScore: true, newMaxScore: true },
    });
    await noticesOfRegrade(tx, run.courseId, scores);
    await recordAudit(tx, viewer, { courseId: run.courseId, action: "regrade.apply", targetType: "regradeRun", targetId: runId, details: { entries: run._count.entries } });
  });
  return regradeRun(viewer, runId);
}

export async function discardRegrade(viewer: Viewer, runId: string): Promise<RegradeRunView> {
  const db = await database();
  const run = await db.regradeRun.findUnique({ where: { id: runId } });
  if (!run) throw notFound("This regrade");
  await refusedAs("This regrade", requireRole(db, viewer, run.courseId, STAFF_ROLES));
  const { count } = await db.regradeRun.updateMany({ where: { id: runId, status: { in: ["grading", "ready"] } }, data: { status: "discarded" } });
  if (count !== 1) throw conflict(`This regrade was already ${run.status}.`);
  await recordAudit(db, viewer, { courseId: run.courseId, action: "regrade.discard", targetType: "regradeRun", targetId: runId });
  return regradeRun(viewer, runId);
}

export async function regradeRuns(viewer: Viewer, courseId: string) {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  return db.regradeRun.findMany({ where: { courseId }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, description: true, status: true, createdAt: true } });
}
