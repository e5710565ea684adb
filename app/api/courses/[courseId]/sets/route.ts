import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { CreateSetSchema, createProblemSet } from "../../../../_server/staff/builder.ts";

/** Instructors: a new (unpublished) problem set. */
export const POST = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, CreateSetSchema, 64 * 1024);
  return Response.json({ set: await createProblemSet(viewer, params.courseId, body) }, { status: 201 });
});
