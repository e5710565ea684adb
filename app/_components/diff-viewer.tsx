"use client";

// Monaco's diff editor, read-only, for comparing two versions of a student's code. It loads Monaco
// the same way CodeEditor does (a dynamic import of monaco-setup.ts from an effect), so there is one
// worker environment (monaco-environment.ts) and one TypeScript configuration for the whole page;
// the diff itself is computed in the base editor worker.
import type * as Monaco from "monaco-editor";
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import "./code-editor.css";
import { type Language } from "../../exercises/spec/languages.ts";

export interface DiffSummary {
  /** Changed regions (hunks). */
  readonly changes: number;
  readonly added: number;
  readonly removed: number;
}

export interface DiffViewerProps {
  /** The older text (left side). */
  original: string;
  /** The newer text (right side). */
  modified: string;
  language: Language;
  /** The exercise's declarations, so both sides type-check like the code editor does. */
  signature: string;
  /** Distinguishes the two models from other editors on the page, e.g. "diff-<submissionId>". */
  modelKey: string;
  /** Side by side (default) or one inline column. */
  sideBySide?: boolean;
  height?: number | string;
  ariaLabel?: string;
  originalAriaLabel?: string;
  modifiedAriaLabel?: string;
  /** Called whenever the diff is (re)computed. */
  onDiff?: (summary: DiffSummary) => void;
  className?: string;
}

type Setup = typeof import("./monaco-setup.ts");

interface Loaded {
  setup: Setup;
  editor: Monaco.editor.IStandaloneDiffEditor;
  /** Cleared when the editor is disposed; a disposed diff editor throws on setModel. */
  alive: { current: boolean };
}

/** Identifies the pair of texts on show, to tell a summary of them from one of earlier texts. */
const textsKey = (...parts: string[]) => parts.join("\u0000");

function summarize(changes: readonly Monaco.editor.ILineChange[]): DiffSummary {
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    // An end line of 0 means the side has no lines in this change (a pure insertion or deletion).
    if (change.originalEndLineNumber > 0) removed += change.originalEndLineNumber - change.originalStartLineNumber + 1;
    if (change.modifiedEndLineNumber > 0) added += change.modifiedEndLineNumber - change.modifiedStartLineNumber + 1;
  }
  return { changes: changes.length, added, removed };
}

export function DiffViewer({
  original,
  modified,
  language,
  signature,
  modelKey,
  sideBySide = true,
  height = 420,
  ariaLabel = "Changes",
  originalAriaLabel = "Previous version (read-only)",
  modifiedAriaLabel = "This version (read-only)",
  onDiff,
  className,
}: DiffViewerProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  // A summary is kept with the texts it describes, so new texts show "computing" until theirs comes.
  const texts = textsKey(modelKey, language, original, modified);
  const shownTexts = useRef<string | null>(null);
  const [computed, setComputed] = useState<{ texts: string | null; summary: DiffSummary } | null>(null);
  const summary = computed?.texts === texts ? computed.summary : null;

  const onDiffRef = useRef(onDiff);
  useLayoutEffect(() => {
    onDiffRef.current = onDiff;
  });
  const initial = useRef({ sideBySide, originalAriaLabel, modifiedAriaLabel });

  useEffect(() => {
    let cancelled = false;
    let editor: Monaco.editor.IStandaloneDiffEditor | undefined;
    let subscription: Monaco.IDisposable | undefined;
    const alive = { current: true };
    import("./monaco-setup.ts").then(
      (setup) => {
        const container = containerRef.current;
        if (cancelled || container === null) return;
        setup.configureLanguages();
        const created = setup.monaco.editor.createDiffEditor(container, {
          readOnly: true,
          originalEditable: false,
          renderSideBySide: initial.current.sideBySide,
          // Monaco's default switches to inline below 900px, narrower than a review column.
          useInlineViewWhenSpaceIsLimited: true,
          renderSideBySideInlineBreakpoint: 560,
          originalAriaLabel: initial.current.originalAriaLabel,
          modifiedAriaLabel: initial.current.modifiedAriaLabel,
          // Reverting a hunk makes no sense in a read-only review.
          renderMarginRevertIcon: false,
          renderGutterMenu: false,
          ignoreTrimWhitespace: false,
          ...setup.sharedEditorOptions,
        });
        editor = created;
        subscription = created.onDidUpdateDiff(() => {
          const next = summarize(created.getLineChanges() ?? []);
          setComputed({ texts: shownTexts.current, summary: next });
          onDiffRef.current?.(next);
        });
        setLoaded({ setup, editor: created, alive });
      },
      (error: unknown) => {
        if (cancelled) return;
        console.error("The diff viewer failed to load", error);
        setLoadFailed(true);
      },
    );
    return () => {
      cancelled = true;
      alive.current = false;
      subscription?.dispose();
      // Unmounting runs this cleanup before the models' one: detach them first.
      editor?.setModel(null);
      editor?.dispose();
      setLoaded(null);
    };
  }, []);

  // Both sides see the exercise's declarations, next to their models.
  useEffect(() => {
    if (loaded === null) return;
    const releaseOriginal = loaded.setup.acquireSignature(language, `${modelKey}-original`, signature);
    const releaseModified = loaded.setup.acquireSignature(language, `${modelKey}-modified`, signature);
    return () => {
      releaseOriginal();
      releaseModified();
    };
  }, [loaded, language, modelKey, signature]);

  // New models for new texts; the old ones are detached and disposed.
  useEffect(() => {
    if (loaded === null) return;
    const { setup, editor, alive } = loaded;
    const originalModel = setup.createSolutionModel(`${modelKey}-original`, language, original);
    const modifiedModel = setup.createSolutionModel(`${modelKey}-modified`, language, modified);
    shownTexts.current = textsKey(modelKey, language, original, modified);
    editor.setModel({ original: originalModel, modified: modifiedModel });
    return () => {
      if (alive.current && editor.getModel()?.original === originalModel) editor.setModel(null);
      originalModel.dispose();
      modifiedModel.dispose();
    };
  }, [loaded, modelKey, language, original, modified]);

  useEffect(() => {
    loaded?.editor.updateOptions({ renderSideBySide: sideBySide });
  }, [loaded, sideBySide]);

  const style: CSSProperties = { height };
  const status = loadFailed ? "failed" : loaded === null ? "loading" : summary === null ? "computing" : "ready";
  return (
    <div
      className={className === undefined ? "epoch-code-editor" : `epoch-code-editor ${className}`}
      style={style}
      role="group"
      aria-label={ariaLabel}
      aria-busy={status === "loading" || status === "computing"}
      data-testid="diff-viewer"
      data-status={status}
      data-changes={summary?.changes}
      data-added={summary?.added}
      data-removed={summary?.removed}
    >
      <div ref={containerRef} className="epoch-code-editor__surface" />
      {status === "loading" ? <p className="epoch-code-editor__message">Loading the diff…</p> : null}
      {status === "failed" ? (
        <p className="epoch-code-editor__message" role="alert">
          The diff could not be loaded. Reload the page to try again.
        </p>
      ) : null}
    </div>
  );
}

export default DiffViewer;
