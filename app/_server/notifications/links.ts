/** Where a notice points: the exact place in the app, built in one place so pages can read it back. */

/** The item page with one submission open, and optionally one of its lines highlighted. */
export function submissionLink(itemId: string, submissionId: string, line?: number | null): string {
  const query = new URLSearchParams({ submission: submissionId });
  if (line) query.set("line", String(line));
  return `/items/${encodeURIComponent(itemId)}?${query.toString()}`;
}

/** The item page at its regrade requests. */
export function regradeRequestLink(itemId: string, submissionId: string): string {
  return `${submissionLink(itemId, submissionId)}#regrade-requests`;
}

/** The review queue at its open regrade requests. */
export function staffRegradeRequestsLink(courseId: string): string {
  return `/courses/${encodeURIComponent(courseId)}/review#regrade-requests`;
}
