/**
 * Submissions, one file per job: creating one (checks, rate limit, insert), reading one or
 * waiting for its grade, and listing a student's history; the view every reader shares.
 */
export { CreateSubmissionSchema, SUBMISSION_BODY_LIMIT, createSubmission, type CreateSubmissionInput } from "./submissions/create.ts";
export { submissionHistory, type HistoryEntry } from "./submissions/history.ts";
export { readSubmission, readSubmissionWhenGraded } from "./submissions/read.ts";
export { LanguageSchema, SubmissionKindSchema, SubmissionStatusSchema, parseStoredResult, type CommentView, type OverrideView, type SubmissionView } from "./submissions/view.ts";
