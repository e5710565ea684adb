"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { LocalTime } from "../../../_components/local-time.tsx";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import { ROLE_LABELS } from "../../../_server/roles.ts";
import type { RosterEntry } from "../../../_server/staff/roster.ts";
import { ResetLinkButton } from "./reset-link-button.tsx";

/** The course's members, filtered by any words typed, with removal (after a confirmation) for instructors. */
export function MembersTable({ courseId, roster, canManage, viewerId }: { courseId: string; roster: readonly RosterEntry[]; canManage: boolean; viewerId: string }) {
  const router = useRouter();
  const id = useId();
  const [filter, setFilter] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [tableStatus, setTableStatus] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = roster.filter((m) => words.every((w) => `${m.name} ${m.email} ${ROLE_LABELS[m.role]}`.toLowerCase().includes(w)));

  async function remove(member: RosterEntry) {
    setTableStatus(null);
    await run(async () => {
      await sendJson(`/api/courses/${courseId}/roster/${encodeURIComponent(member.userId)}`, "DELETE");
      setTableStatus(`${member.name} (${member.email}) was removed from the course. Their submissions are kept.`);
      setConfirming(null);
      router.refresh();
    });
  }

  return (
    <section className="card" aria-labelledby={`${id}-members`}>
      <div className="toolbar roster-toolbar">
        <h2 id={`${id}-members`}>Members</h2>
        <div className="field">
          <label htmlFor={`${id}-filter`}>Filter</label>
          <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name, email or role" />
        </div>
      </div>
      <ActionError message={error} />
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
                      <button type="button" className="button small-button danger" onClick={() => void remove(member)} disabled={busy}>
                        {busy ? <span className="spinner" aria-hidden /> : null}
                        Yes, remove
                      </button>
                      <button type="button" className="button small-button" onClick={() => setConfirming(null)} disabled={busy}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button small-button"
                      onClick={() => {
                        setConfirming(member.userId);
                        setError(null);
                      }}
                      aria-label={`Remove ${member.name}`}
                    >
                      Remove
                    </button>
                  )}
                  {member.userId !== viewerId && member.role !== "instructor" && confirming !== member.userId ? <ResetLinkButton courseId={courseId} member={member} /> : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">{roster.length === 0 ? "No one is in this course yet." : "No member matches the filter."}</p> : null}
    </section>
  );
}
