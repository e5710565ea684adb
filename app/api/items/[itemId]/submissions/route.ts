import { errorResponse } from "../../../../_server/errors.ts";
import { submissionHistory } from "../../../../_server/submissions.ts";
import { requireApiViewer } from "../../../../_server/viewer.ts";

/** The viewer's own submissions for an item, newest first. */
export async function GET(_request: Request, { params }: { params: Promise<{ itemId: string }> }): Promise<Response> {
  try {
    const viewer = await requireApiViewer();
    const { itemId } = await params;
    return Response.json({ history: await submissionHistory(viewer, itemId) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
