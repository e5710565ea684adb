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

/** The session's user, if the session is valid and the user still exists. */
export async function currentViewer(): Promise<Viewer | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await database();
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
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
