"use client";
import { useEffect, useMemo, useState } from "react";
import type { CodeEditorReady } from "../../_components/code-editor.tsx";
import { LocalTime } from "../../_components/local-time.tsx";
import type { SubmissionView } from "../../_server/submissions.ts";
import { LazyCodeEditor } from "./lazy-code-editor.tsx";
import "./viewed-submission.css";

/**
 * A past submission's code, read-only, with a way to take it back into the editor. A highlighted
 * line (a staff comment's, when the page was opened from its notification) is marked and scrolled to.
 */
export function ViewedSubmission(props: { submission: SubmissionView; signature: string; onUseCode: () => void; onClose: () => void; highlightLine?: number | null }) {
  const { submission, highlightLine } = props;
  const [ready, setReady] = useState<CodeEditorReady | null>(null);
  const note = useMemo(
    () =>
      submission.comments
        .filter((c) => c.line === highlightLine)
        .map((c) => `${c.authorName}: ${c.body}`)
        .join(" · "),
    [highlightLine, submission.comments],
  );
  // A whole-line decoration, not a marker: Monaco draws no markers in a read-only editor. Applied
  // again whenever the editor gets its model (the editor exists before its model does).
  useEffect(() => {
    if (!ready || !highlightLine) return;
    const { editor, monaco } = ready;
    let decorations: ReturnType<typeof editor.createDecorationsCollection> | null = null;
    const apply = () => {
      decorations?.clear();
      const model = editor.getModel();
      if (!model) return;
      const line = Math.min(highlightLine, model.getLineCount());
      decorations = editor.createDecorationsCollection([
        {
          range: new monaco.Range(line, 1, line, 1),
          options: { isWholeLine: true, className: "commented-line", linesDecorationsClassName: "commented-line-gutter", hoverMessage: { value: note } },
        },
      ]);
      editor.revealLineInCenter(line);
    };
    apply();
    const subscription = editor.onDidChangeModel(apply);
    return () => {
      subscription.dispose();
      decorations?.clear();
    };
  }, [ready, highlightLine, note]);
  return (
    <div className="card" data-testid="viewing-submission" data-submission-id={submission.id} data-highlight-line={highlightLine ?? ""}>
      <div className="workspace-toolbar" style={{ marginTop: 0 }}>
        <strong>
          Submission of <LocalTime iso={submission.createdAt} />
        </strong>
        <button type="button" className="button" onClick={props.onUseCode}>
          Put this code in the editor
        </button>
        <button type="button" className="link-button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {highlightLine ? (
        <p className="notice small" data-testid="highlighted-line">
          Line {highlightLine} is marked in the code below{note ? `: ${note}` : ""}.
        </p>
      ) : null}
      <div className="editor-frame">
        <LazyCodeEditor
          value={submission.code}
          language={submission.language}
          signature={props.signature}
          modelKey={`history-${submission.id}`}
          readOnly
          height={260}
          ariaLabel="Submitted code (read-only)"
          onReady={setReady}
        />
      </div>
    </div>
  );
}
