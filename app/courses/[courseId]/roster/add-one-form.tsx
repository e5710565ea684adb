"use client";
import { useId, useState, type FormEvent } from "react";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import type { Role } from "../../../_server/roles.ts";
import { RoleSelect } from "./role-select.tsx";
import type { AddMembers } from "./roster-roles.ts";

/** One person by email, with an optional name and a role. */
export function AddOneForm({ onAdd }: { onAdd: AddMembers }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("student");
  const { busy, error, setError, run } = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError("Enter the person's email address.");
      return;
    }
    await run(async () => {
      await onAdd({ members: [{ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}), role }] });
      setEmail("");
      setName("");
    });
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
      <RoleSelect id={`${id}-role`} label="Role" value={role} onChange={setRole} />
      <ActionError message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? <span className="spinner" aria-hidden /> : null}
        Add to course
      </button>
    </form>
  );
}
