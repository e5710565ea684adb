import { RegradeWindowSchema, setRegradeWindow } from "../../../../_server/regrade-requests.ts";
import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";

/** Instructors: how many days after the due date (or grading) students may ask for a regrade; 0 turns requests off. */
export const PUT = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, RegradeWindowSchema, 1024);
  await setRegradeWindow(viewer, params.courseId, body);
  return { days: body.days };
});
