import { route } from "../../../../_server/route.ts";
import { discardRegrade } from "../../../../_server/staff/regrade.ts";

export const POST = route<{ runId: string }>(async ({ params, viewer }) => ({ run: await discardRegrade(viewer, params.runId) }));
