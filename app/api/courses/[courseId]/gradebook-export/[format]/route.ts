import { notFound } from "../../../../../_server/errors.ts";
import { route } from "../../../../../_server/route.ts";
import { courseGradebook } from "../../../../../_server/staff/gradebook.ts";
import { lmsGradebookCsv, LmsFormatSchema } from "../../../../../_server/staff/lms-export.ts";

/** Staff: the gradebook as CSV for an LMS to import, /canvas or /moodle (see lms-export.ts). */
export const GET = route<{ courseId: string; format: string }>(async ({ params, viewer }) => {
  const format = LmsFormatSchema.safeParse(params.format);
  if (!format.success) throw notFound("This export format");
  const gradebook = await courseGradebook(viewer, params.courseId);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(lmsGradebookCsv(format.data, gradebook), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${gradebook.course.code}-${format.data}-grades-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
