import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { AddMembersSchema, addMembers, courseRoster } from "../../../../_server/staff/roster.ts";

export const GET = route<{ courseId: string }>(async ({ params, viewer }) => ({ roster: await courseRoster(viewer, params.courseId) }));

/** Instructors: add people by email, as a list or as pasted/uploaded CSV. */
export const POST = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, AddMembersSchema, 1024 * 1024);
  return addMembers(viewer, params.courseId, body);
});
