import { route } from "../../../../_server/route.ts";
import { applyRegrade } from "../../../../_server/staff/regrade.ts";

export const POST = route<{ runId: string }>(async ({ params, viewer }) => ({ run: await applyRegrade(viewer, params.runId) }));
