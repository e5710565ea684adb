import "server-only";
import { env } from "../../config.ts";
import { forbidden } from "./errors.ts";

/**
 * Refuses a write whose Origin names another site, as a second line behind SameSite=Lax
 * session cookies. The site is the Host header. X-Forwarded-Host says which host the browser
 * addressed only when a proxy in front of Epoch writes it, so it counts only when the
 * deployment says it has one (TRUST_PROXY); otherwise any client could choose the host its
 * Origin is compared with.
 *
 * Only hosts are compared, never schemes: Next.js fills in X-Forwarded-Proto itself when a
 * proxy leaves it out, so a scheme check would refuse every write behind such a proxy.
 */
export function assertSameOrigin(request: Request, trustProxy = env().TRUST_PROXY): void {
  const origin = request.headers.get("origin");
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden("The request's Origin header is not a URL.");
  }
  const host = (trustProxy ? firstValue(request.headers.get("x-forwarded-host")) : null) ?? request.headers.get("host");
  if (host && originHost !== host.toLowerCase()) throw forbidden("Cross-site requests are not accepted.");
}

/** Behind a chain of proxies the outermost one's value, the host the browser addressed, comes first. */
function firstValue(header: string | null): string | null {
  const first = header?.split(",")[0]?.trim();
  return first ? first : null;
}
