import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
// The stylesheet of the one KaTeX the statements are rendered with: package.json's overrides
// keep rehype-katex on this same package, whose class names change between versions.
import "katex/dist/katex.min.css";
import "./globals.css";
import { currentViewer } from "./_server/viewer.ts";
import { SignOutButton } from "./_components/sign-out-button.tsx";
import { NotificationBell } from "./_components/notification-bell.tsx";

export const metadata: Metadata = {
  title: { default: "Epoch", template: "%s · Epoch" },
  description: "Autograded exercises for machine-learning courses",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Site" className="site-nav">
            <Link href="/" className="brand">
              Epoch
            </Link>
            {viewer ? <Link href="/">Your courses</Link> : null}
          </nav>
          <span className="spacer" />
          {viewer ? (
            <>
              <NotificationBell viewer={viewer} />
              <span className="who" data-testid="signed-in-as" title={viewer.email}>
                {viewer.name} <span className="who-email">· {viewer.email}</span>
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/login">Sign in</Link>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
