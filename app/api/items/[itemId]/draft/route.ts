import { DRAFT_BODY_LIMIT, SaveDraftSchema, readDraft, saveDraft } from "../../../../_server/drafts.ts";
import { errorResponse } from "../../../../_server/errors.ts";
import { readJsonBody } from "../../../../_server/request-body.ts";
import { requireApiViewer } from "../../../../_server/viewer.ts";

type Context = { params: Promise<{ itemId: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  try {
    const viewer = await requireApiViewer();
    const { itemId } = await params;
    return Response.json({ draft: await readDraft(viewer, itemId) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  try {
    const viewer = await requireApiViewer();
    const { itemId } = await params;
    const body = await readJsonBody(request, SaveDraftSchema, DRAFT_BODY_LIMIT);
    return Response.json({ draft: await saveDraft(viewer, itemId, body) });
  } catch (error) {
    return errorResponse(error);
  }
}
