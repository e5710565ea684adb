"use client";
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import type { Role } from "../../../_server/roles.ts";
import { RoleSelect } from "./role-select.tsx";
import type { AddMembers } from "./roster-roles.ts";

/** The largest CSV read, pasted or from a file. */
const MAX_CSV_BYTES = 512 * 1024;

/** Many people at once, from pasted CSV or a .csv file. */
export function AddManyForm({ onAdd }: { onAdd: AddMembers }) {
  const id = useId();
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  // A new key empties the file input after a successful addition.
  const [fileInputKey, setFileInputKey] = useState(0);
  const [defaultRole, setDefaultRole] = useState<Role>("student");
  const { busy, error, setError, run } = useAction();

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
    await run(async () => {
      const { problems } = await onAdd({ csv, defaultRole });
      // Lines to fix stay in the box, numbered as the report above names them.
      if (problems.length > 0) return;
      setCsv("");
      setFileName(null);
      setFileInputKey((k) => k + 1);
    });
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
        <RoleSelect id={`${id}-default-role`} label="Default role" value={defaultRole} onChange={setDefaultRole} />
      </div>
      <ActionError message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null}
        Add everyone
      </button>
    </form>
  );
}
