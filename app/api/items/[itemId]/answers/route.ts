import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { ANSWERS_BODY_LIMIT, SubmitAnswersSchema, submitAnswers } from "../../../../_server/submissions/answers.ts";

/**
 * Submit a calculation's answers (`{ answers: { <part>: "0.25" | ["1", "2"] | [["1", "2"], …] } }`):
 * graded in the request, so the answer (200) carries the graded submission. Refusals as for code.
 */
export const POST = route<{ itemId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, SubmitAnswersSchema, ANSWERS_BODY_LIMIT);
  const submission = await submitAnswers(viewer, params.itemId, body);
  return Response.json({ submission }, { headers: { Location: `/api/submissions/${submission.id}`, "Cache-Control": "no-store" } });
});
