"use client";
import { LocalTime } from "../../_components/local-time.tsx";
import type { SubmissionView } from "../../_server/submissions.ts";
import { LazyCodeEditor } from "./lazy-code-editor.tsx";

/** A past submission's code, read-only, with a way to take it back into the editor. */
export function ViewedSubmission(props: { submission: SubmissionView; signature: string; onUseCode: () => void; onClose: () => void }) {
  const { submission } = props;
  return (
    <div className="card" data-testid="viewing-submission">
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
      <div className="editor-frame">
        <LazyCodeEditor
          value={submission.code}
          language={submission.language}
          signature={props.signature}
          modelKey={`history-${submission.id}`}
          readOnly
          height={260}
          ariaLabel="Submitted code (read-only)"
        />
      </div>
    </div>
  );
}
