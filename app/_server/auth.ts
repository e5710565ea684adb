import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { database } from "./db.ts";
import { authSecret } from "../../config.ts";
import { verifyPassword } from "../../prisma/passwords.ts";
import { loginThrottle } from "./login-throttle.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  // Epoch runs under whatever host name the deployment uses, and in production Auth.js refuses
  // every request unless trustHost is set (or AUTH_URL names the site). It is not TRUST_PROXY:
  // Auth.js reads Host or X-Forwarded-Host only to build its own redirect URLs (AUTH_URL pins
  // them), its POST endpoints check their own CSRF token, sign-in and sign-out run as server
  // actions under Next.js's origin check, and cookies stay host-only. Epoch's routes check
  // the origin of writes in origin.ts.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        if (!loginThrottle.allow(email)) return null;
        const db = await database();
        const user = await db.user.findUnique({ where: { email } });
        // Verify even for an unknown email, so response time does not reveal which emails exist.
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok) {
          loginThrottle.fail(email);
          return null;
        }
        loginThrottle.succeed(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

// A valid hash of a random password: verifying against it costs the same as a real check.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq";
