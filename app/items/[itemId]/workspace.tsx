"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { EditorMarker } from "../../_components/code-editor.tsx";
import { LocalTime } from "../../_components/local-time.tsx";
import { ResultsPanel } from "../../_components/results-panel.tsx";
import { formatPoints } from "../../_components/score.ts";
import type { DraftView } from "../../_server/drafts.ts";
import type { ExercisePage } from "../../_server/exercise-page.ts";
import type { HistoryEntry, SubmissionView } from "../../_server/submissions.ts";
import { CountedScoreBar, SubmissionFeedback, type ScoringPolicy } from "./feedback.tsx";
import "./feedback.css";

const CodeEditor = dynamic(() => import("../../_components/code-editor.tsx").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <div style={{ height: 460, display: "grid", placeItems: "center" }} className="muted">Loading the editor…</div>,
});

type Language = "typescript" | "javascript";
type SaveState = "saved" | "saving" | "unsaved" | "failed";

export interface WorkspaceProps {
  readonly itemId: string;
  readonly exerciseId: string;
  readonly starter: string;
  readonly signature: string;
  readonly maxSourceBytes: number;
  readonly initialDraft: DraftView | null;
  readonly initialHistory: readonly HistoryEntry[];
  readonly pastDue: boolean;
  /** Staff trying the exercise: no score of their own counts. */
  readonly staff?: boolean;
  /** The score that counts for the item; null before anything is graded or while results are withheld. */
  readonly counted?: ExercisePage["counted"];
  /** Staff comments on the viewer's submissions of this item, newest first. */
  readonly comments?: ExercisePage["comments"];
  readonly policy?: ScoringPolicy;
  readonly itemPoints?: number;
}

interface ApiError {
  error?: { message?: string };
}

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as ApiError;
  return body.error?.message ?? `The server answered ${response.status}.`;
}

