import { DRAFT_BODY_LIMIT, SaveDraftSchema, readDraft, saveDraft } from "../../../../_server/drafts.ts";
import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";

export const GET = route<{ itemId: string }>(async ({ params, viewer }) => ({ draft: await readDraft(viewer, params.itemId) }));

export const PUT = route<{ itemId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, SaveDraftSchema, DRAFT_BODY_LIMIT);
  return { draft: await saveDraft(viewer, params.itemId, body) };
});
