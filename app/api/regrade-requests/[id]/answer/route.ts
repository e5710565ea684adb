import { AnswerRegradeSchema, answerRegradeRequest } from "../../../../_server/regrade-requests.ts";
import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";

/** Staff answer a regrade request, with a new score (an override) or without. */
export const POST = route<{ id: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, AnswerRegradeSchema, 16 * 1024);
  return { request: await answerRegradeRequest(viewer, params.id, body) };
});
