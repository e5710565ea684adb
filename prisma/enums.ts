/**
 * The closed sets of values the data model stores as text (SQLite has no enum type): one table
 * each, with the zod schema that validates what comes in and the type every reader uses, so a
 * typo is a type error wherever a value is written or compared.
 */
import { z } from "zod";

export const COURSE_ROLES = ["student", "ta", "instructor"] as const;
export const RoleSchema = z.enum(COURSE_ROLES);
export type Role = z.infer<typeof RoleSchema>;
/** The roles that see staff pages and act on other people's work. */
export const STAFF_ROLES = ["ta", "instructor"] as const satisfies readonly Role[];

/** "run": the visible tests; "submit": every test. */
export const SUBMISSION_KINDS = ["run", "submit"] as const;
export const SubmissionKindSchema = z.enum(SUBMISSION_KINDS);
export type SubmissionKind = z.infer<typeof SubmissionKindSchema>;

/** A submission is stored "queued", claimed "running" by a grader host, then "graded". */
export const SUBMISSION_STATUSES = ["queued", "running", "graded"] as const;
export const SubmissionStatusSchema = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

export const SET_KINDS = ["weekly", "exam_practice"] as const;
export const SetKindSchema = z.enum(SET_KINDS);
export type SetKind = z.infer<typeof SetKindSchema>;

/** Which graded submission counts: the best or the last. */
export const SCORE_POLICIES = ["best", "last"] as const;
export const ScorePolicySchema = z.enum(SCORE_POLICIES);
export type ScorePolicy = z.infer<typeof ScorePolicySchema>;

/** "refuse": no late work; "penalty": a percentage per started day late, up to a cap. */
export const LATE_WORK_POLICIES = ["refuse", "penalty"] as const;
export const LateWorkSchema = z.enum(LATE_WORK_POLICIES);
export type LateWork = z.infer<typeof LateWorkSchema>;

/** What students see of a graded submission: everything, pass/fail counts, or nothing until the set closes. */
export const FEEDBACK_POLICIES = ["full", "counts", "after_close"] as const;
export const FeedbackSchema = z.enum(FEEDBACK_POLICIES);
export type Feedback = z.infer<typeof FeedbackSchema>;
