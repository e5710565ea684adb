import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { authSecret } from "../../config.ts";
import { auth } from "./auth.ts";
import { database } from "./db.ts";
import { unauthorized } from "./errors.ts";

/** The signed-in user, as every data-access function receives it. */
export interface Viewer {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** Users recently confirmed to exist; a deleted account loses access within this time. */
const CONFIRMED_FOR_MS = 30_000;
const confirmed = new Map<string, { viewer: Viewer; until: number }>();

/** The session's user, if the session is valid and the user still exists. */
export async function currentViewer(): Promise<Viewer | null> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? confirmedViewer(id) : null;
}

async function confirmedViewer(id: string): Promise<Viewer | null> {
  const cached = confirmed.get(id);
  if (cached && cached.until > Date.now()) return cached.viewer;
  const db = await database();
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
  if (user) {
    if (confirmed.size > 10_000) confirmed.clear();
    confirmed.set(id, { viewer: user, until: Date.now() + CONFIRMED_FOR_MS });
  } else confirmed.delete(id);
  return user;
}

/** For pages: sends anonymous visitors to the sign-in page. */
export async function requirePageViewer(returnTo: string): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** Auth.js's session cookie (its name carries the prefix only over HTTPS). */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
/** Session tokens already decrypted: the same token always decodes to the same payload. */
const decodedTokens = new Map<string, { userId: string; until: number }>();

/**
 * The user id in the session cookie, decrypted as Auth.js does it (same secret, the cookie name
 * as salt) but remembered for a minute: route handlers answer every Run, Submit and poll, and
 * decrypting the token each time was the largest cost of a request.
 */
async function sessionUserId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (!token) continue;
    const known = decodedTokens.get(token);
    if (known && known.until > Date.now()) return known.userId;
    const payload = await decode({ token, secret: authSecret(), salt: name }).catch(() => null);
    const expires = typeof payload?.exp === "number" ? payload.exp * 1000 : 0;
    if (!payload?.sub || expires <= Date.now()) return null;
    if (decodedTokens.size > 10_000) decodedTokens.clear();
    decodedTokens.set(token, { userId: payload.sub, until: Math.min(Date.now() + 60_000, expires) });
    return payload.sub;
  }
  return null;
}

/** For route handlers: a 401 for anonymous requests. */
export async function requireApiViewer(): Promise<Viewer> {
  const id = await sessionUserId();
  const viewer = id ? await confirmedViewer(id) : null;
  if (!viewer) throw unauthorized();
  return viewer;
}
