/**
 * Regrade requests: a student asks staff to look again at the grading of one of their graded
 * Submits, with a message, while the course's window is open (`Course.regradeRequestDays` days
 * after the set's due date, or after the submission was graded if that is later; 0 turns
 * requests off). Staff answer in the review queue, changing the score through an ordinary
 * override or leaving it; the student reads the answer on the item page. Both sides are notified.
 */
import "server-only";
import { z } from "zod";
import type { Database } from "../../prisma/client.ts";
import { exerciseTitle } from "../../exercises/registry.ts";
import { loadItem, requireRole, refusedAs } from "./access.ts";
import { database } from "./db.ts";
import { badRequest, conflict, forbidden, notFound } from "./errors.ts";
import { feedbackWithheld } from "./feedback.ts";
import { notify, notifyMany } from "./notifications/notify.ts";
import { regradeRequestLink, staffRegradeRequestsLink } from "./notifications/links.ts";
import { roundPoints, scoreSubmission } from "./policies.ts";
import { STAFF_ROLES } from "./roles.ts";
import { recordAudit } from "./staff/audit.ts";
import { overrideScore } from "./staff/review.ts";
import type { Viewer } from "./viewer.ts";

const DAY_MS = 24 * 3600_000;
/** At most this many requests per submission, answered or not: a conversation belongs elsewhere. */
export const MAX_REQUESTS_PER_SUBMISSION = 3;

export const AskRegradeSchema = z.strictObject({ message: z.string().trim().min(10, "say what you think was graded wrongly (at least 10 characters)").max(4000) });
export const AnswerRegradeSchema = z.strictObject({
  answer: z.string().trim().min(3, "write an answer for the student").max(4000),
  /** The new score in the item's points; absent or null leaves the score as it is. */
  points: z.number().min(0).nullable().optional(),
});
export const RegradeWindowSchema = z.strictObject({ days: z.number().int().min(0).max(365) });

export interface RegradeRequestView {
  readonly id: string;
  readonly submissionId: string;
  readonly message: string;
  readonly status: "open" | "answered";
  readonly answer: string | null;
  readonly answeredByName: string | null;
  readonly answeredAt: string | null;
  readonly pointsBefore: number | null;
  readonly pointsAfter: number | null;
  readonly createdAt: string;
}

export interface ItemRegradeRequests {
  /** The submission a new request would be about (the one that counts, else the latest graded Submit); null when there is none. */
  readonly target: { readonly submissionId: string; readonly createdAt: string } | null;
  /** Whether a request may be made now, and why not otherwise. */
  readonly canAsk: boolean;
  readonly refusal: string | null;
  /** When the window closes for the target; null when requests are off or there is no target. */
  readonly closesAt: string | null;
  readonly requests: readonly RegradeRequestView[];
}

/** The end of the window for one submission; null when the course takes no requests. */
export function regradeWindowCloses(days: number, dueAt: Date, gradedAt: Date | null): Date | null {
  if (days <= 0) return null;
  const from = gradedAt && gradedAt > dueAt ? gradedAt : dueAt;
  return new Date(from.getTime() + days * DAY_MS);
}

type RequestRow = Awaited<ReturnType<typeof requestRows>>[number];

function requestRows(db: Database, where: { submissionId?: { in: string[] }; courseId?: string; status?: string }) {
  return db.regradeRequest.findMany({ where, orderBy: { createdAt: "desc" } });
}

