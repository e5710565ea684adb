import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";
import { RunSimilaritySchema, runSimilarityReport, similarityTargets } from "../../../../_server/staff/similarity.ts";

/** Staff: the exercises a similarity report can be run on. */
export const GET = route<{ courseId: string }>(async ({ params, viewer }) => ({ sets: await similarityTargets(viewer, params.courseId) }));

/** Staff: run a similarity report on one exercise ({ itemId }); advisory, and logged with who ran it. */
export const POST = route<{ courseId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, RunSimilaritySchema, 1024);
  return runSimilarityReport(viewer, params.courseId, body.itemId);
});
