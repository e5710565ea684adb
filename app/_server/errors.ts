/** Errors a request can end with, each with the HTTP status it maps to and a message for the user. */

export class RequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "RequestError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * A refusal: what was asked for does not exist or is not the viewer's to see (404), or not
 * theirs to do (403). Pages show these as their "not found" page; every other error is a fault.
 */
export class AccessDenied extends RequestError {
  constructor(status: 403 | 404, code: string, message: string) {
    super(status, code, message);
    this.name = "AccessDenied";
  }
}

export const badRequest = (message: string) => new RequestError(400, "bad_request", message);
export const unauthorized = () => new RequestError(401, "unauthorized", "Sign in first.");
// Refusals say "not found" so that what exists in other courses stays invisible.
export const notFound = (what = "This page") => new AccessDenied(404, "not_found", `${what} does not exist or is not available to you.`);
export const forbidden = (message = "You do not have access to this.") => new AccessDenied(403, "forbidden", message);
export const payloadTooLarge = (message: string) => new RequestError(413, "payload_too_large", message);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new RequestError(429, "rate_limited", message, { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) });
export const conflict = (message: string) => new RequestError(409, "conflict", message);
/** A fault after part of a request was saved: the message says what was, since "nothing was lost" would not be true. */
export const partlyApplied = (message: string) => new RequestError(500, "partly_applied", message);
export const unsupportedMediaType = () => new RequestError(415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");

/** Turns any error into a JSON response; unexpected errors are logged and reported without details. */
export function errorResponse(error: unknown): Response {
  if (error instanceof RequestError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers: error.headers });
  }
  console.error("Unexpected error while handling a request:", error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side. Nothing you sent was lost; please try again." } }, { status: 500 });
}
