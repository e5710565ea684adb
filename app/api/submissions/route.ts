import { readJsonBody } from "../../_server/request-body.ts";
import { route } from "../../_server/route.ts";
import { CreateSubmissionSchema, SUBMISSION_BODY_LIMIT, createSubmission } from "../../_server/submissions.ts";

/** Run or Submit: stores the submission (queued) and answers at once with its id. */
export const POST = route(async ({ request, viewer }) => {
  const body = await readJsonBody(request, CreateSubmissionSchema, SUBMISSION_BODY_LIMIT);
  const submission = await createSubmission(viewer, body);
  return Response.json({ submission }, { status: 202, headers: { Location: `/api/submissions/${submission.id}` } });
});
