import { AskRegradeSchema, askForRegrade } from "../../../../_server/regrade-requests.ts";
import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";

/** A student asks for a regrade of their own graded submission, with a message. */
export const POST = route<{ id: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, AskRegradeSchema, 16 * 1024);
  return Response.json({ request: await askForRegrade(viewer, params.id, body) }, { status: 201 });
});
