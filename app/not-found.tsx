import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** Any page that does not exist, or that the viewer may not see (which is not told apart). */
export default function NotFound() {
  return (
    <div className="narrow card" style={{ margin: "2rem auto", maxWidth: 640 }} data-testid="not-found">
      <h1>Page not found</h1>
      <p>This page does not exist, or your account cannot see it. If a link brought you here, your course staff can check that you are enrolled.</p>
      <p>
        <Link href="/" className="button primary">
          Back to your courses
        </Link>
      </p>
    </div>
  );
}
