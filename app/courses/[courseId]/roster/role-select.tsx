"use client";
import { COURSE_ROLES, ROLE_LABELS, type Role } from "../../../_server/roles.ts";

const parseRole = (value: string): Role => COURSE_ROLES.find((r) => r === value) ?? "student";

/** A labelled choice of course role. */
export function RoleSelect({ id, label, value, onChange }: { id: string; label: string; value: Role; onChange: (role: Role) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(parseRole(e.target.value))}>
        {COURSE_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}
