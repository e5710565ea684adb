import { errorResponse } from "../../_server/errors.ts";
import { readJsonBody } from "../../_server/request-body.ts";
import { CreateSubmissionSchema, SUBMISSION_BODY_LIMIT, createSubmission } from "../../_server/submissions.ts";
import { requireApiViewer } from "../../_server/viewer.ts";

/** Run or Submit: stores the submission (queued) and answers at once with its id. */
export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireApiViewer();
    const body = await readJsonBody(request, CreateSubmissionSchema, SUBMISSION_BODY_LIMIT);
    const submission = await createSubmission(viewer, body);
    return Response.json({ submission }, { status: 202, headers: { Location: `/api/submissions/${submission.id}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
