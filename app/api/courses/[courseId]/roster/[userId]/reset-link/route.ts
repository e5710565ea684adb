import { issueResetLink } from "../../../../../../_server/password-resets.ts";
import { route } from "../../../../../../_server/route.ts";

/** A new one-time password reset link for a student or TA of the course (instructors only). */
export const POST = route<{ courseId: string; userId: string }>(async ({ params, viewer }) => issueResetLink(viewer, params.courseId, params.userId));
