import { route } from "../../../../_server/route.ts";
import { courseGradebook, gradebookCsv } from "../../../../_server/staff/gradebook.ts";

/** Staff: the gradebook as CSV (stable columns; see gradebookCsv). */
export const GET = route<{ courseId: string }>(async ({ params, viewer }) => {
  const gradebook = await courseGradebook(viewer, params.courseId);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(gradebookCsv(gradebook), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${gradebook.course.code}-gradebook-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
