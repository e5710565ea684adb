"use client";
import { useId } from "react";
import { ROLE_LABELS } from "../../../_server/roles.ts";
import type { AddOutcome } from "../../../_server/staff/roster.ts";
import type { AddResult } from "./roster-roles.ts";
import { csvRows } from "../../../../grader/engine/csv.ts";

const STATUS_LABELS: Record<AddOutcome["status"], string> = {
  created: "Account created and enrolled",
  enrolled: "Enrolled",
  role_changed: "Role changed",
  unchanged: "Unchanged (already in the course)",
};
const STATUS_BADGES: Record<AddOutcome["status"], string> = { created: "badge pass", enrolled: "badge pass", role_changed: "badge info", unchanged: "badge" };

/** What an addition did to each person, with any temporary passwords, until dismissed. */
export function AddOutcomePanel({ result, onDismiss }: { result: AddResult; onDismiss: () => void }) {
  const id = useId();
  const withPasswords = result.outcomes.filter((o) => o.temporaryPassword);
  const tally = (status: AddOutcome["status"]) => result.outcomes.filter((o) => o.status === status).length;
  return (
    <section className="card roster-outcome" data-testid="roster-outcome" aria-labelledby={`${id}-heading`}>
      <div className="roster-outcome-head">
        <h2 id={`${id}-heading`}>{result.outcomes.length > 0 ? "Added" : "Nothing added"}</h2>
        <span className="muted small">
          {tally("created")} new account{tally("created") === 1 ? "" : "s"} · {tally("enrolled")} enrolled · {tally("role_changed")} role{tally("role_changed") === 1 ? "" : "s"}{" "}
          changed · {tally("unchanged")} unchanged
          {result.problems.length > 0 ? ` · ${result.problems.length} line${result.problems.length === 1 ? "" : "s"} skipped` : ""}
        </span>
        <button type="button" className="button small-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {withPasswords.length > 0 ? (
        <p className="notice warn" role="status">
          {withPasswords.length === 1 ? "A new account was" : `${withPasswords.length} new accounts were`} created. Their temporary passwords are shown only now: pass each one on
          to its person (Epoch sends no email) before you leave this page.{" "}
          <a
            className="button small-button"
            download="temporary-passwords.csv"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(csvRows([["email", "role", "temporary_password"], ...withPasswords.map((o) => [o.email, o.role, o.temporaryPassword ?? ""])]))}`}
            data-testid="download-passwords"
          >
            Download the temporary passwords (CSV)
          </a>
        </p>
      ) : null}
      {result.problems.length > 0 ? (
        <div className="notice error" role="alert" data-testid="roster-problems">
          <strong>Lines that were not added</strong> (they are still in the box below, to fix and add again):
          <ul>
            {result.problems.map((problem) => (
              <li key={problem.line}>
                Line {problem.line}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.outcomes.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Outcome</th>
              {withPasswords.length > 0 ? <th scope="col">Temporary password</th> : null}
            </tr>
          </thead>
          <tbody>
            {result.outcomes.map((outcome, index) => (
              <tr key={`${index}-${outcome.email}`} data-testid="roster-outcome-row" data-status={outcome.status}>
                <td>{outcome.email}</td>
                <td>{ROLE_LABELS[outcome.role]}</td>
                <td>
                  <span className={STATUS_BADGES[outcome.status]}>{STATUS_LABELS[outcome.status]}</span>
                </td>
                {withPasswords.length > 0 ? (
                  <td>{outcome.temporaryPassword ? <code className="temporary-password">{outcome.temporaryPassword}</code> : <span className="muted">—</span>}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
