import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { DuplicateSetSchema, duplicateProblemSet } from "../../../../_server/staff/builder.ts";

/** Instructors: a copy of the set, its dates shifted, in this or another of their courses. */
export const POST = route<{ setId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, DuplicateSetSchema, 16 * 1024);
  return Response.json({ set: await duplicateProblemSet(viewer, params.setId, body) }, { status: 201 });
});
