import "server-only";
import { errorResponse, forbidden } from "./errors.ts";
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

/**
 * Session cookies are SameSite=Lax already; this refuses a write whose Origin names another
 * site, as a second line against cross-site requests.
 */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden("The request's Origin header is not a URL.");
  }
  if (host && originHost !== host) throw forbidden("Cross-site requests are not accepted.");
}
