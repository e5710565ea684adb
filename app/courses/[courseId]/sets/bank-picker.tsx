"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Markdown } from "../../../_components/markdown.tsx";
import { messageOf, sendJson } from "../../../_components/send-json.ts";
import { ActionError } from "../../../_components/use-action.tsx";
import type { BankEntry, BankExercise } from "../../../_server/staff/bank.ts";
import { SignatureInLanguages, VisibleTestsInLanguages } from "../bank/in-languages.tsx";
import { LanguageTabs } from "../bank/language-tabs.tsx";
import { statementBody } from "../bank/statement.ts";

/** The check result of a bank exercise as a badge. */
export function CheckBadge({ check }: { check: BankEntry["check"] }) {
  if (!check) return <span className="badge">Not checked yet</span>;
  return check.ok ? <span className="badge pass">Check passed</span> : <span className="badge fail">Check failing</span>;
}

/** "Add exercises": the course's exercise bank, searchable, with a preview of a sample variant. */
export function BankPicker({ courseId, inSet, onAdd }: { courseId: string; inSet: ReadonlySet<string>; onAdd: (entry: { id: string; title: string }) => void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [topic, setTopic] = useState("");
  const [bank, setBank] = useState<{ entries: BankEntry[]; topics: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ exerciseId: string; seed: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Typing waits a moment before asking the server, so each keystroke is not a request.
    const timer = setTimeout(() => {
      const params = new URLSearchParams();
      if (q.trim()) params.set("q", q.trim());
      if (topic) params.set("topic", topic);
      sendJson<{ entries: BankEntry[]; topics: string[] }>(`/api/courses/${courseId}/bank?${params}`, "GET")
        .then((answer) => {
          if (cancelled) return;
          setBank(answer);
          setError(null);
        })
        .catch((failure: unknown) => {
          if (!cancelled) setError(messageOf(failure));
        });
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [courseId, q, topic]);

  return (
    <section className="card bank-picker" data-testid="bank-picker" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add exercises</h2>
      <div className="toolbar">
        <div className="field bank-search">
          <label htmlFor={`${id}-q`}>Search the bank</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title, summary or topic" maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>Topic</label>
          <select id={`${id}-topic`} value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">All topics</option>
            {(bank?.topics ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ActionError message={error} />
      {preview ? (
        <BankPreview
          courseId={courseId}
          exerciseId={preview.exerciseId}
          seed={preview.seed}
          added={inSet.has(preview.exerciseId)}
          onSeed={(seed) => setPreview({ ...preview, seed })}
          onAdd={onAdd}
          onClose={() => setPreview(null)}
        />
      ) : null}
      {bank === null && !error ? <p className="muted">Loading the bank…</p> : null}
      {bank && bank.entries.length === 0 ? <p className="muted">No exercise matches.</p> : null}
      <ul className="bank-entries">
        {(bank?.entries ?? []).map((entry) => (
          <li key={entry.id} data-testid="bank-entry" data-exercise-id={entry.id} className={preview?.exerciseId === entry.id ? "previewing" : undefined}>
            <div className="bank-entry-main">
              <strong>{entry.title}</strong> <CheckBadge check={entry.check} />
              <div className="small">{entry.summary}</div>
              <div className="muted small">
                {entry.difficulty} · {entry.topics.join(", ")}
              </div>
            </div>
            <div className="bank-entry-actions">
              <button
                type="button"
                className="button small-button"
                onClick={() => setPreview(preview?.exerciseId === entry.id ? null : { exerciseId: entry.id, seed: 1 })}
                aria-expanded={preview?.exerciseId === entry.id}
                aria-label={`Preview ${entry.title}`}
              >
                Preview
              </button>
              {inSet.has(entry.id) ? (
                <span className="badge info">In this set</span>
              ) : (
                <button type="button" className="button small-button" onClick={() => onAdd(entry)} aria-label={`Add ${entry.title}`}>
                  Add
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BankPreview(props: {
  courseId: string;
  exerciseId: string;
  seed: number;
  added: boolean;
  onSeed: (seed: number) => void;
  onAdd: (entry: { id: string; title: string }) => void;
  onClose: () => void;
}) {
  const { courseId, exerciseId, seed } = props;
  const [exercise, setExercise] = useState<BankExercise | null>(null);
  // A failure is kept with the request it belongs to, so asking for another one clears it.
  const request = `/api/courses/${courseId}/bank/${encodeURIComponent(exerciseId)}?seed=${seed}`;
  const [failure, setFailure] = useState<{ request: string; message: string } | null>(null);
  const error = failure?.request === request ? failure.message : null;

  useEffect(() => {
    let cancelled = false;
    sendJson<{ exercise: BankExercise }>(request, "GET")
      .then((answer) => {
        if (!cancelled) setExercise(answer.exercise);
      })
      .catch((caught: unknown) => {
        if (!cancelled) setFailure({ request, message: messageOf(caught) });
      });
    return () => {
      cancelled = true;
    };
  }, [request]);

  // While another exercise loads, keep nothing of the previous one on screen.
  const shown = exercise && exercise.id === exerciseId ? exercise : null;

  // Opened from a list that may be scrolled: bring the preview into view, once per exercise.
  const frame = useRef<HTMLElement>(null);
  useEffect(() => {
    frame.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [exerciseId]);

  return (
    <section ref={frame} className="bank-preview" data-testid="bank-preview" aria-label="Exercise preview">
      <div className="set-form-head">
        <h3>{shown ? shown.title : "Loading…"}</h3>
        <span className="bank-preview-actions">
          <button type="button" className="button small-button" onClick={() => props.onSeed(seed + 1)} disabled={!shown}>
            Another variant
          </button>
          {shown && !props.added ? (
            <button type="button" className="button small-button primary" onClick={() => props.onAdd(shown)}>
              Add to set
            </button>
          ) : null}
          <button type="button" className="button small-button" onClick={props.onClose}>
            Close preview
          </button>
        </span>
      </div>
      <ActionError message={error} />
      {shown ? (
        <>
          <p className="muted small">
            Variant for seed {shown.sampleSeed} · {shown.difficulty} · {shown.topics.join(", ")} ·{" "}
            <Link href={`/courses/${courseId}/bank/${shown.id}?seed=${shown.sampleSeed}`}>Open in the bank</Link>
          </p>
          <LanguageTabs>
            <div className="statement">
              <Markdown source={statementBody(shown.statement)} pythonNames={shown.pythonNames} />
            </div>
            <h4>Signature</h4>
            <SignatureInLanguages exercise={shown} />
            <h4>Visible tests</h4>
            <div className="examples">
              <VisibleTestsInLanguages tests={shown.visibleTests} />
            </div>
          </LanguageTabs>
          <p className="muted small">
            {shown.hiddenTests.length} hidden test{shown.hiddenTests.length === 1 ? "" : "s"} run when students submit.
          </p>
        </>
      ) : null}
    </section>
  );
}
