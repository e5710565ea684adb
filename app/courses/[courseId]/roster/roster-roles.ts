import type { AddOutcome, CsvProblem } from "../../../_server/staff/roster.ts";

/** The server's answer to an addition: one outcome per person, and the CSV lines it skipped. */
export interface AddResult {
  readonly outcomes: readonly AddOutcome[];
  readonly problems: readonly CsvProblem[];
}

/** Sends an addition (one person or a CSV); resolves with the server's answer. */
export type AddMembers = (body: unknown) => Promise<AddResult>;
