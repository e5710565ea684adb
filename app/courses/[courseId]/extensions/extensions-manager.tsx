"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { LocalTime } from "../../../_components/local-time.tsx";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import type { courseExtensions } from "../../../_server/extensions/grant.ts";

type Data = Awaited<ReturnType<typeof courseExtensions>>;

/** The lists of extensions and accommodations, and (for instructors) the forms that change them. */
export function ExtensionsManager({ courseId, data, canManage }: { courseId: string; data: Data; canManage: boolean }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const extensionsUrl = `/api/courses/${courseId}/extensions`;
  const accommodationsUrl = `/api/courses/${courseId}/accommodations`;

  async function send(url: string, method: "POST" | "DELETE", body: unknown, message: string): Promise<void> {
    await sendJson(url, method, body);
    setDone(message);
    router.refresh();
  }

  return (
    <>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {canManage ? (
        <div className="grid-2">
          <GrantOneForm sets={data.sets} onGrant={(body) => send(extensionsUrl, "POST", body, `Saved the extension for ${body.email}.`)} />
          <GrantCsvForm onGrant={(csv) => send(extensionsUrl, "POST", { csv }, "Saved every line of the CSV.")} />
        </div>
      ) : null}
      <h2>Extensions</h2>
      {data.extensions.length === 0 ? (
        <p className="muted">No student has an extension.</p>
      ) : (
        <table className="data" data-testid="extensions-table">
          <thead>
            <tr>
              <th>Student</th>
              <th>Set</th>
              <th>Due for them</th>
              <th className="num">Extra attempts</th>
              <th className="num">Extra minutes</th>
              <th>Reason</th>
              <th>Given by</th>
              {canManage ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {data.extensions.map((e) => (
              <tr key={`${e.userId}:${e.setId}`} data-testid="extension-row">
                <td>
                  {e.name} <span className="muted small">{e.email}</span>
                </td>
                <td>{e.setTitle}</td>
                <td>{e.dueAt ? <LocalTime iso={e.dueAt} /> : "—"}</td>
                <td className="num">{e.extraAttempts ?? "—"}</td>
                <td className="num">{e.extraMinutes ?? "—"}</td>
                <td>{e.reason}</td>
                <td>
                  {e.givenBy}, <LocalTime iso={e.updatedAt} />
                </td>
                {canManage ? (
                  <td>
                    <RemoveButton
                      label={`Revoke ${e.email}'s extension on ${e.setTitle}`}
                      onRemove={() => send(extensionsUrl, "DELETE", { email: e.email, setId: e.setId }, `Revoked the extension for ${e.email}.`)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Accommodations (every timed set)</h2>
      {canManage ? <AccommodationForm onSave={(body) => send(accommodationsUrl, "POST", body, `Saved the accommodation for ${body.email}.`)} /> : null}
      {data.accommodations.length === 0 ? (
        <p className="muted">No student has an accommodation.</p>
      ) : (
        <table className="data" data-testid="accommodations-table">
          <thead>
            <tr>
              <th>Student</th>
              <th className="num">Exam time</th>
              <th>Reason</th>
              <th>Given by</th>
              {canManage ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {data.accommodations.map((a) => (
              <tr key={a.userId}>
                <td>
                  {a.name} <span className="muted small">{a.email}</span>
                </td>
                <td className="num">{a.timeMultiplier}×</td>
                <td>{a.reason}</td>
                <td>
                  {a.givenBy}, <LocalTime iso={a.updatedAt} />
                </td>
                {canManage ? (
                  <td>
                    <RemoveButton
                      label={`Remove ${a.email}'s accommodation`}
                      onRemove={() => send(accommodationsUrl, "DELETE", { email: a.email }, `Removed the accommodation for ${a.email}.`)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function RemoveButton({ label, onRemove }: { label: string; onRemove: () => Promise<void> }) {
  const { busy, error, run } = useAction();
  return (
    <>
      <button type="button" className="button" aria-label={label} disabled={busy} onClick={() => void run(onRemove)}>
        Remove
      </button>
      <ActionError message={error} />
    </>
  );
}

interface GrantBody {
  email: string;
  setId: string;
  dueAt?: string;
  extraAttempts?: number;
  extraMinutes?: number;
  reason: string;
}

/** A whole number typed in a field, or undefined when it is empty. */
const wholeNumber = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));

function GrantOneForm({ sets, onGrant }: { sets: Data["sets"]; onGrant: (body: GrantBody) => Promise<void> }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [setId, setSetId] = useState(sets[0]?.id ?? "");
  const [due, setDue] = useState("");
  const [attempts, setAttempts] = useState("");
  const [minutes, setMinutes] = useState("");
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  const chosen = sets.find((s) => s.id === setId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: GrantBody = { email, setId, reason };
    // The browser reads the typed time in the staff member's own zone; the server receives UTC.
    if (due) body.dueAt = new Date(due).toISOString();
    const extraAttempts = wholeNumber(attempts);
    const extraMinutes = wholeNumber(minutes);
    if (extraAttempts !== undefined) body.extraAttempts = extraAttempts;
    if (extraMinutes !== undefined) body.extraMinutes = extraMinutes;
    await run(async () => {
      await onGrant(body);
      setEmail("");
      setReason("");
    });
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`} data-testid="extension-form">
      <h2 id={`${id}-heading`}>Give one student an extension</h2>
      <div className="field">
        <label htmlFor={`${id}-email`}>Student&apos;s email</label>
        <input id={`${id}-email`} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-set`}>Set</label>
        <select id={`${id}-set`} value={setId} onChange={(e) => setSetId(e.target.value)}>
          {sets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        {chosen ? (
          <span className="muted small">
            Due <LocalTime iso={chosen.dueAt} />
            {chosen.maxAttempts !== null ? ` · ${chosen.maxAttempts} attempts` : " · no attempt limit"}
            {chosen.timeLimitMinutes !== null ? ` · ${chosen.timeLimitMinutes} min exam` : ""}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>Later due date (your time zone; empty keeps the set&apos;s)</label>
        <input id={`${id}-due`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-attempts`}>Extra attempts</label>
        <input id={`${id}-attempts`} type="number" min={1} max={100} inputMode="numeric" value={attempts} onChange={(e) => setAttempts(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-minutes`}>Extra exam minutes (replace a course-wide accommodation on this set)</label>
        <input id={`${id}-minutes`} type="number" min={0} max={1440} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason (staff only)</label>
        <input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ActionError message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        Save extension
      </button>
    </form>
  );
}

function GrantCsvForm({ onGrant }: { onGrant: (csv: string) => Promise<void> }) {
  const id = useId();
  const [csv, setCsv] = useState("");
  const { busy, error, run } = useAction();
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await onGrant(csv);
          setCsv("");
        });
      }}
      aria-labelledby={`${id}-heading`}
      data-testid="extension-csv-form"
    >
      <h2 id={`${id}-heading`}>Extensions from CSV</h2>
      <div className="field">
        <label htmlFor={`${id}-csv`}>CSV: one extension per line</label>
        <textarea
          id={`${id}-csv`}
          rows={6}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          spellCheck={false}
          placeholder={"email,set,due,extra_attempts,extra_minutes,reason\nada@example.edu,Week 3,2026-12-10T23:59Z,,,Illness\ngrace@example.edu,Exam practice,,,20,Fire alarm"}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="muted small">
          Columns: email, set (its title or id), due (with its time zone: 2026-12-10T23:59Z or 2026-12-10 23:59+01:00), extra_attempts, extra_minutes, reason. Empty cells keep the
          set&apos;s term. If any line is wrong, nothing is saved and every wrong line is listed.
        </span>
      </div>
      {/* One line per wrong CSV line. */}
      {error ? (
        <p className="notice error" role="alert" style={{ whiteSpace: "pre-line" }}>
          {error}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={busy || csv.trim() === ""}>
        Save every line
      </button>
    </form>
  );
}

function AccommodationForm({ onSave }: { onSave: (body: { email: string; timeMultiplier: number; reason: string }) => Promise<void> }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [multiplier, setMultiplier] = useState("1.5");
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await onSave({ email, timeMultiplier: Number(multiplier), reason });
          setEmail("");
          setReason("");
        });
      }}
      aria-labelledby={`${id}-heading`}
      data-testid="accommodation-form"
    >
      <h3 id={`${id}-heading`}>Give a student more time on every timed set</h3>
      <div className="field">
        <label htmlFor={`${id}-email`}>Student&apos;s email</label>
        <input id={`${id}-email`} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-multiplier`}>Exam time × (1.05 to 4)</label>
        <input id={`${id}-multiplier`} type="number" min={1.05} max={4} step={0.05} value={multiplier} onChange={(e) => setMultiplier(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason (staff only)</label>
        <input id={`${id}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ActionError message={error} />
      <button type="submit" className="button primary" disabled={busy}>
        Save accommodation
      </button>
    </form>
  );
}