async function viewsOf(db: Database, rows: readonly RequestRow[]): Promise<RegradeRequestView[]> {
  const answerers = new Map(
    (await db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.answeredById ? [r.answeredById] : [])) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    submissionId: r.submissionId,
    message: r.message,
    status: r.status === "answered" ? "answered" : "open",
    answer: r.answer,
    answeredByName: r.answeredById ? (answerers.get(r.answeredById) ?? "staff") : null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    pointsBefore: r.pointsBefore,
    pointsAfter: r.pointsAfter,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Why a request about this submission cannot be made now, or null when it can. */
function refusalFor(
  submission: { status: string; kind: string; gradedAt: Date | null },
  set: { feedback: string; dueAt: Date },
  closesAt: Date | null,
  requests: readonly { status: string }[],
  now: Date,
): string | null {
  if (submission.kind !== "submit" || submission.status !== "graded") return "Only a graded submission can be regraded.";
  // An answer tells the score, which such a set keeps back until it closes.
  if (feedbackWithheld(set, now)) return "This set shows results after it closes; ask for a regrade then.";
  if (closesAt === null) return "This course does not take regrade requests.";
  if (now > closesAt) return "The time for regrade requests on this item has passed.";
  if (requests.some((r) => r.status === "open")) return "Your request is waiting for an answer.";
  if (requests.length >= MAX_REQUESTS_PER_SUBMISSION) return `You have asked ${MAX_REQUESTS_PER_SUBMISSION} times about this submission already.`;
  return null;
}

/** What scoring a submission reads (scoreSubmission), with its latest override. */
const SCORED_SUBMISSION = {
  id: true,
  kind: true,
  status: true,
  score: true,
  maxScore: true,
  createdAt: true,
  gradedAt: true,
  overrides: { orderBy: { createdAt: "desc" }, take: 1, select: { points: true } },
} as const;

/** The student's own requests on an item, and whether they may ask now. Staff get an empty answer. */
export async function regradeRequestsForItem(viewer: Viewer, itemId: string, now = new Date()): Promise<ItemRegradeRequests> {
  const db = await database();
  const { item, set, course, role } = await loadItem(db, viewer, itemId);
  const none: ItemRegradeRequests = { target: null, canAsk: false, refusal: null, closesAt: null, requests: [] };
  if (role !== "student") return none;
  const [courseRow, submissions] = await Promise.all([
    db.course.findUniqueOrThrow({ where: { id: course.id }, select: { regradeRequestDays: true } }),
    db.submission.findMany({
      where: { userId: viewer.id, itemId, kind: "submit", status: "graded" },
      orderBy: { createdAt: "asc" },
      select: SCORED_SUBMISSION,
    }),
  ]);
  const requests = await viewsOf(db, await requestRows(db, { submissionId: { in: submissions.map((s) => s.id) } }));
  if (submissions.length === 0) return { ...none, requests };
  // The submission whose score counts is the one worth asking about.
  const scored = submissions.map((s) => ({ s, points: scoreSubmission({ ...s, overridePoints: s.overrides[0]?.points ?? null }, item.points, set).points }));
  const target = set.scorePolicy === "last" ? scored[scored.length - 1]!.s : scored.reduce((a, b) => (b.points > a.points ? b : a)).s;
  const closesAt = regradeWindowCloses(courseRow.regradeRequestDays, set.dueAt, target.gradedAt);
  const refusal = refusalFor(
    target,
    set,
    closesAt,
    requests.filter((r) => r.submissionId === target.id),
    now,
  );
  return { target: { submissionId: target.id, createdAt: target.createdAt.toISOString() }, canAsk: refusal === null, refusal, closesAt: closesAt?.toISOString() ?? null, requests };
}

async function submissionWithContext(db: Database, submissionId: string) {
  const row = await db.submission.findUnique({
    where: { id: submissionId },
    select: {
      ...SCORED_SUBMISSION,
      userId: true,
      itemId: true,
      exerciseId: true,
      user: { select: { name: true } },
      item: {
        select: {
          points: true,
          problemSet: {
            select: {
              courseId: true,
              title: true,
              dueAt: true,
              feedback: true,
              lateWork: true,
              latePenaltyPerDay: true,
              latePenaltyCap: true,
              course: { select: { regradeRequestDays: true } },
            },
          },
        },
      },
    },
  });
  if (!row) throw notFound("This submission");
  return row;
}

function currentPoints(row: Awaited<ReturnType<typeof submissionWithContext>>): number {
  return scoreSubmission({ ...row, overridePoints: row.overrides[0]?.points ?? null }, row.item.points, row.item.problemSet).points;
}

/** A student asks for a regrade of one of their own graded Submits. */
export async function askForRegrade(viewer: Viewer, submissionId: string, input: z.infer<typeof AskRegradeSchema>, now = new Date()): Promise<RegradeRequestView> {
  const db = await database();
  const row = await submissionWithContext(db, submissionId);
  // Only the author, and only while still a student of the course.
  if (row.userId !== viewer.id) throw notFound("This submission");
  const role = await refusedAs("This submission", requireRole(db, viewer, row.item.problemSet.courseId));
  if (role !== "student") throw forbidden("Only students ask for regrades of their own submissions.");
  const set = row.item.problemSet;
  const closesAt = regradeWindowCloses(set.course.regradeRequestDays, set.dueAt, row.gradedAt);
  const title = exerciseTitle(row.exerciseId) ?? row.exerciseId;
  const created = await db.$transaction(async (tx) => {
    // Inside the transaction: two quick presses make one request.
    const earlier = await tx.regradeRequest.findMany({ where: { submissionId }, select: { status: true } });
    const refusal = refusalFor(row, set, closesAt, earlier, now);
    if (refusal) throw conflict(refusal);
    const request = await tx.regradeRequest.create({ data: { submissionId, userId: viewer.id, courseId: set.courseId, message: input.message } });
    const staff = await tx.enrollment.findMany({ where: { courseId: set.courseId, role: { in: [...STAFF_ROLES] } }, select: { userId: true } });
    await notifyMany(
      tx,
      staff.map((s) => ({
        userId: s.userId,
        courseId: set.courseId,
        kind: "regrade_request" as const,
        title: `${row.user.name} asks for a regrade of ${title}`,
        body: input.message,
        link: staffRegradeRequestsLink(set.courseId),
      })),
    );
    return request;
  });
  return (await viewsOf(db, [created]))[0]!;
}

export interface OpenRegradeRequest extends RegradeRequestView {
  readonly student: { readonly id: string; readonly name: string; readonly email: string };
  readonly exerciseTitle: string;
  readonly setTitle: string;
  readonly itemId: string;
  readonly points: number;
  readonly maxPoints: number;
}

/** Staff: the course's regrade requests, open ones first (oldest first), then the latest answered. */
export async function courseRegradeRequests(
  viewer: Viewer,
  courseId: string,
  answeredLimit = 20,
): Promise<{ open: OpenRegradeRequest[]; answered: OpenRegradeRequest[]; windowDays: number }> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const include = {
    user: { select: { id: true, name: true, email: true } },
    submission: {
      select: {
        id: true,
        itemId: true,
        exerciseId: true,
        status: true,
        score: true,
        maxScore: true,
        createdAt: true,
        item: { select: { points: true, problemSet: { select: { title: true, dueAt: true, lateWork: true, latePenaltyPerDay: true, latePenaltyCap: true } } } },
        overrides: { orderBy: { createdAt: "desc" as const }, take: 1, select: { points: true } },
      },
    },
  };
  const [open, answered, course] = await Promise.all([
    db.regradeRequest.findMany({ where: { courseId, status: "open" }, orderBy: { createdAt: "asc" }, include }),
    db.regradeRequest.findMany({ where: { courseId, status: "answered" }, orderBy: { answeredAt: "desc" }, take: answeredLimit, include }),
    db.course.findUniqueOrThrow({ where: { id: courseId }, select: { regradeRequestDays: true } }),
  ]);
  const views = await viewsOf(db, [...open, ...answered]);
  const byId = new Map(views.map((v) => [v.id, v]));
  const withContext = (row: (typeof open)[number]): OpenRegradeRequest => {
    const s = row.submission;
    return {
      ...byId.get(row.id)!,
      student: row.user,
      exerciseTitle: exerciseTitle(s.exerciseId) ?? s.exerciseId,
      setTitle: s.item.problemSet.title,
      itemId: s.itemId,
      points: scoreSubmission({ ...s, overridePoints: s.overrides[0]?.points ?? null }, s.item.points, s.item.problemSet).points,
      maxPoints: s.item.points,
    };
  };
  return { open: open.map(withContext), answered: answered.map(withContext), windowDays: course.regradeRequestDays };
}

