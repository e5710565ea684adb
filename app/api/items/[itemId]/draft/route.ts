import { DRAFT_BODY_LIMIT, SaveDraftSchema, readDrafts, saveDraft } from "../../../../_server/drafts.ts";
import { readJsonBody } from "../../../../_server/request-body.ts";
import { route } from "../../../../_server/route.ts";

/** `draft`: the most recently saved draft; `drafts`: one per language, most recent first. */
export const GET = route<{ itemId: string }>(async ({ params, viewer }) => {
  const drafts = await readDrafts(viewer, params.itemId);
  return { draft: drafts[0] ?? null, drafts };
});

export const PUT = route<{ itemId: string }>(async ({ request, params, viewer }) => {
  const body = await readJsonBody(request, SaveDraftSchema, DRAFT_BODY_LIMIT);
  return { draft: await saveDraft(viewer, params.itemId, body) };
});
