"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "../../../_components/send-json.ts";
import type { Role } from "../../../_server/roles.ts";
import type { RosterEntry } from "../../../_server/staff/roster.ts";
import { AddManyForm } from "./add-many-form.tsx";
import { AddOneForm } from "./add-one-form.tsx";
import { AddOutcomePanel } from "./add-outcome-panel.tsx";
import { MembersTable } from "./members-table.tsx";
import type { AddResult } from "./roster-roles.ts";

/** The roster page: counts by role, the outcome of the last addition, the add forms and the members. */
export function RosterManager({ courseId, roster, canManage, viewerId }: { courseId: string; roster: readonly RosterEntry[]; canManage: boolean; viewerId: string }) {
  const router = useRouter();
  const [result, setResult] = useState<AddResult | null>(null);
  const count = (role: Role) => roster.filter((m) => m.role === role).length;

  /** Sends an addition; the outcome stays on screen (with any temporary passwords) until dismissed. */
  async function add(body: unknown): Promise<AddResult> {
    const answer = await sendJson<AddResult>(`/api/courses/${courseId}/roster`, "POST", body);
    setResult(answer);
    router.refresh();
    return answer;
  }

  return (
    <>
      <p className="muted">
        {count("student")} student{count("student") === 1 ? "" : "s"} · {count("ta")} TA{count("ta") === 1 ? "" : "s"} · {count("instructor")} instructor
        {count("instructor") === 1 ? "" : "s"}
        {canManage ? null : " · Only instructors can add or remove people."}
      </p>

      {result ? <AddOutcomePanel result={result} onDismiss={() => setResult(null)} /> : null}

      {canManage ? (
        <div className="grid-2 roster-add">
          <AddOneForm onAdd={add} />
          <AddManyForm onAdd={add} />
        </div>
      ) : null}

      <MembersTable courseId={courseId} roster={roster} canManage={canManage} viewerId={viewerId} />
    </>
  );
}