/** Staff: how many requests wait for an answer (the review queue's count). */
export async function openRegradeRequestCount(viewer: Viewer, courseId: string): Promise<number> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  return db.regradeRequest.count({ where: { courseId, status: "open" } });
}

/** Staff answer a request, with a new score (an ordinary override, audit-logged) or without. */
export async function answerRegradeRequest(viewer: Viewer, requestId: string, input: z.infer<typeof AnswerRegradeSchema>): Promise<RegradeRequestView> {
  const db = await database();
  const request = await db.regradeRequest.findUnique({ where: { id: requestId } });
  if (!request) throw notFound("This regrade request");
  await refusedAs("This regrade request", requireRole(db, viewer, request.courseId, STAFF_ROLES));
  if (request.status !== "open") throw conflict("This request was answered already.");
  const before = await submissionWithContext(db, request.submissionId);
  const newPoints = input.points ?? null;
  if (newPoints !== null && newPoints > before.item.points) throw badRequest(`The item is worth ${before.item.points} points; a score cannot exceed that.`);
  const pointsBefore = currentPoints(before);
  const changes = newPoints !== null && roundPoints(newPoints) !== pointsBefore;
  if (changes) await overrideScore(viewer, request.submissionId, { points: newPoints, reason: `Regrade request: ${input.answer}`.slice(0, 2000) }, { notifyStudent: false });
  const pointsAfter = changes ? currentPoints(await submissionWithContext(db, request.submissionId)) : pointsBefore;
  const title = exerciseTitle(before.exerciseId) ?? before.exerciseId;
  await db.$transaction(async (tx) => {
    // Conditional: two staff answering at once answer once.
    const { count } = await tx.regradeRequest.updateMany({
      where: { id: requestId, status: "open" },
      data: { status: "answered", answer: input.answer, answeredById: viewer.id, answeredAt: new Date(), pointsBefore, pointsAfter },
    });
    if (count !== 1) throw conflict("This request was answered meanwhile.");
    await notify(tx, {
      userId: request.userId,
      courseId: request.courseId,
      kind: "regrade_answered",
      title: changes
        ? `Regrade of ${title}: your score is now ${pointsAfter} points (was ${pointsBefore})`
        : `Regrade of ${title} answered: the score stays ${pointsBefore} points`,
      body: input.answer,
      link: regradeRequestLink(before.itemId, before.id),
    });
  });
  return (await viewsOf(db, [await db.regradeRequest.findUniqueOrThrow({ where: { id: requestId } })]))[0]!;
}

/** Instructors set how many days after the due date (or grading) students may ask. */
export async function setRegradeWindow(viewer: Viewer, courseId: string, input: z.infer<typeof RegradeWindowSchema>): Promise<void> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  await db.$transaction(async (tx) => {
    const before = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { regradeRequestDays: true } });
    if (before.regradeRequestDays === input.days) return;
    await tx.course.update({ where: { id: courseId }, data: { regradeRequestDays: input.days } });
    // A shorter window closes requests students may have been about to make: say who, and when.
    await recordAudit(tx, viewer, {
      courseId,
      action: "course.regrade_window",
      targetType: "course",
      targetId: courseId,
      details: { days: { from: before.regradeRequestDays, to: input.days } },
    });
  });
}
