import type { Role } from "../../../_server/roles.ts";
import type { AddOutcome, CsvProblem } from "../../../_server/staff/roster.ts";

export const ROLES: readonly Role[] = ["student", "ta", "instructor"];

export const parseRole = (value: string): Role => ROLES.find((r) => r === value) ?? "student";

/** The server's answer to an addition: one outcome per person, and the CSV lines it skipped. */
export interface AddResult {
  readonly outcomes: readonly AddOutcome[];
  readonly problems: readonly CsvProblem[];
}

/** Sends an addition (one person or a CSV); resolves once the server has answered. */
export type AddMembers = (body: unknown) => Promise<void>;
