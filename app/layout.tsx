import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "katex/dist/katex.min.css";
import "./globals.css";
import { currentViewer } from "./_server/viewer.ts";
import { SignOutButton } from "./_components/sign-out-button.tsx";

export const metadata: Metadata = {
  title: { default: "Epoch", template: "%s · Epoch" },
  description: "Autograded exercises for machine-learning courses",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Epoch
          </Link>
          <span className="spacer" />
          {viewer ? (
            <>
              <span className="who" data-testid="signed-in-as">
                {viewer.name} · {viewer.email}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login">Sign in</Link>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
