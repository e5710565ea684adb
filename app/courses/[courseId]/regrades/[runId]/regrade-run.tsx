"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { LocalTime } from "../../../../_components/local-time.tsx";
import { formatPoints } from "../../../../_components/score.ts";
import { messageOf, sendJson } from "../../../../_components/send-json.ts";
import { ActionError } from "../../../../_components/use-action.tsx";
import { VerdictBadge } from "../../../../_components/verdict-badge.tsx";
import type { RegradeEntryView, RegradeRunView } from "../../../../_server/staff/regrade.ts";
import { RegradeStatusBadge } from "../status-badge.tsx";
import { RegradePictures } from "../../../../_components/pictures/regrade-pictures.tsx";

const POLL_MS = 1000;

function isChanged(entry: RegradeEntryView): boolean {
  return entry.status === "done" && (entry.delta !== 0 || entry.oldVerdict !== entry.newVerdict);
}

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return <span className="muted">–</span>;
  if (delta === 0) return <span className="muted">0</span>;
  const text = `${delta > 0 ? "+" : "−"}${Math.round(Math.abs(delta) * 100) / 100}`;
  return (
    <span className={delta > 0 ? "delta-up" : "delta-down"} title={delta > 0 ? "Gains points" : "Loses points"}>
      {text}
    </span>
  );
}

