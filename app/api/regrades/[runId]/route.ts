import { route } from "../../../_server/route.ts";
import { regradeRun } from "../../../_server/staff/regrade.ts";

export const GET = route<{ runId: string }>(async ({ params, viewer }) => ({ run: await regradeRun(viewer, params.runId) }));
