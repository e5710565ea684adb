import "server-only";
import { verifyPassword } from "../../prisma/passwords.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed.ts";
import { database } from "./db.ts";

export interface DemoAccounts {
  readonly password: string;
  readonly accounts: readonly { readonly email: string; readonly role: string }[];
}

// Whether the demo password opens each stored hash. The sign-in page is public and a check costs
// scrypt, so each hash is checked once; a changed password is a new hash, checked anew.
const opensWithDemoPassword = new Map<string, Promise<boolean>>();

/**
 * The demo accounts to print on the sign-in page: only those the seed created that still sign in
 * with the demo password. A deployment without demo data, or whose demo passwords were changed,
 * prints none.
 */
export async function workingDemoAccounts(): Promise<DemoAccounts | null> {
  const db = await database();
  const users = await db.user.findMany({ where: { id: { in: DEMO_USERS.map((u) => u.id) } }, select: { id: true, email: true, passwordHash: true } });
  const accounts: { email: string; role: string }[] = [];
  for (const demo of DEMO_USERS) {
    const user = users.find((u) => u.id === demo.id && u.email === demo.email);
    if (!user) continue;
    let check = opensWithDemoPassword.get(user.passwordHash);
    if (!check) {
      check = verifyPassword(DEMO_PASSWORD, user.passwordHash);
      opensWithDemoPassword.set(user.passwordHash, check);
    }
    if (await check) accounts.push({ email: demo.email, role: demo.role });
  }
  return accounts.length > 0 ? { password: DEMO_PASSWORD, accounts } : null;
}
