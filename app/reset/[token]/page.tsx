import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../_components/local-time.tsx";
import { openResetLink } from "../../_server/password-resets.ts";
import { ResetForm } from "./reset-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New password", referrer: "no-referrer" };

/** Where a reset link an instructor gave leads: the person chooses a new password, once. */
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await openResetLink(token);
  return (
    <div className="narrow" style={{ maxWidth: 420, margin: "2rem auto" }}>
      <h1>Choose a new password</h1>
      {link ? (
        <>
          <p className="muted">
            For <strong>{link.email}</strong>. This link works once, until <LocalTime iso={link.expiresAt} />.
          </p>
          <ResetForm token={token} email={link.email} />
        </>
      ) : (
        <div className="notice warn" data-testid="reset-link-invalid">
          This reset link has expired or was already used. Ask your course&apos;s instructor for a new one.
        </div>
      )}
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </div>
  );
}
