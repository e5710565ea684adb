"use client";
import { LocalTime } from "../../_components/local-time.tsx";
import type { SubmissionView } from "../../_server/submissions.ts";
import { useMemo } from "react";
import type { EditorMarker } from "../../_components/code-editor.tsx";
import { LazyCodeEditor } from "./lazy-code-editor.tsx";

/**
 * A past submission's code, read-only, with a way to take it back into the editor. A highlighted
 * line (a staff comment's, when the page was opened from its notification) is marked and scrolled to.
 */
export function ViewedSubmission(props: { submission: SubmissionView; signature: string; onUseCode: () => void; onClose: () => void; highlightLine?: number | null }) {
  const { submission, highlightLine } = props;
  const markers = useMemo((): EditorMarker[] => {
    if (!highlightLine) return [];
    const notes = submission.comments.filter((c) => c.line === highlightLine).map((c) => `${c.authorName}: ${c.body}`);
    return [{ line: highlightLine, column: 0, message: notes.length ? notes.join("\n") : `Line ${highlightLine}`, severity: "warning" }];
  }, [highlightLine, submission.comments]);
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
          Line {highlightLine} is marked in the code below{markers[0] && markers[0].message !== `Line ${highlightLine}` ? <>: {markers[0].message}</> : null}.
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
          markers={markers}
        />
      </div>
    </div>
  );
}
