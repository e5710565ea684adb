import "server-only";
import { GradeResultSchema, type GradeResult } from "../../../grader/engine/result.ts";
import { redactForStudent } from "../../../grader/engine/student-view.ts";
import { applyFeedbackPolicy, feedbackWithheld } from "../feedback.ts";
import { scoreSubmission } from "../policies.ts";
import { LanguageSchema, type Language } from "../../../exercises/spec/languages.ts";

export { LanguageSchema };
import { SubmissionKindSchema, SubmissionStatusSchema } from "../../../prisma/enums.ts";

export { SubmissionKindSchema, SubmissionStatusSchema };

export interface CommentView {
  readonly id: string;
  readonly authorName: string;
  readonly body: string;
  readonly line: number | null;
  readonly createdAt: string;
}

export interface OverrideView {
  readonly points: number;
  readonly reason: string;
  readonly authorName: string;
  readonly createdAt: string;
}

export interface SubmissionView {
  readonly id: string;
  readonly itemId: string;
  readonly exerciseId: string;
  readonly kind: "run" | "submit";
  readonly language: Language;
  readonly code: string;
  readonly status: "queued" | "running" | "graded";
  readonly late: boolean;
  readonly createdAt: string;
  readonly gradedAt: string | null;
  /** Points this submission is worth (late penalty applied, or the override), once graded and shown. */
  readonly points: number | null;
  readonly maxPoints: number;
  /** Autograded points before any late penalty. */
  readonly autoPoints: number | null;
  readonly penaltyPercent: number;
  /** The newest manual score, which replaces the autograded one. */
  readonly override: OverrideView | null;
  readonly comments: readonly CommentView[];
  /** Redacted for students (hidden tests show only their status) and cut to the set's feedback policy. */
  readonly result: GradeResult | null;
  /** Why less is shown than usual (the set's feedback policy), if it is. */
  readonly feedbackNote: string | null;
  /** Tests passed and run, when the policy shows only counts. */
  readonly counts: { readonly passed: number; readonly total: number } | null;
}

/** A submission's own columns, as the views need them. */
export interface StoredRow {
  id: string;
  userId: string;
  itemId: string;
  exerciseId: string;
  kind: string;
  language: string;
  code: string;
  seed: number;
  status: string;
  score: number | null;
  maxScore: number | null;
  result: string | null;
  late: boolean;
  createdAt: Date;
  gradedAt: Date | null;
}

export type SubmissionRow = StoredRow & {
  comments: { id: string; body: string; line: number | null; createdAt: Date; author: { name: string } }[];
  overrides: { points: number; reason: string; createdAt: Date; author: { name: string } }[];
};

export interface SetPolicy {
  readonly dueAt: Date;
  readonly lateWork: string;
  readonly latePenaltyPerDay: number;
  readonly latePenaltyCap: number;
  readonly feedback: string;
}

/** Parses a stored result; a malformed one is logged and treated as missing rather than crashing a page. */
export function parseStoredResult(id: string, stored: string | null): GradeResult | null {
  if (!stored) return null;
  const parsed = GradeResultSchema.safeParse(JSON.parse(stored));
  if (parsed.success) return parsed.data;
  console.error(`Submission ${id} has a result that does not match the schema`, parsed.error.issues.slice(0, 3));
  return null;
}

/** A submission as its viewer may see it: redacted and cut to the feedback policy for students, whole for staff. */
export function toView(row: SubmissionRow, maxPoints: number, set: SetPolicy, forStaff: boolean, now = new Date()): SubmissionView {
  const stored = parseStoredResult(row.id, row.result);
  const shown = forStaff ? { result: stored, note: null, counts: null } : applyFeedbackPolicy(stored && redactForStudent(stored), set, now);
  const withheld = !forStaff && feedbackWithheld(set, now);
  const latest = row.overrides[0];
  const scored =
    row.status === "graded" && !withheld
      ? scoreSubmission(
          { id: row.id, createdAt: row.createdAt, status: row.status, score: row.score, maxScore: row.maxScore, overridePoints: latest?.points ?? null },
          maxPoints,
          set,
        )
      : null;
  return {
    id: row.id,
    itemId: row.itemId,
    exerciseId: row.exerciseId,
    kind: SubmissionKindSchema.parse(row.kind),
    language: LanguageSchema.parse(row.language),
    code: row.code,
    status: SubmissionStatusSchema.parse(row.status),
    late: row.late,
    createdAt: row.createdAt.toISOString(),
    gradedAt: row.gradedAt?.toISOString() ?? null,
    points: scored?.points ?? null,
    maxPoints,
    autoPoints: scored?.autoPoints ?? null,
    penaltyPercent: scored?.penaltyPercent ?? 0,
    override: latest && !withheld ? { points: latest.points, reason: latest.reason, authorName: latest.author.name, createdAt: latest.createdAt.toISOString() } : null,
    comments: row.comments.map((c) => ({ id: c.id, authorName: c.author.name, body: c.body, line: c.line, createdAt: c.createdAt.toISOString() })),
    result: shown.result,
    feedbackNote: shown.note,
    counts: shown.counts,
  };
}
