import "server-only";
import { errorResponse } from "./errors.ts";
import { assertSameOrigin } from "./origin.ts";
import { requireApiViewer, type Viewer } from "./viewer.ts";

export interface RouteContext<P> {
  readonly request: Request;
  readonly params: P;
  readonly viewer: Viewer;
}

/**
 * A JSON route handler for signed-in users: checks the session, refuses cross-site writes,
 * and turns every error into a JSON answer (unexpected ones are logged, never leaked).
 */
export function route<P extends Record<string, string>>(handler: (context: RouteContext<P>) => Promise<Response | unknown>) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const viewer = await requireApiViewer();
      const outcome = await handler({ request, params: await params, viewer });
      return outcome instanceof Response ? outcome : Response.json(outcome, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
