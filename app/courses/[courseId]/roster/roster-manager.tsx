"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { LocalTime } from "../../../_components/local-time.tsx";
import { messageOf, sendJson } from "../../../_components/send-json.ts";
import { ActionError } from "../../../_components/use-action.tsx";
import { ROLE_LABELS, type Role } from "../../../_server/roles.ts";
import type { AddOutcome, CsvProblem, RosterEntry } from "../../../_server/staff/roster.ts";

const ROLES: readonly Role[] = ["student", "ta", "instructor"];
const MAX_CSV_BYTES = 512 * 1024;

const STATUS_LABELS: Record<AddOutcome["status"], string> = {
  created: "Account created and enrolled",
  enrolled: "Enrolled",
  role_changed: "Role changed",
  unchanged: "Unchanged (already in the course)",
};
const STATUS_BADGES: Record<AddOutcome["status"], string> = { created: "badge pass", enrolled: "badge pass", role_changed: "badge info", unchanged: "badge" };

interface AddResult {
  readonly outcomes: readonly AddOutcome[];
  readonly problems: readonly CsvProblem[];
}

const parseRole = (value: string): Role => ROLES.find((r) => r === value) ?? "student";

export function RosterManager({ courseId, roster, canManage, viewerId }: { courseId: string; roster: readonly RosterEntry[]; canManage: boolean; viewerId: string }) {
  const router = useRouter();
  const id = useId();
  const [filter, setFilter] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [tableError, setTableError] = useState<string | null>(null);
  const [tableStatus, setTableStatus] = useState<string | null>(null);
  const [result, setResult] = useState<AddResult | null>(null);

  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = roster.filter((m) => words.every((w) => `${m.name} ${m.email} ${ROLE_LABELS[m.role]}`.toLowerCase().includes(w)));
  const count = (role: Role) => roster.filter((m) => m.role === role).length;

  async function remove(member: RosterEntry) {
    setTableError(null);
    setTableStatus(null);
    setRemoving(true);
    try {
      await sendJson(`/api/courses/${courseId}/roster/${encodeURIComponent(member.userId)}`, "DELETE");
      setTableStatus(`${member.name} (${member.email}) was removed from the course. Their submissions are kept.`);
      setConfirming(null);
      router.refresh();
    } catch (failure) {
      setTableError(messageOf(failure));
    } finally {
      setRemoving(false);
    }
  }

  /** Sends an addition; the outcome stays on screen (with any temporary passwords) until dismissed. */
  async function add(body: unknown): Promise<void> {
    const answer = await sendJson<AddResult>(`/api/courses/${courseId}/roster`, "POST", body);
    setResult(answer);
    router.refresh();
  }

  return (
    <>
      <p className="muted">
        {count("student")} student{count("student") === 1 ? "" : "s"} · {count("ta")} TA{count("ta") === 1 ? "" : "s"} · {count("instructor")} instructor{count("instructor") === 1 ? "" : "s"}
        {canManage ? null : " · Only instructors can add or remove people."}
      </p>

      {result ? <AddOutcomePanel result={result} onDismiss={() => setResult(null)} /> : null}

      {canManage ? (
        <div className="grid-2 roster-add">
          <AddOneForm onAdd={add} />
          <AddManyForm onAdd={add} />
        </div>
      ) : null}

      <section className="card" aria-labelledby={`${id}-members`}>
        <div className="toolbar roster-toolbar">
          <h2 id={`${id}-members`}>Members</h2>
          <div className="field">
            <label htmlFor={`${id}-filter`}>Filter</label>
            <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name, email or role" />
          </div>
        </div>
        <ActionError message={tableError} />
        {tableStatus ? (
          <p className="notice" role="status">
            {tableStatus}
          </p>
        ) : null}
        <table className="data" data-testid="roster">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => (
              <tr key={member.userId} data-testid="roster-row" data-email={member.email}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>
                  <span className={member.role === "student" ? "badge" : "badge info"}>{ROLE_LABELS[member.role]}</span>
                </td>
                <td>
                  <LocalTime iso={member.addedAt} />
                </td>
                {canManage ? (
                  <td className="roster-actions">
                    {member.userId === viewerId ? (
                      <span className="muted small">You</span>
                    ) : confirming === member.userId ? (
                      <span className="roster-confirm" role="group" aria-label={`Confirm removing ${member.name}`}>
                        <span className="small">Remove {member.name} from the course?</span>
                        <button type="button" className="button small-button danger" onClick={() => void remove(member)} disabled={removing}>
                          {removing ? <span className="spinner" aria-hidden /> : null}
                          Yes, remove
                        </button>
                        <button type="button" className="button small-button" onClick={() => setConfirming(null)} disabled={removing}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button small-button"
                        onClick={() => {
                          setConfirming(member.userId);
                          setTableError(null);
                        }}
                        aria-label={`Remove ${member.name}`}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="muted">{roster.length === 0 ? "No one is in this course yet." : "No member matches the filter."}</p> : null}
      </section>
    </>
  );
}

function AddOneForm({ onAdd }: { onAdd: (body: unknown) => Promise<void> }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("student");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError("Enter the person's email address.");
      return;
    }
    setBusy(true);
    try {
      await onAdd({ members: [{ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}), role }] });
      setEmail("");
      setName("");
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-heading`} data-testid="roster-add-one">
      <h2 id={`${id}-heading`}>Add a person</h2>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>
          Name <span className="muted small">(optional; for new accounts)</span>
        </label>
        <input id={`${id}-name`} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(parseRole(e.target.value))}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <ActionError message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null}
        Add to course
      </button>
    </form>
  );
}

function AddManyForm({ onAdd }: { onAdd: (body: unknown) => Promise<void> }) {
  const id = useId();
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  // A new key empties the file input after a successful addition.
  const [fileInputKey, setFileInputKey] = useState(0);
  const [defaultRole, setDefaultRole] = useState<Role>("student");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    setError(null);
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setError(`${file.name} is ${(file.size / 1024).toFixed(0)} KB; the limit is ${MAX_CSV_BYTES / 1024} KB.`);
      event.target.value = "";
      return;
    }
    try {
      setCsv(await file.text());
      setFileName(file.name);
    } catch {
      setError(`Could not read ${file.name}.`);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (csv.trim() === "") {
      setError("Paste the CSV or choose a .csv file first.");
      return;
    }
    if (new TextEncoder().encode(csv).length > MAX_CSV_BYTES) {
      setError(`The CSV is larger than ${MAX_CSV_BYTES / 1024} KB; split it into parts.`);
      return;
    }
    setBusy(true);
    try {
      await onAdd({ csv, defaultRole });
      setCsv("");
      setFileName(null);
      setFileInputKey((k) => k + 1);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-heading`} data-testid="roster-add-many">
      <h2 id={`${id}-heading`}>Add many (CSV)</h2>
      <div className="field">
        <label htmlFor={`${id}-csv`}>CSV: one person per line</label>
        <textarea
          id={`${id}-csv`}
          className="roster-csv"
          rows={6}
          value={csv}
          onChange={(e) => {
            setCsv(e.target.value);
            setFileName(null);
          }}
          placeholder={"email,name,role\nada@example.edu,Ada Lovelace,student\ngrace@example.edu,Grace Hopper,ta"}
          aria-describedby={`${id}-csv-hint`}
          spellCheck={false}
        />
        <span id={`${id}-csv-hint`} className="muted small">
          Columns: email, then optionally name and role (student, ta or instructor). A header line may name the columns in any order. Rows without a role get the default role.
        </span>
      </div>
      <div className="roster-many-row">
        <div className="field">
          <label htmlFor={`${id}-file`}>Or choose a .csv file</label>
          <input key={fileInputKey} id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void chooseFile(e)} />
          {fileName ? <span className="muted small">Read {fileName}; check it above.</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-default-role`}>Default role</label>
          <select id={`${id}-default-role`} value={defaultRole} onChange={(e) => setDefaultRole(parseRole(e.target.value))}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ActionError message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null}
        Add everyone
      </button>
    </form>
  );
}

function AddOutcomePanel({ result, onDismiss }: { result: AddResult; onDismiss: () => void }) {
  const id = useId();
  const withPasswords = result.outcomes.filter((o) => o.temporaryPassword);
  const tally = (status: AddOutcome["status"]) => result.outcomes.filter((o) => o.status === status).length;
  return (
    <section className="card roster-outcome" data-testid="roster-outcome" aria-labelledby={`${id}-heading`}>
      <div className="roster-outcome-head">
        <h2 id={`${id}-heading`}>Added</h2>
        <span className="muted small">
          {tally("created")} new account{tally("created") === 1 ? "" : "s"} · {tally("enrolled")} enrolled · {tally("role_changed")} role{tally("role_changed") === 1 ? "" : "s"} changed · {tally("unchanged")} unchanged
          {result.problems.length > 0 ? ` · ${result.problems.length} line${result.problems.length === 1 ? "" : "s"} skipped` : ""}
        </span>
        <button type="button" className="button small-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {withPasswords.length > 0 ? (
        <p className="notice warn" role="status">
          {withPasswords.length === 1 ? "A new account was" : `${withPasswords.length} new accounts were`} created. Their temporary passwords are shown only
          now: pass each one on to its person (Epoch sends no email) before you leave this page.
        </p>
      ) : null}
      {result.problems.length > 0 ? (
        <div className="notice error" role="alert" data-testid="roster-problems">
          <strong>Lines that were not added:</strong>
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
                {withPasswords.length > 0 ? <td>{outcome.temporaryPassword ? <code className="temporary-password">{outcome.temporaryPassword}</code> : <span className="muted">—</span>}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
