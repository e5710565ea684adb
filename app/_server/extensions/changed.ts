import "server-only";
import type { Database } from "../../../prisma/client.ts";

/** The database inside an interactive transaction (what `db.$transaction(async (tx) => …)` passes). */
export type Transaction = Omit<Database, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** One change to one student's terms, as saved (an extension or a course-wide accommodation). */
export type TermsChange =
  | {
      readonly kind: "extension.grant" | "extension.revoke";
      readonly courseId: string;
      readonly userId: string;
      readonly problemSetId: string;
      readonly setTitle: string;
      /** The student's terms on the set after the change (the set's own after a revoke). */
      readonly dueAt: string;
      readonly maxAttempts: number | null;
      readonly timeLimitMinutes: number | null;
      readonly actorId: string;
    }
  | {
      readonly kind: "accommodation.set" | "accommodation.remove";
      readonly courseId: string;
      readonly userId: string;
      /** null after a removal. */
      readonly timeMultiplier: number | null;
      readonly actorId: string;
    };

/**
 * Called once for every saved change to a student's terms, inside the transaction that saved it
 * (after the change and its audit record), so whatever tells the student about it (a
 * notification row, say) commits or rolls back with the change itself. It must not call out to
 * the network from here: an email is sent after the commit, from what it writes.
 */
export async function afterTermsChanged(_tx: Transaction, _changes: readonly TermsChange[]): Promise<void> {
  // Nothing reacts to a change yet: a student sees their terms on the set's and the exercise's pages.
}