/** Grader errors with a position become editor squiggles. */
function markersFor(submission: SubmissionView | null): EditorMarker[] {
  const result = submission?.result;
  if (!result) return [];
  const markers: EditorMarker[] = [];
  if (result.error?.location && result.error.location.line > 0) {
    markers.push({ ...result.error.location, message: result.error.message, severity: "error" });
  }
  const seen = new Set<string>();
  for (const test of result.tests) {
    if (!test.location || test.location.line <= 0) continue;
    const key = `${test.location.line}:${test.location.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    markers.push({ ...test.location, message: `${test.name}: ${test.message}`, severity: "error" });
  }
  return markers;
}

export function Workspace(props: WorkspaceProps) {
  const router = useRouter();
  const [code, setCode] = useState(props.initialDraft?.code ?? props.starter);
  const [language, setLanguage] = useState<Language>(props.initialDraft?.language ?? "typescript");
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [active, setActive] = useState<SubmissionView | null>(null);
  const [busy, setBusy] = useState<"run" | "submit" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [history, setHistory] = useState(props.initialHistory);
  const [viewing, setViewing] = useState<SubmissionView | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [cursor, setCursor] = useState<{ line: number; column: number } | null>(null);

  const latest = useRef({ code, language });
  latest.current = { code, language };
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savedCode = useRef(code);

  const saveDraft = useCallback(
    async (keepalive = false) => {
      const { code: text, language: lang } = latest.current;
      if (text === savedCode.current) return;
      setSaveState("saving");
      try {
        const response = await fetch(`/api/items/${props.itemId}/draft`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ code: text, language: lang }),
          keepalive,
        });
        if (!response.ok) throw new Error(await readError(response));
        savedCode.current = text;
        setSaveState(latest.current.code === text ? "saved" : "unsaved");
      } catch {
        setSaveState("failed");
      }
    },
    [props.itemId],
  );

  const onChange = useCallback(
    (text: string) => {
      setCode(text);
      setSaveState("unsaved");
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void saveDraft(), 800);
    },
    [saveDraft],
  );

  // Leaving the page with unsaved edits still stores them.
  useEffect(() => {
    const flush = () => void saveDraft(true);
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [saveDraft]);

  const refreshHistory = useCallback(async () => {
    const response = await fetch(`/api/items/${props.itemId}/submissions`, { cache: "no-store" });
    if (response.ok) setHistory(((await response.json()) as { history: HistoryEntry[] }).history);
  }, [props.itemId]);

  const grade = useCallback(
    async (kind: "run" | "submit") => {
      if (busy) return;
      const { code: text, language: lang } = latest.current;
      const bytes = new TextEncoder().encode(text).length;
      if (bytes > props.maxSourceBytes) {
        setProblem(`Your code is ${(bytes / 1024).toFixed(1)} KB; the limit is ${props.maxSourceBytes / 1024} KB.`);
        return;
      }
      setBusy(kind);
      setProblem(null);
      setViewing(null);
      void saveDraft();
      try {
        // Answered as soon as it is graded (within 5 s); otherwise the loop below keeps asking.
        const response = await fetch("/api/submissions?wait=5000", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ itemId: props.itemId, kind, language: lang, code: text }),
        });
        if (!response.ok) {
          setProblem(await readError(response));
          return;
        }
        let submission = ((await response.json()) as { submission: SubmissionView }).submission;
        setActive(submission);
        if (kind === "submit") void refreshHistory();
        let failures = 0;
        while (submission.status !== "graded") {
          const poll = await fetch(`/api/submissions/${submission.id}?wait=3000`, { cache: "no-store" }).catch(() => null);
          if (!poll || !poll.ok) {
            // The submission is stored: a server restart or a dropped connection only delays the result.
            failures++;
            setProblem(failures > 2 ? "Waiting for the server… your submission is saved and will be graded." : null);
            await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** failures)));
            continue;
          }
          failures = 0;
          setProblem(null);
          submission = ((await poll.json()) as { submission: SubmissionView }).submission;
          setActive(submission);
        }
        if (kind === "submit") {
          void refreshHistory();
          // The score that counts and the comments come with the page's server data.
          router.refresh();
        }
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
      } finally {
        setBusy(null);
      }
    },
    [busy, props.itemId, props.maxSourceBytes, refreshHistory, router, saveDraft],
  );

  const openSubmission = useCallback(async (id: string) => {
    const response = await fetch(`/api/submissions/${id}`, { cache: "no-store" });
    if (!response.ok) {
      setProblem(await readError(response));
      return;
    }
    setViewing(((await response.json()) as { submission: SubmissionView }).submission);
  }, []);

  /** Replaces the editor's text (a past submission's code, or the starter). */
  const replaceCode = useCallback(
    (text: string, lang: Language) => {
      setLanguage(lang);
      latest.current = { code: text, language: lang };
      setEditorKey((k) => k + 1);
      setViewing(null);
      onChange(text);
    },
    [onChange],
  );

  const markers = useMemo(() => markersFor(active), [active]);
  const shown = viewing ?? active;
  const commentsPerSubmission = useMemo(() => {
    const counts = new Map<string, number>();
    for (const comment of props.comments ?? []) counts.set(comment.submissionId, (counts.get(comment.submissionId) ?? 0) + 1);
    return counts;
  }, [props.comments]);
  const statusText = { saved: "Draft saved", saving: "Saving…", unsaved: "Unsaved changes", failed: "Could not save the draft" }[saveState];

  return (
    <div>
      {props.staff || !props.policy || props.itemPoints === undefined ? null : (
        <CountedScoreBar counted={props.counted ?? null} policy={props.policy} maxPoints={props.itemPoints} pastDue={props.pastDue} />
      )}
      <div className="card" style={{ padding: "0.6rem 0.75rem" }}>
        <div className="workspace-toolbar">
          <button type="button" className="button" onClick={() => void grade("run")} disabled={busy !== null} title="Run on the visible tests (Ctrl+Enter)" data-testid="run">
            {busy === "run" ? <span className="spinner" aria-hidden /> : null} Run
          </button>
          <button type="button" className="button primary" onClick={() => void grade("submit")} disabled={busy !== null} title="Submit for grading on all tests (Ctrl+Shift+Enter)" data-testid="submit">
            {busy === "submit" ? <span className="spinner" aria-hidden /> : null} Submit
          </button>
          <label className="small muted">
            <span className="visually-hidden">Language</span>
            <select
              value={language}
              onChange={(event) => {
                setLanguage(event.target.value as Language);
                onChange(latest.current.code);
              }}
              aria-label="Language"
            >
              <option value="typescript">TypeScript</option>
              <option value="javascript">JavaScript</option>
            </select>
          </label>
          <button
            type="button"
            className="link-button small"
            onClick={() => {
              if (window.confirm("Replace your code with the starter code? Code you submitted stays in your history.")) replaceCode(props.starter, "typescript");
            }}
          >
            Reset to starter
          </button>
          <span className="status" role="status" aria-live="polite" data-testid="save-state">
            {statusText}
          </span>
        </div>
        {props.pastDue ? <p className="notice warn small">Past the due date: a submission now is marked late.</p> : null}
        <div className="editor-frame">
          <CodeEditor
            key={editorKey}
            value={code}
            onChange={onChange}
            language={language}
            signature={props.signature}
            modelKey={`item-${props.itemId}`}
            markers={markers}
            onRun={() => void grade("run")}
            onSubmit={() => void grade("submit")}
            height={460}
            ariaLabel="Your solution"
            {...(cursor ? { reveal: cursor } : {})}
          />
        </div>
        <p className="muted small" style={{ margin: "0.4rem 0 0" }}>
          Ctrl/Cmd+Enter runs the visible tests; Ctrl/Cmd+Shift+Enter submits; Ctrl+M makes Tab move the focus out of the editor. Drafts save as you type.
        </p>
      </div>

      {problem ? (
        <p className="notice error" role="alert" data-testid="problem">
          {problem}
        </p>
      ) : null}

      {active && active.status !== "graded" && !viewing ? (
        <div className="card" role="status" data-testid="grading-status">
          <span className="spinner" aria-hidden /> {active.status === "queued" ? "Queued for grading…" : "Running your code…"}
        </div>
      ) : null}

      {viewing ? (
        <div className="card" data-testid="viewing-submission">
          <div className="workspace-toolbar" style={{ marginTop: 0 }}>
            <strong>
              Submission of <LocalTime iso={viewing.createdAt} />
            </strong>
            <button type="button" className="button" onClick={() => replaceCode(viewing.code, viewing.language)}>
              Put this code in the editor
            </button>
            <button type="button" className="link-button" onClick={() => setViewing(null)}>
              Close
            </button>
          </div>
          <div className="editor-frame">
            <CodeEditor value={viewing.code} language={viewing.language} signature={props.signature} modelKey={`history-${viewing.id}`} readOnly height={260} ariaLabel="Submitted code (read-only)" />
          </div>
        </div>
      ) : null}

      {shown && shown.status === "graded" && shown.feedbackNote ? (
        <p className="notice" role="status" data-testid="feedback-note">
          {shown.counts ? (
            <>
              <strong>
                {shown.counts.passed} of {shown.counts.total} tests passed.
              </strong>{" "}
            </>
          ) : (
            <strong>Submitted and graded. </strong>
          )}
          {shown.feedbackNote.replace(/\((\d{4}-\d\d-\d\dT[^)]*)\)/, "")}
          {shown.result === null ? (
            <>
              {" "}
              (<LocalTime iso={props.policy?.dueAt ?? shown.createdAt} />)
            </>
          ) : null}
        </p>
      ) : null}

      {shown?.result ? (
        <ResultsPanel
          submissionId={shown.id}
          result={shown.result}
          points={shown.points}
          maxPoints={shown.maxPoints}
          late={shown.late}
          onLocate={viewing ? undefined : (line, column) => setCursor({ line, column })}
        />
      ) : null}

      {shown && shown.kind === "submit" ? <SubmissionFeedback submission={shown} /> : null}

      <section className="card" aria-label="Submission history" data-testid="history">
        <h2 style={{ marginTop: 0 }}>Your submissions</h2>
        {history.length === 0 ? (
          <p className="muted">Nothing submitted yet. Run checks the visible tests without counting as an attempt.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>When</th>
                <th>Result</th>
                <th className="num">Score</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.id} data-testid="history-row">
                  <td>
                    <LocalTime iso={entry.createdAt} /> {entry.late ? <span className="badge warn">Late</span> : null}{" "}
                    {props.counted?.submissionId === entry.id ? (
                      <span className="badge pass" title="This submission's score is the one that counts">
                        Counts
                      </span>
                    ) : null}{" "}
                    {commentsPerSubmission.get(entry.id) ? (
                      <span className="badge info">
                        {commentsPerSubmission.get(entry.id)} comment{commentsPerSubmission.get(entry.id) === 1 ? "" : "s"}
                      </span>
                    ) : null}
                  </td>
                  <td>{entry.status === "graded" ? (entry.verdict ?? "").replace("_", " ") : `${entry.status}…`}</td>
                  <td className="num">{formatPoints(entry.points, entry.maxPoints)}</td>
                  <td className="num">
                    <button type="button" className="link-button" onClick={() => void openSubmission(entry.id)}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
