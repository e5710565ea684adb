import { route } from "../../../../_server/route.ts";
import { courseAnalytics } from "../../../../_server/staff/analytics.ts";

export const GET = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const itemId = new URL(request.url).searchParams.get("itemId") ?? undefined;
  return { items: await courseAnalytics(viewer, params.courseId, itemId) };
});
