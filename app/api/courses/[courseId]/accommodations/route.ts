import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { RemoveAccommodationSchema, SetAccommodationSchema, courseExtensions, removeAccommodation, setAccommodation } from "../../../../_server/extensions/grant.ts";

/** Instructors: sets a student's course-wide exam-time multiplier. */
export const POST = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  await setAccommodation(viewer, params.courseId, await readJsonBody(request, SetAccommodationSchema, 4096));
  return courseExtensions(viewer, params.courseId);
});

/** Instructors: removes it. */
export const DELETE = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  await removeAccommodation(viewer, params.courseId, await readJsonBody(request, RemoveAccommodationSchema, 4096));
  return courseExtensions(viewer, params.courseId);
});
