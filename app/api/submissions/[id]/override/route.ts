import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { OverrideSchema, overrideScore } from "../../../../_server/staff/review.ts";

/** Staff: a manual score (in the item's points) with a reason. */
export const POST = route<{ id: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, OverrideSchema, 16 * 1024);
  return Response.json({ override: await overrideScore(viewer, params.id, body) }, { status: 201 });
});
