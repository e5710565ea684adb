import { readJsonBody } from "../../../_server/request-body.ts";
import { route } from "../../../_server/route.ts";
import { UpdateSetSchema, problemSetForEditing, updateProblemSet } from "../../../_server/staff/builder.ts";

/** Instructors: the set with its settings and exercises. */
export const GET = route<{ setId: string }>(async ({ params, viewer }) => ({ set: await problemSetForEditing(viewer, params.setId) }));

/** Instructors: change settings, publish or unpublish. */
export const PATCH = route<{ setId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, UpdateSetSchema, 64 * 1024);
  return { set: await updateProblemSet(viewer, params.setId, body) };
});
