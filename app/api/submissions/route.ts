import { z } from "zod";
import { badRequest } from "../../_server/errors.ts";
import { readJsonBody } from "../../_server/request-body.ts";
import { route } from "../../_server/route.ts";
import { CreateSubmissionSchema, SUBMISSION_BODY_LIMIT, createSubmission, readSubmissionWhenGraded } from "../../_server/submissions.ts";

const WaitSchema = z.coerce.number().int().min(0).max(10_000);

/**
 * Run or Submit: stores the submission (queued) first. Without `?wait` it answers at once
 * (202, with its id); with `?wait=<ms>` it answers as soon as the submission is graded (200),
 * or with 202 when `wait` runs out first — stored either way, and never lost.
 */
export const POST = route(async ({ request, viewer }) => {
  const wait = WaitSchema.safeParse(new URL(request.url).searchParams.get("wait") ?? "0");
  if (!wait.success) throw badRequest("wait must be a number of milliseconds between 0 and 10000.");
  const body = await readJsonBody(request, CreateSubmissionSchema, SUBMISSION_BODY_LIMIT);
  const created = await createSubmission(viewer, body);
  const submission = wait.data > 0 ? await readSubmissionWhenGraded(viewer, created.id, wait.data, created) : created;
  return Response.json({ submission }, { status: submission.status === "graded" ? 200 : 202, headers: { Location: `/api/submissions/${submission.id}` } });
});
