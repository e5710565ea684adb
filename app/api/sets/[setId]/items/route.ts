import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { SetItemsSchema, setProblemSetItems } from "../../../../_server/staff/builder.ts";

/** Instructors: the set's exercises, in order, with their points. */
export const PUT = route<{ setId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, SetItemsSchema, 64 * 1024);
  return { set: await setProblemSetItems(viewer, params.setId, body) };
});
