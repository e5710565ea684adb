import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { CommentSchema, addComment } from "../../../../_server/staff/review.ts";

/** Staff: a comment on a submission, optionally on one line of its code. */
export const POST = route<{ id: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, CommentSchema, 64 * 1024);
  return Response.json({ comment: await addComment(viewer, params.id, body) }, { status: 201 });
});
