/**
 * A problem set's rules and the arithmetic of the score that counts. Pure functions: the
 * gradebook, the student's pages and the CSV export all go through them.
 */
import { z } from "zod";
import type { Feedback } from "../../prisma/enums.ts";
import { LANGUAGE_LABELS, LANGUAGES, LanguageSchema, type Language } from "../../exercises/spec/languages.ts";

export { FeedbackSchema, LateWorkSchema, ScorePolicySchema, SetKindSchema, type Feedback, type LateWork, type ScorePolicy, type SetKind } from "../../prisma/enums.ts";

export const FEEDBACK_LABELS: Record<Feedback, string> = {
  full: "Full feedback",
  counts: "Pass/fail counts only",
  after_close: "Nothing until the set closes",
};

/** The languages a set allows, as an instructor chooses them: at least one, each once. */
export const SetLanguagesSchema = z
  .array(LanguageSchema)
  .min(1, "Allow at least one language.")
  .refine((languages) => new Set(languages).size === languages.length, "A language appears twice.");

/**
 * The stored column read back: comma-separated language names, empty for "every language".
 * Unknown names are dropped rather than crashing a page; if none is left, every language is allowed.
 */
const StoredLanguagesSchema = z.string().transform((text) =>
  text
    .split(",")
    .map((part) => LanguageSchema.safeParse(part.trim()))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : [])),
);

/** The languages a set accepts solutions in, in the order of LANGUAGES. */
export function allowedLanguages(set: { readonly languages: string }): Language[] {
  const stored = new Set(StoredLanguagesSchema.parse(set.languages));
  return stored.size === 0 ? [...LANGUAGES] : LANGUAGES.filter((language) => stored.has(language));
}

/**
 * The column value for a choice of languages. Allowing every language stores "", so a language
 * added to the platform later is allowed in such sets too.
 */
export function storedLanguages(languages: readonly Language[]): string {
  const chosen = SetLanguagesSchema.parse(languages);
  return chosen.length === LANGUAGES.length ? "" : LANGUAGES.filter((language) => chosen.includes(language)).join(",");
}

/** "Python, TypeScript": the labels of the languages a set allows, alphabetically. */
export function languagesLabel(languages: readonly Language[]): string {
  return languages
    .map((language) => LANGUAGE_LABELS[language])
    .sort((a, b) => a.localeCompare(b))
    .join(", ");
}

/** Why a solution in `language` is refused by the set, or null when the set allows it. */
export function languageRefusal(set: { readonly languages: string }, language: Language): string | null {
  const allowed = allowedLanguages(set);
  if (allowed.includes(language)) return null;
  const names = languagesLabel(allowed);
  return `This set accepts solutions in ${names} only, not ${LANGUAGE_LABELS[language]}. Nothing was submitted.`;
}

export interface LatePolicy {
  readonly dueAt: Date;
  readonly lateWork: string;
  readonly latePenaltyPerDay: number;
  readonly latePenaltyCap: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Started days past the due date: one second late is one day late. */
export function daysLate(dueAt: Date, submittedAt: Date): number {
  const late = submittedAt.getTime() - dueAt.getTime();
  return late <= 0 ? 0 : Math.ceil(late / DAY_MS);
}

/** Percent taken off a submission's points for lateness: per-day penalty, capped. */
export function latePenaltyPercent(policy: LatePolicy, submittedAt: Date): number {
  const days = daysLate(policy.dueAt, submittedAt);
  if (days === 0 || policy.lateWork !== "penalty") return 0;
  return Math.min(policy.latePenaltyCap, policy.latePenaltyPerDay * days);
}

export interface ScoredSubmission {
  readonly id: string;
  readonly createdAt: Date;
  readonly status: string;
  readonly score: number | null;
  readonly maxScore: number | null;
  /** The newest manual override, in item points, if any. */
  readonly overridePoints: number | null;
}

export interface CountedScore {
  readonly submissionId: string;
  /** Points that count, after the late penalty, or the override. */
  readonly points: number;
  /** Autograded points before any penalty. */
  readonly autoPoints: number;
  readonly penaltyPercent: number;
  readonly overridden: boolean;
  readonly late: boolean;
}

/** The points one graded submission is worth under the set's late policy (an override wins outright). */
export function scoreSubmission(submission: ScoredSubmission, itemPoints: number, policy: LatePolicy): CountedScore {
  const autoPoints = submission.maxScore ? (itemPoints * (submission.score ?? 0)) / submission.maxScore : 0;
  const penaltyPercent = latePenaltyPercent(policy, submission.createdAt);
  const overridden = submission.overridePoints !== null;
  const points = overridden ? submission.overridePoints! : autoPoints * (1 - penaltyPercent / 100);
  return {
    submissionId: submission.id,
    points: roundPoints(points),
    autoPoints: roundPoints(autoPoints),
    penaltyPercent,
    overridden,
    late: daysLate(policy.dueAt, submission.createdAt) > 0,
  };
}

/** Which graded submission counts: the best one, or the last one graded in submission order. */
export function countedScore(submissions: readonly ScoredSubmission[], itemPoints: number, policy: LatePolicy & { scorePolicy: string }): CountedScore | null {
  const graded = submissions.filter((s) => s.status === "graded").map((s) => ({ s, scored: scoreSubmission(s, itemPoints, policy) }));
  if (graded.length === 0) return null;
  if (policy.scorePolicy === "last") {
    return graded.reduce((a, b) => (b.s.createdAt > a.s.createdAt ? b : a)).scored;
  }
  // Best; on a tie the earlier submission counts (it was there first).
  return graded.reduce((a, b) => (b.scored.points > a.scored.points ? b : a)).scored;
}

/** Two decimals: enough for partial credit, no float noise in the gradebook or the CSV. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}
