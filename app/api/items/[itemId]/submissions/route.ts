import { route } from "../../../../_server/route.ts";
import { submissionHistory } from "../../../../_server/submissions.ts";

/** The viewer's own submissions for an item, newest first. */
export const GET = route<{ itemId: string }>(async ({ params, viewer }) => ({ history: await submissionHistory(viewer, params.itemId) }));