/** A regrade run: its progress while grading, then the preview of every entry and Apply / Discard. */
export function RegradeRunPanel({ courseId, initial }: { courseId: string; initial: RegradeRunView }) {
  const [run, setRun] = useState(initial);
  const [busy, setBusy] = useState<"apply" | "discard" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pollProblem, setPollProblem] = useState(false);

  // While the grader host works through the entries, ask for the run's state every second.
  const grading = run.status === "grading";
  useEffect(() => {
    if (!grading) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const response = await fetch(`/api/regrades/${run.id}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const next = ((await response.json()) as { run: RegradeRunView }).run;
        failures = 0;
        if (!stopped) {
          setPollProblem(false);
          setRun(next);
        }
      } catch {
        failures++;
        if (!stopped) setPollProblem(failures > 2);
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS * Math.min(8, 2 ** failures));
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [grading, run.id]);

  // Changed entries first (the server orders by size of change), then the rest.
  const entries = useMemo(() => [...run.entries].sort((a, b) => Number(isChanged(b)) - Number(isChanged(a))), [run.entries]);

  const act = async (action: "apply" | "discard") => {
    const question =
      action === "apply"
        ? `Apply this regrade? ${run.changed} of ${run.total} score${run.total === 1 ? "" : "s"} or verdicts change; every entry's new result replaces the old one. Overrides stay in place.`
        : run.changed === 0
          ? "Close this regrade? Nothing changed, and the submissions keep their results."
          : "Discard this regrade? The submissions keep their current results.";
    if (!window.confirm(question)) return;
    setBusy(action);
    setError(null);
    try {
      const { run: next } = await sendJson<{ run: RegradeRunView }>(`/api/regrades/${run.id}/${action}`, "POST");
      setRun(next);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="regrade-run" data-run-id={run.id} data-status={run.status} data-total={run.total} data-done={run.done} data-changed={run.changed}>
      <section className="card" aria-label="Regrade">
        <div style={{ display: "flex", gap: "0.75rem", alignItems: "center", flexWrap: "wrap" }}>
          <h1 style={{ margin: 0 }}>Regrade</h1>
          <RegradeStatusBadge status={run.status} />
        </div>
        <p style={{ margin: "0.3rem 0" }}>{run.description}</p>
        <p className="muted small" style={{ margin: 0 }}>
          Requested <LocalTime iso={run.createdAt} />
          {run.finishedAt ? (
            <>
              {" · finished "}
              <LocalTime iso={run.finishedAt} />
            </>
          ) : null}
        </p>

        {grading ? (
          <div className="regrade-progress" role="status" aria-live="polite" style={{ marginTop: "0.75rem" }}>
            <progress value={run.done} max={Math.max(run.total, 1)} aria-label="Regrade progress" />
            <span>
              <span className="spinner" aria-hidden /> {run.done} of {run.total} graded
            </span>
            <span className="muted small">The grader host regrades when students&apos; submissions leave it room.</span>
          </div>
        ) : null}
        {pollProblem ? (
          <p className="notice warn small" role="status">
            Cannot reach the server right now; still trying.
          </p>
        ) : null}

        {run.status === "ready" && run.changed === 0 ? (
          <div style={{ marginTop: "0.75rem" }}>
            <p className="notice" role="status" style={{ margin: "0 0 0.5rem" }} data-testid="regrade-nothing-changed">
              Nothing changed: all {run.total === 1 ? "" : `${run.total} `}submission{run.total === 1 ? "" : "s"} keep{run.total === 1 ? "s" : ""}{" "}
              {run.total === 1 ? "its" : "their"} score and verdict, so there is nothing to apply.
            </p>
            <div className="regrade-actions">
              <button type="button" className="button" onClick={() => void act("discard")} disabled={busy !== null} data-testid="discard-regrade">
                {busy === "discard" ? <span className="spinner" aria-hidden /> : null} Close this regrade
              </button>
            </div>
          </div>
        ) : null}
        {run.status === "ready" && run.changed > 0 ? (
          <div style={{ marginTop: "0.75rem" }}>
            <p style={{ margin: "0 0 0.5rem" }} data-testid="regrade-summary">
              <strong>
                {run.changed} of {run.total}
              </strong>{" "}
              submission{run.total === 1 ? "" : "s"} would change. Nothing has changed yet.
            </p>
            <div className="regrade-actions">
              <button type="button" className="button primary" onClick={() => void act("apply")} disabled={busy !== null} data-testid="apply-regrade">
                {busy === "apply" ? <span className="spinner" aria-hidden /> : null} Apply {run.changed} change{run.changed === 1 ? "" : "s"}
              </button>
              <button type="button" className="button" onClick={() => void act("discard")} disabled={busy !== null} data-testid="discard-regrade">
                {busy === "discard" ? <span className="spinner" aria-hidden /> : null} Discard
              </button>
            </div>
          </div>
        ) : null}
        {grading ? (
          <div className="regrade-actions" style={{ marginTop: "0.75rem" }}>
            <button type="button" className="button" onClick={() => void act("discard")} disabled={busy !== null} data-testid="discard-regrade">
              {busy === "discard" ? <span className="spinner" aria-hidden /> : null} Stop and discard
            </button>
          </div>
        ) : null}
        {run.status === "applied" ? (
          <p className="notice" role="status" data-testid="regrade-applied" style={{ marginBottom: 0 }}>
            Applied
            {run.appliedAt ? (
              <>
                {" "}
                <LocalTime iso={run.appliedAt} />
              </>
            ) : null}
            : the new results now count ({run.changed} changed). Overrides still replace the autograded score where there is one.
          </p>
        ) : null}
        {run.status === "discarded" ? (
          <p className="notice" role="status" data-testid="regrade-discarded" style={{ marginBottom: 0 }}>
            Discarded: the submissions kept their results.
          </p>
        ) : null}
        <ActionError message={error} />
      </section>

      <table className="data regrade-table" data-testid="regrade-entries">
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Exercise</th>
            <th scope="col">Verdict (old → new)</th>
            <th scope="col" className="num">
              Points (old → new)
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const changed = isChanged(entry);
            return (
              <tr
                key={entry.submissionId}
                className={changed ? "changed" : undefined}
                data-testid="regrade-entry"
                data-submission-id={entry.submissionId}
                data-status={entry.status}
                data-changed={changed}
                data-delta={entry.delta ?? ""}
              >
                <td>
                  {entry.student.name}
                  <div className="muted small">{entry.student.email}</div>
                </td>
                <td>
                  {entry.exerciseTitle}
                  <div className="muted small">{entry.setTitle}</div>
                  {changed ? <RegradePictures pictures={entry.pictures} /> : null}
                </td>
                <td>
                  <VerdictBadge verdict={entry.oldVerdict} />
                  <span className="arrow" aria-label="to">
                    →
                  </span>
                  {entry.status === "done" ? <VerdictBadge verdict={entry.newVerdict} /> : <VerdictBadge verdict={null} status={entry.status} />}
                </td>
                <td className="num">
                  {formatPoints(entry.oldPoints, entry.maxPoints)}
                  <span className="arrow" aria-label="to">
                    →
                  </span>
                  {entry.status === "done" ? formatPoints(entry.newPoints, entry.maxPoints) : "…"}
                </td>
                <td className="num">
                  <Delta delta={entry.delta} />
                </td>
                <td className="num">
                  <Link href={`/courses/${courseId}/review/${entry.submissionId}`}>Review</Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
