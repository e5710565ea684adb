import { z } from "zod";
import { badRequest, errorResponse } from "../../../_server/errors.ts";
import { readSubmissionWhenGraded } from "../../../_server/submissions.ts";
import { requireApiViewer } from "../../../_server/viewer.ts";

const WaitSchema = z.coerce.number().int().min(0).max(25_000);

/** A submission and, once graded, its result. `?wait=<ms>` holds the answer until it is graded (long polling). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const viewer = await requireApiViewer();
    const { id } = await params;
    const rawWait = new URL(request.url).searchParams.get("wait") ?? "0";
    const wait = WaitSchema.safeParse(rawWait);
    if (!wait.success) throw badRequest("wait must be a number of milliseconds between 0 and 25000.");
    const submission = await readSubmissionWhenGraded(viewer, id, wait.data);
    return Response.json({ submission }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
