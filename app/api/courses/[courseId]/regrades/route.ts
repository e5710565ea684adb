import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { RequestRegradeSchema, regradeRuns, requestRegrade } from "../../../../_server/staff/regrade.ts";

export const GET = route<{ courseId: string }>(async ({ params, viewer }) => ({ runs: await regradeRuns(viewer, params.courseId) }));

/** Staff: regrade one submission ({ submissionId }) or every graded submission of an exercise ({ exerciseId }), as a preview. */
export const POST = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, RequestRegradeSchema, 4 * 1024);
  return Response.json(await requestRegrade(viewer, params.courseId, body), { status: 202 });
});
