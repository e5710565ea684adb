"use client";

/** Submits left under the set's attempt limit; null when the set has no limit. */
export function attemptsLeft(maxAttempts: number | null | undefined, used: number): number | null {
  return maxAttempts === null || maxAttempts === undefined ? null : Math.max(0, maxAttempts - used);
}

/** Why Submit is off once the attempts are used up; Run stays on. */
export function noAttemptsReason(maxAttempts: number): string {
  return `You have used all ${maxAttempts} attempt${maxAttempts === 1 ? "" : "s"} for this exercise. Run still checks the visible tests.`;
}

/** "2 of 3 attempts left" above the editor, or why Submit is off when none are left. */
export function AttemptsLeft({ maxAttempts, left }: { maxAttempts: number; left: number }) {
  return (
    <p className={`small ${left === 0 ? "notice warn" : "muted"}`} style={{ margin: "0 0 0.4rem" }} role="status" data-testid="attempts-left" data-left={left}>
      {left === 0 ? noAttemptsReason(maxAttempts) : `${left} of ${maxAttempts} attempt${maxAttempts === 1 ? "" : "s"} left. Run does not use one.`}
    </p>
  );
}
