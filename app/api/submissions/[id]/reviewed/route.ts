import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { ReviewedSchema, setReviewed } from "../../../../_server/staff/review.ts";

export const PUT = route<{ id: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, ReviewedSchema, 1024);
  await setReviewed(viewer, params.id, body);
  return { reviewed: body.reviewed };
});
