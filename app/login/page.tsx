import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { workingDemoAccounts } from "../_server/demo-accounts.ts";
import { currentViewer } from "../_server/viewer.ts";
import { LoginForm } from "./login-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; reset?: string | string[] }> }) {
  const { next, reset } = await searchParams;
  const target = typeof next === "string" ? next : "/";
  if (await currentViewer()) redirect(target.startsWith("/") && !target.startsWith("//") ? target : "/");
  const demo = await workingDemoAccounts();
  return (
    <div className="narrow" style={{ maxWidth: 420, margin: "2rem auto" }}>
      <h1>Sign in to Epoch</h1>
      {reset === "done" ? (
        <p className="notice" role="status" data-testid="reset-done">
          Your new password is set: sign in with it.
        </p>
      ) : null}
      <LoginForm next={target} />
      <details className="card small" data-testid="forgot-password">
        <summary>Forgot your password?</summary>
        <p style={{ marginBottom: 0 }}>
          Ask an instructor of your course for a password reset link. They create one on the course&apos;s Roster page; it works once, for 24 hours, and lets you choose a new
          password.
        </p>
      </details>
      {demo ? (
        <div className="notice small" data-testid="demo-hint">
          <strong>Demo data is loaded.</strong> Sign in as{" "}
          {demo.accounts.map((account, index) => (
            <span key={account.email}>
              {index > 0 ? ", " : ""}
              <code>{account.email}</code> ({account.role})
            </span>
          ))}{" "}
          with the password <code>{demo.password}</code>.
        </div>
      ) : null}
    </div>
  );
}
