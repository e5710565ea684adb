import "server-only";
/**
 * The pictures a regrade preview shows for one changed entry: the visible tests whose outcome
 * the regrade changes, drawn from the new result (hidden tests never carry a picture).
 */
import type { Picture } from "../../../grader/engine/pictures/schema.ts";
import { parseStoredResult } from "../submissions/view.ts";

export interface RegradeTestPicture {
  readonly testName: string;
  readonly oldStatus: string | null;
  readonly newStatus: string;
  readonly picture: Picture;
}

export function changedTestPictures(submissionId: string, oldStored: string | null, newStored: string | null): RegradeTestPicture[] {
  const fresh = parseStoredResult(submissionId, newStored);
  if (!fresh) return [];
  const before = new Map((parseStoredResult(submissionId, oldStored)?.tests ?? []).map((t) => [t.name, t.status]));
  const drawn = fresh.tests.flatMap((t) => (t.picture ? [{ testName: t.name, oldStatus: before.get(t.name) ?? null, newStatus: t.status, picture: t.picture }] : []));
  const changed = drawn.filter((d) => d.oldStatus !== d.newStatus);
  // Once applied, old and new agree: the tests still failing are what explains the score.
  return changed.length > 0 ? changed : drawn.filter((d) => d.newStatus !== "passed");
}
