import { route } from "../../../../../_server/route.ts";
import { removeMember } from "../../../../../_server/staff/roster.ts";

export const DELETE = route<{ courseId: string; userId: string }>(async ({ params, viewer }) => {
  await removeMember(viewer, params.courseId, params.userId);
  return { removed: params.userId };
});
