/**
 * Slows down password guessing: after 5 failures for an email within 15 minutes, sign-in for
 * that email is refused until the window passes. In memory: one web server process.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

const failures = new Map<string, number[]>();

function recent(email: string, now: number): number[] {
  const kept = (failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
  if (kept.length === 0) failures.delete(email);
  else failures.set(email, kept);
  return kept;
}

export const loginThrottle = {
  allow(email: string, now = Date.now()): boolean {
    return recent(email, now).length < MAX_FAILURES;
  },
  fail(email: string, now = Date.now()): void {
    failures.set(email, [...recent(email, now), now]);
  },
  succeed(email: string): void {
    failures.delete(email);
  },
};
