import "server-only";
import type { SetRow } from "./access.ts";

/** The set's rules as an item's page shows them, code or calculation alike (with the student's own terms already applied). */
export function pageSet(set: SetRow) {
  return {
    id: set.id,
    title: set.title,
    dueAt: set.dueAt.toISOString(),
    kind: set.kind,
    scorePolicy: set.scorePolicy,
    maxAttempts: set.maxAttempts,
    lateWork: set.lateWork,
    latePenaltyPerDay: set.latePenaltyPerDay,
    latePenaltyCap: set.latePenaltyCap,
    feedback: set.feedback,
  };
}
