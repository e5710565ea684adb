import "server-only";
import { z } from "zod";
import { exerciseTitle, findExercise, findCalculation } from "../../../exercises/registry.ts";
import { requireRole, refusedAs } from "../access.ts";
import { database } from "../db.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { allowedLanguages, FeedbackSchema, LateWorkSchema, ScorePolicySchema, SetKindSchema, SetLanguagesSchema, storedLanguages } from "../policies.ts";
import type { Viewer } from "../viewer.ts";
import { recordAudit } from "./audit.ts";

const DateSchema = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "must be a date");

/** Every setting of a problem set an instructor can change; all optional for updates. */
export const SetFieldsSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  description: z.string().max(4000),
  kind: SetKindSchema,
  opensAt: DateSchema,
  dueAt: DateSchema,
  published: z.boolean(),
  scorePolicy: ScorePolicySchema,
  maxAttempts: z.number().int().min(1).max(1000).nullable(),
  lateWork: LateWorkSchema,
  latePenaltyPerDay: z.number().min(0).max(100),
  latePenaltyCap: z.number().min(0).max(100),
  timeLimitMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable(),
  feedback: FeedbackSchema,
  /** The languages solutions may be written in; every language when the set is created without it. */
  languages: SetLanguagesSchema,
  /** Whether the set counts toward the gradebook's course total: "auto" (published, open, weekly), "yes" or "no". */
  inTotal: z.enum(["auto", "yes", "no"]),
  /** Multiplies the set's points in the course total. */
  totalWeight: z.number().min(0).max(100),
});

export const CreateSetSchema = SetFieldsSchema.partial().required({ title: true, opensAt: true, dueAt: true });
export const UpdateSetSchema = SetFieldsSchema.partial();

export const SetItemsSchema = z.strictObject({
  items: z.array(z.strictObject({ exerciseId: z.string().min(1).max(80), points: z.number().min(0).max(1000) })).max(50, "at most 50 exercises in a set"),
});

export const DuplicateSetSchema = z.strictObject({
  targetCourseId: z.string().min(1).max(64).optional(),
  shiftDays: z.number().int().min(-3650).max(3650).default(7),
  title: z.string().trim().min(1).max(120).optional(),
});

function checkDates(fields: { opensAt?: Date; dueAt?: Date; kind?: string; timeLimitMinutes?: number | null }): void {
  if (fields.opensAt && fields.dueAt && fields.dueAt <= fields.opensAt) throw badRequest("The due date must be after the opening date.");
}

async function loadSetForInstructor(viewer: Viewer, setId: string) {
  const db = await database();
  const set = await db.problemSet.findUnique({ where: { id: setId }, include: { items: { orderBy: { position: "asc" } } } });
  if (!set) throw notFound("This problem set");
  await refusedAs("This problem set", requireRole(db, viewer, set.courseId, ["instructor"]));
  return { db, set };
}

/** New sets start unpublished, so students see nothing until the instructor publishes. */
export async function createProblemSet(viewer: Viewer, courseId: string, input: z.infer<typeof CreateSetSchema>) {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  checkDates(input);
  const { languages, ...fields } = input;
  const set = await db.problemSet.create({ data: { published: false, ...fields, ...(languages ? { languages: storedLanguages(languages) } : {}), courseId } });
  await recordAudit(db, viewer, { courseId, action: "set.create", targetType: "problemSet", targetId: set.id, details: { title: set.title } });
  return set;
}

export async function updateProblemSet(viewer: Viewer, setId: string, input: z.infer<typeof UpdateSetSchema>) {
  const { db, set } = await loadSetForInstructor(viewer, setId);
  checkDates({ opensAt: input.opensAt ?? set.opensAt, dueAt: input.dueAt ?? set.dueAt });
  const { languages, ...fields } = input;
  const updated = await db.problemSet.update({ where: { id: setId }, data: { ...fields, ...(languages ? { languages: storedLanguages(languages) } : {}) } });
  const changed = Object.fromEntries(Object.keys(input).map((key) => [key, { from: set[key as keyof typeof set], to: updated[key as keyof typeof updated] }]));
  await recordAudit(db, viewer, { courseId: set.courseId, action: "set.update", targetType: "problemSet", targetId: setId, details: changed });
  return updated;
}

