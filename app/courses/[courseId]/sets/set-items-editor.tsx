"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { messageOf, sendJson } from "../../../_components/send-json.ts";
import { ActionError } from "../../../_components/use-action.tsx";
import { BankPicker } from "./bank-picker.tsx";

export interface EditorItem {
  readonly exerciseId: string;
  readonly title: string;
  readonly points: number;
  /** Submissions already made to this exercise in this set (0 for one added here). */
  readonly submissions: number;
}

const DEFAULT_POINTS = 10;

interface Row {
  readonly exerciseId: string;
  readonly title: string;
  /** The input's text, so that a half-typed number is not rewritten under the cursor. */
  readonly points: string;
  readonly submissions: number;
}

const toRows = (items: readonly EditorItem[]): Row[] => items.map((item) => ({ ...item, points: String(item.points) }));
const signature = (rows: readonly Row[]) => JSON.stringify(rows.map((r) => [r.exerciseId, Number(r.points)]));

/** The set's exercises in order, with points; changes are kept here until "Save exercises". */
export function SetItemsEditor({ courseId, setId, initialItems }: { courseId: string; setId: string; initialItems: readonly EditorItem[] }) {
  const router = useRouter();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => toRows(initialItems));
  const [savedSignature, setSavedSignature] = useState(() => signature(toRows(initialItems)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const dirty = signature(rows) !== savedSignature;
  const inSet = useMemo(() => new Set(rows.map((r) => r.exerciseId)), [rows]);
  const total = rows.reduce((sum, r) => sum + (Number(r.points) || 0), 0);

  function move(index: number, by: -1 | 1) {
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
    setStatus(null);
  }

  function remove(index: number) {
    setRows((current) => current.filter((_, i) => i !== index));
    setStatus(null);
  }

  function setPoints(index: number, text: string) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, points: text } : row)));
    setStatus(null);
  }

  function add(entry: { id: string; title: string }) {
    setRows((current) =>
      current.some((r) => r.exerciseId === entry.id) ? current : [...current, { exerciseId: entry.id, title: entry.title, points: String(DEFAULT_POINTS), submissions: 0 }],
    );
    setStatus(`Added “${entry.title}”. Save the exercises to keep it.`);
  }

  async function save() {
    setError(null);
    setStatus(null);
    const items = rows.map((row) => ({ exerciseId: row.exerciseId, points: Number(row.points) }));
    const bad = rows.find((row) => row.points.trim() === "" || !(Number(row.points) >= 0 && Number(row.points) <= 1000));
    if (bad) {
      setError(`Points for “${bad.title}” must be a number from 0 to 1000.`);
      return;
    }
    setBusy(true);
    try {
      await sendJson(`/api/sets/${setId}/items`, "PUT", { items });
      setSavedSignature(signature(rows));
      setStatus("Exercises saved.");
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function revert() {
    setRows(toRows(initialItems));
    setSavedSignature(signature(toRows(initialItems)));
    setError(null);
    setStatus(null);
  }

  return (
    <div className="builder-items">
      <section className="card" data-testid="set-items" aria-labelledby={`${id}-heading`}>
        <div className="set-form-head">
          <h2 id={`${id}-heading`}>Exercises</h2>
          <span className="muted small">
            {rows.length} exercise{rows.length === 1 ? "" : "s"} · {Math.round(total * 100) / 100} points
          </span>
        </div>
        {rows.length === 0 ? (
          <p className="muted">No exercises yet. Add some from the bank.</p>
        ) : (
          <table className="data set-items-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Exercise</th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row.exerciseId} data-testid="set-item-row" data-exercise-id={row.exerciseId}>
                  <td>{index + 1}</td>
                  <td>
                    <Link href={`/courses/${courseId}/bank/${row.exerciseId}`}>{row.title}</Link>
                    <div className="muted small">
                      <code>{row.exerciseId}</code>
                      {row.submissions > 0 ? ` · ${row.submissions} submission${row.submissions === 1 ? "" : "s"}` : null}
                    </div>
                  </td>
                  <td className="num">
                    <label className="visually-hidden" htmlFor={`${id}-points-${row.exerciseId}`}>
                      Points for {row.title}
                    </label>
                    <input
                      id={`${id}-points-${row.exerciseId}`}
                      className="points-input"
                      type="number"
                      min={0}
                      max={1000}
                      step="any"
                      value={row.points}
                      onChange={(e) => setPoints(index, e.target.value)}
                    />
                  </td>
                  <td className="set-item-actions">
                    <button
                      type="button"
                      className="button small-button"
                      onClick={() => move(index, -1)}
                      disabled={index === 0}
                      aria-label={`Move ${row.title} up`}
                      title="Move up"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button small-button"
                      onClick={() => move(index, 1)}
                      disabled={index === rows.length - 1}
                      aria-label={`Move ${row.title} down`}
                      title="Move down"
                    >
                      ↓
                    </button>
                    <button type="button" className="button small-button" onClick={() => remove(index)} aria-label={`Remove ${row.title}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ActionError message={error} />
        {status ? (
          <p className="notice" role="status">
            {status}
          </p>
        ) : null}
        <div className="set-form-actions">
          <button type="button" className="button primary" onClick={() => void save()} disabled={busy || !dirty}>
            {busy ? <span className="spinner" aria-hidden /> : null}
            Save exercises
          </button>
          {dirty ? (
            <>
              <button type="button" className="button" onClick={revert} disabled={busy}>
                Undo changes
              </button>
              <span className="muted small">Unsaved changes</span>
            </>
          ) : null}
        </div>
      </section>
      <BankPicker courseId={courseId} inSet={inSet} onAdd={add} />
    </div>
  );
}
