import "server-only";
import { verifyPassword } from "../../prisma/passwords.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed.ts";
import { database } from "./db.ts";

export interface DemoAccounts {
  readonly password: string;
  readonly accounts: readonly { readonly email: string; readonly role: string }[];
}

/** The answer is kept this long: the sign-in page is public, and a password check costs scrypt. */
const CACHE_MS = 60_000;
let cached: { at: number; value: DemoAccounts | null } | undefined;

/**
 * The demo accounts to print on the sign-in page: only those the seed created that still sign in
 * with the demo password. A deployment without demo data, or whose demo passwords were changed,
 * prints none.
 */
export async function workingDemoAccounts(now = Date.now()): Promise<DemoAccounts | null> {
  if (cached && now - cached.at < CACHE_MS) return cached.value;
  const db = await database();
  const users = await db.user.findMany({ where: { id: { in: DEMO_USERS.map((u) => u.id) } }, select: { id: true, email: true, passwordHash: true } });
  const accounts: { email: string; role: string }[] = [];
  for (const demo of DEMO_USERS) {
    const user = users.find((u) => u.id === demo.id);
    if (user && user.email === demo.email && (await verifyPassword(DEMO_PASSWORD, user.passwordHash))) accounts.push({ email: demo.email, role: demo.role });
  }
  const value = accounts.length > 0 ? { password: DEMO_PASSWORD, accounts } : null;
  cached = { at: now, value };
  return value;
}
