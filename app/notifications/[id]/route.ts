import { AccessDenied } from "../../_server/errors.ts";
import { openNotification } from "../../_server/notifications/inbox.ts";
import { currentViewer } from "../../_server/viewer.ts";

/**
 * Following a notice: marks it read and goes where it points. Reading is the only effect, and
 * only on the viewer's own notice, so a plain link (and an email's link) can do it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const viewer = await currentViewer();
  if (!viewer) return seeOther(`/login?next=${encodeURIComponent(`/notifications/${id}`)}`);
  try {
    return seeOther(await openNotification(viewer, id));
  } catch (error) {
    if (error instanceof AccessDenied) return seeOther("/notifications");
    throw error;
  }
}

// A relative Location: right whatever host name or proxy the browser came through.
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}
