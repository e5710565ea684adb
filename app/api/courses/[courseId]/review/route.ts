import { badRequest } from "../../../../_server/errors.ts";
import { route } from "../../../../_server/route.ts";
import { ReviewFiltersSchema, reviewQueuePage } from "../../../../_server/staff/review.ts";

export const GET = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const filters = ReviewFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filters.success) throw badRequest("Invalid filters.");
  const { entries, ...page } = await reviewQueuePage(viewer, params.courseId, filters.data);
  return { queue: entries, ...page };
});
