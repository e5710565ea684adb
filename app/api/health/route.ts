import { database } from "../../_server/db.ts";
import { errorResponse } from "../../_server/errors.ts";

/** Liveness for scripts and load balancers: the server answers and the database responds. */
export async function GET(): Promise<Response> {
  try {
    const db = await database();
    const queued = await db.submission.count({ where: { status: { in: ["queued", "running"] } } });
    return Response.json({ ok: true, queued }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