/**
 * Replaces a set's exercises, in order. Items keep their identity (and their submissions) by
 * exercise id; removing an exercise that already has submissions is refused.
 */
export async function setProblemSetItems(viewer: Viewer, setId: string, input: z.infer<typeof SetItemsSchema>) {
  const { db, set } = await loadSetForInstructor(viewer, setId);
  const ids = input.items.map((i) => i.exerciseId);
  const unknown = ids.filter((id) => !findExercise(id) && !findCalculation(id));
  if (unknown.length > 0) throw badRequest(`Unknown exercise${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`);
  if (new Set(ids).size !== ids.length) throw badRequest("An exercise appears twice in the set.");
  const removed = set.items.filter((item) => !ids.includes(item.exerciseId));
  if (removed.length > 0) {
    const used = await db.submission.groupBy({ by: ["itemId"], where: { itemId: { in: removed.map((i) => i.id) } }, _count: true });
    if (used.length > 0) {
      const names = used.map((u) => removed.find((r) => r.id === u.itemId)!.exerciseId);
      throw conflict(`Cannot remove ${names.join(", ")}: students have submitted to it. Unpublish the set instead, or set its points to 0.`);
    }
  }
  await db.$transaction(async (tx) => {
    await tx.problemSetItem.deleteMany({ where: { id: { in: removed.map((i) => i.id) } } });
    for (const [position, entry] of input.items.entries()) {
      const existing = set.items.find((item) => item.exerciseId === entry.exerciseId);
      if (existing) await tx.problemSetItem.update({ where: { id: existing.id }, data: { position, points: entry.points } });
      else await tx.problemSetItem.create({ data: { problemSetId: setId, exerciseId: entry.exerciseId, points: entry.points, position } });
    }
    await recordAudit(tx, viewer, { courseId: set.courseId, action: "set.items", targetType: "problemSet", targetId: setId, details: { items: input.items } });
  });
  return db.problemSet.findUniqueOrThrow({ where: { id: setId }, include: { items: { orderBy: { position: "asc" } } } });
}

/** Copies a set (settings and exercises, not submissions) into this or another course, shifting its dates. */
export async function duplicateProblemSet(viewer: Viewer, setId: string, input: z.infer<typeof DuplicateSetSchema>) {
  const { db, set } = await loadSetForInstructor(viewer, setId);
  const targetCourseId = input.targetCourseId ?? set.courseId;
  if (targetCourseId !== set.courseId) await requireRole(db, viewer, targetCourseId, ["instructor"]);
  const shift = input.shiftDays * 24 * 60 * 60 * 1000;
  const { id: _id, createdAt: _c, updatedAt: _u, items, courseId: _course, ...fields } = set;
  const copy = await db.problemSet.create({
    data: {
      ...fields,
      courseId: targetCourseId,
      title: input.title ?? `${set.title} (copy)`,
      opensAt: new Date(set.opensAt.getTime() + shift),
      dueAt: new Date(set.dueAt.getTime() + shift),
      published: false,
      items: { create: items.map((item) => ({ exerciseId: item.exerciseId, points: item.points, position: item.position })) },
    },
  });
  await recordAudit(db, viewer, {
    courseId: targetCourseId,
    action: "set.duplicate",
    targetType: "problemSet",
    targetId: copy.id,
    details: { from: setId, shiftDays: input.shiftDays },
  });
  return copy;
}

/** The set as the builder edits it; each item says how many submissions it has (those cannot be removed). */
export async function problemSetForEditing(viewer: Viewer, setId: string) {
  const { db, set } = await loadSetForInstructor(viewer, setId);
  const counts = await db.submission.groupBy({ by: ["itemId"], where: { itemId: { in: set.items.map((i) => i.id) } }, _count: true });
  const perItem = new Map(counts.map((c) => [c.itemId, c._count]));
  return {
    ...set,
    allowedLanguages: allowedLanguages(set),
    items: set.items.map((item) => ({ ...item, title: exerciseTitle(item.exerciseId) ?? item.exerciseId, submissions: perItem.get(item.id) ?? 0 })),
  };
}

/** The course a new set is built in, for the "new set" page; instructors only (anyone else: not found). */
export async function newProblemSetContext(viewer: Viewer, courseId: string) {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  return db.course.findUniqueOrThrow({ where: { id: courseId }, select: { id: true, code: true, title: true, term: true } });
}
