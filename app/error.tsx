"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** An unexpected failure while rendering a page: the app's frame stays, with a retry and a way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  // A page fails on the server far more often than in the browser: reset() alone would re-render
  // the same failed payload, so the retry fetches the page again first.
  const retry = () =>
    startRetry(() => {
      router.refresh();
      reset();
    });
  return (
    <div className="narrow card" style={{ margin: "2rem auto", maxWidth: 640 }} role="alert" data-testid="error-page">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Your saved work is safe. Try again, or go back to your courses.</p>
      {error.digest ? <p className="muted small">Reference for the course staff: {error.digest}</p> : null}
      <p style={{ display: "flex", gap: "0.5rem" }}>
        <button type="button" className="button primary" onClick={retry} disabled={retrying}>
          {retrying ? "Trying again…" : "Try again"}
        </button>
        <Link href="/" className="button">
          Back to your courses
        </Link>
      </p>
    </div>
  );
}
