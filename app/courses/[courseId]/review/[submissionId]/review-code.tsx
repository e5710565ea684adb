"use client";
import dynamic from "next/dynamic";
import { useId, useState } from "react";
import type { CodeEditorReady } from "../../../../_components/code-editor.tsx";
import type { DiffSummary } from "../../../../_components/diff-viewer.tsx";
import { LocalTime } from "../../../../_components/local-time.tsx";
import { useLineSelection } from "./line-context.tsx";
import { LANGUAGE_LABELS, type Language } from "../../../../../exercises/spec/languages.ts";

const EDITOR_HEIGHT = 480;

const CodeEditor = dynamic(() => import("../../../../_components/code-editor.tsx").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <Placeholder text="Loading the code…" />,
});
const DiffViewer = dynamic(() => import("../../../../_components/diff-viewer.tsx").then((m) => m.DiffViewer), {
  ssr: false,
  loading: () => <Placeholder text="Loading the diff…" />,
});

function Placeholder({ text }: { text: string }) {
  return (
    <div style={{ height: EDITOR_HEIGHT, display: "grid", placeItems: "center" }} className="muted">
      {text}
    </div>
  );
}

export interface ReviewCodeProps {
  readonly submissionId: string;
  readonly code: string;
  readonly language: Language;
  readonly signature: string;
  readonly previous: { readonly id: string; readonly code: string; readonly createdAt: string } | null;
}

type Tab = "code" | "diff";

/** The submitted code (read-only) and, when there is an earlier attempt, what changed since it. */
export function ReviewCode({ submissionId, code, language, signature, previous }: ReviewCodeProps) {
  const [tab, setTab] = useState<Tab>("code");
  const [sideBySide, setSideBySide] = useState(true);
  const [summary, setSummary] = useState<DiffSummary | null>(null);
  const { picked, pick, reveal } = useLineSelection();
  const id = useId();
  const lines = code.split("\n").length;

  // Clicking a line (its number or its text) picks it for the next comment.
  const onReady = ({ editor }: CodeEditorReady) => {
    editor.onMouseDown((event) => {
      const line = event.target.position?.lineNumber;
      if (line !== undefined) pick(line);
    });
  };

  // Showing a commented line needs the code, not the diff: a new reveal switches to it.
  const [revealSeen, setRevealSeen] = useState(reveal);
  if (reveal !== revealSeen) {
    setRevealSeen(reveal);
    if (reveal) setTab("code");
  }

  const diffFrom = tab === "diff" ? previous : null;
  const showCode = diffFrom === null;
  return (
    <section className="card" aria-label="Submitted code" data-testid="review-code" data-view={showCode ? "code" : "diff"}>
      <div className="code-tabs">
        <div role="tablist" aria-label="Code views" style={{ display: "flex", gap: "0.25rem" }}>
          <button type="button" role="tab" id={`${id}-code-tab`} aria-controls={`${id}-code`} aria-selected={showCode} onClick={() => setTab("code")} data-testid="code-tab">
            Code
          </button>
          {previous ? (
            <button type="button" role="tab" id={`${id}-diff-tab`} aria-controls={`${id}-diff`} aria-selected={!showCode} onClick={() => setTab("diff")} data-testid="diff-tab">
              Changes since previous attempt
            </button>
          ) : null}
        </div>
        <span className="spacer" />
        {showCode ? (
          <span className="muted small">
            {lines} line{lines === 1 ? "" : "s"} · {LANGUAGE_LABELS[language]}
            {previous ? null : " · first attempt"}
          </span>
        ) : (
          <span className="muted small">
            {summary === null
              ? "Comparing…"
              : summary.changes === 0
                ? "No changes"
                : `${summary.changes} change${summary.changes === 1 ? "" : "s"}: +${summary.added} −${summary.removed} lines`}
            {" · "}
            <label>
              <input type="checkbox" checked={sideBySide} onChange={(event) => setSideBySide(event.target.checked)} /> Side by side
            </label>
          </span>
        )}
      </div>
      {diffFrom === null ? (
        <div role="tabpanel" id={`${id}-code`} aria-labelledby={`${id}-code-tab`}>
          <div className="editor-frame">
            <CodeEditor
              value={code}
              language={language}
              signature={signature}
              modelKey={`review-${submissionId}`}
              readOnly
              height={EDITOR_HEIGHT}
              ariaLabel="Submitted code (read-only)"
              onReady={onReady}
              {...(reveal ? { reveal } : {})}
            />
          </div>
          <p className="muted small" style={{ margin: "0.4rem 0 0" }}>
            Click a line to comment on it{picked !== null ? ` (line ${picked} picked)` : ""}.
          </p>
        </div>
      ) : (
        <div role="tabpanel" id={`${id}-diff`} aria-labelledby={`${id}-diff-tab`}>
          <p className="muted small" style={{ margin: "0 0 0.4rem" }}>
            Left: the previous attempt (<LocalTime iso={diffFrom.createdAt} />
            ). Right: this submission.
          </p>
          <div className="editor-frame">
            <DiffViewer
              original={diffFrom.code}
              modified={code}
              language={language}
              signature={signature}
              modelKey={`diff-${submissionId}`}
              sideBySide={sideBySide}
              height={EDITOR_HEIGHT}
              ariaLabel="Changes since the previous attempt"
              originalAriaLabel="Previous attempt (read-only)"
              modifiedAriaLabel="This submission (read-only)"
              onDiff={setSummary}
            />
          </div>
        </div>
      )}
    </section>
  );
}
