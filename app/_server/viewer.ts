import "server-only";
import { redirect } from "next/navigation";
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
  if (!id) return null;
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

/** For route handlers: a 401 for anonymous requests. */
export async function requireApiViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) throw unauthorized();
  return viewer;
}
