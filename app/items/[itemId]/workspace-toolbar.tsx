"use client";
import type { Language, SaveState } from "./use-draft.ts";
import type { GradingKind } from "./use-grading.ts";
import { LANGUAGE_LABELS } from "../../../exercises/spec/languages.ts";

const SAVE_STATE_TEXT: Record<SaveState, string> = { saved: "Draft saved", saving: "Saving…", unsaved: "Unsaved changes", failed: "Could not save the draft" };

/** Run, Submit, the language (each keeps its own draft), going back to the starter, and whether the draft is saved. */
export function WorkspaceToolbar(props: {
  busy: GradingKind | null;
  language: Language;
  /** The languages the set accepts. */
  languages: readonly Language[];
  saveState: SaveState;
  /** Why the last save was refused, in the server's words. */
  saveError: string | null;
  onGrade: (kind: GradingKind) => void;
  onLanguage: (language: Language) => void;
  onResetToStarter: () => void;
  /** Why Submit is off (no attempts left), or null. */
  submitRefusal?: string | null;
}) {
  const { busy, onGrade } = props;
  return (
    <div className="workspace-toolbar">
      <button
        type="button"
        className="button"
        onClick={() => onGrade("run")}
        disabled={busy !== null}
        title="Run on the visible tests (Ctrl+Enter or Cmd+Enter)"
        aria-keyshortcuts="Control+Enter Meta+Enter"
        data-testid="run"
      >
        {busy === "run" ? <span className="spinner" aria-hidden /> : null} Run
      </button>
      <button
        type="button"
        className="button primary"
        onClick={() => onGrade("submit")}
        disabled={busy !== null || Boolean(props.submitRefusal)}
        title={props.submitRefusal ?? "Submit for grading on all tests (Ctrl+Shift+Enter or Cmd+Shift+Enter)"}
        aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        data-testid="submit"
      >
        {busy === "submit" ? <span className="spinner" aria-hidden /> : null} Submit
      </button>
      <label className="small muted">
        <span className="visually-hidden">Language</span>
        <select value={props.language} onChange={(event) => props.onLanguage(event.target.value as Language)} aria-label="Language">
          {props.languages.map((language) => (
            <option key={language} value={language}>
              {LANGUAGE_LABELS[language]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="link-button small"
        onClick={() => {
          if (window.confirm("Replace your code with the starter code? Code you submitted stays in your history.")) props.onResetToStarter();
        }}
      >
        Reset to starter
      </button>
      <span className="status" role="status" aria-live="polite" data-testid="save-state">
        {props.saveState === "failed" && props.saveError ? `${SAVE_STATE_TEXT.failed}: ${props.saveError}` : SAVE_STATE_TEXT[props.saveState]}
      </span>
    </div>
  );
}
