import { route } from "../../../../../_server/route.ts";
import { syncCourseContent } from "../../../../../_server/staff/content.ts";

/** Instructors: validate the content folders and serve what passes; the answer is the sync's report. */
export const POST = route<{ courseId: string }>(async ({ params, viewer }) => syncCourseContent(viewer, params.courseId));
