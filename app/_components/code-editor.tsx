"use client";

// Monaco is driven directly rather than through @monaco-editor/react: that wrapper's loader is
// built around fetching Monaco from a CDN (unreachable here, unwanted in exams), and it keeps one
// model per `path` alive after switching, while this component must own and dispose exactly the
// model it created for each modelKey. Monaco itself is loaded with a dynamic import from an
// effect, so this module is safe to render on the server (it renders a placeholder) and also
// works behind `next/dynamic(..., { ssr: false })`.
import type * as Monaco from "monaco-editor";
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import "./code-editor.css";
import { type Language } from "../../exercises/spec/languages.ts";

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

export interface CodeEditorReady {
  editor: Monaco.editor.IStandaloneCodeEditor;
  monaco: typeof Monaco;
}

export interface CodeEditorProps {
  /** Initial text; later changes of this prop for the same modelKey replace the text (e.g. loading a past submission). */
  value: string;
  /** Called on every change of the text, including a replacement by a new `value`. */
  onChange?: (code: string) => void;
  language: Language;
  /** TypeScript declarations for the exercise (a module with `export type ...` and `export declare function ...`). */
  signature: string;
  /** Distinguishes models: one per exercise item, plus e.g. "history:<id>" for read-only views. */
  modelKey: string;
  /** Grader errors to show as squiggles (1-based line/column); an empty array clears them. */
  markers?: readonly EditorMarker[];
  readOnly?: boolean;
  /** Ctrl+Enter / Cmd+Enter. */
  onRun?: () => void;
  /** Ctrl+Shift+Enter / Cmd+Shift+Enter. */
  onSubmit?: () => void;
  height?: number | string;
  /** Accessible label for the editor. */
  ariaLabel?: string;
  /**
   * Moves the cursor there (1-based), scrolls it into view and focuses the editor, each time a new
   * object is passed (e.g. clicking "line 4, column 7" in the results, even twice).
   */
  reveal?: { line: number; column: number } | null;
  /** Called once the editor exists (focus it, inspect markers in tests, ...). */
  onReady?: (ready: CodeEditorReady) => void;
  className?: string;
}

type Setup = typeof import("./monaco-setup.ts");

interface Loaded {
  setup: Setup;
  editor: Monaco.editor.IStandaloneCodeEditor;
}

const NO_MARKERS: readonly EditorMarker[] = [];
/** How many recent onChange texts count as echoes (a parent lags by a render or two at most). */
const MAX_ECHOES = 50;

export function CodeEditor({
  value,
  onChange,
  language,
  signature,
  modelKey,
  markers = NO_MARKERS,
  readOnly = false,
  onRun,
  onSubmit,
  height = 360,
  ariaLabel = "Code editor",
  reveal,
  onReady,
  className,
}: CodeEditorProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [model, setModel] = useState<Monaco.editor.ITextModel | null>(null);

  // Monaco's listeners are registered once; they read the latest props through these refs.
  const callbacks = useRef({ onChange, onRun, onSubmit, onReady });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onRun, onSubmit, onReady };
  });
  // Props read by effects that must not re-run when they change (e.g. a new modelKey starts
  // from the current `value`).
  const latest = useRef({ value, readOnly, ariaLabel, markers });
  useLayoutEffect(() => {
    latest.current = { value, readOnly, ariaLabel, markers };
  });
  /** The `value` the model's text last came from; a different prop replaces the text. */
  const appliedValue = useRef(value);
  /**
   * Texts recently passed to onChange. A parent that feeds them back as `value` (controlled use)
   * may do so late, after more typing; such an echo must not overwrite the newer text.
   */
  const emitted = useRef<string[]>([]);

  // The editor: created once per mount, after Monaco loads.
  useEffect(() => {
    let cancelled = false;
    let editor: Monaco.editor.IStandaloneCodeEditor | undefined;
    const subscriptions: Monaco.IDisposable[] = [];
    import("./monaco-setup.ts").then(
      (setup) => {
        const container = containerRef.current;
        if (cancelled || container === null) return;
        setup.configureLanguages();
        const { monaco } = setup;
        const created = monaco.editor.create(container, {
          model: null,
          readOnly: latest.current.readOnly,
          ariaLabel: latest.current.ariaLabel,
          ...setup.sharedEditorOptions,
          tabSize: 2,
          insertSpaces: true,
          renderLineHighlightOnlyWhenFocus: true,
        });
        editor = created;
        // addAction binds per editor (addCommand's keybindings are global to the page), and a
        // later-registered binding wins over Monaco's own Ctrl+Enter / Ctrl+Shift+Enter (insert line).
        subscriptions.push(
          created.addAction({
            id: "epoch.run",
            label: "Run visible tests",
            keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
            run: () => callbacks.current.onRun?.(),
          }),
          created.addAction({
            id: "epoch.submit",
            label: "Submit",
            keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter],
            run: () => callbacks.current.onSubmit?.(),
          }),
          created.onDidChangeModelContent(() => {
            const text = created.getValue();
            emitted.current.push(text);
            if (emitted.current.length > MAX_ECHOES) emitted.current.shift();
            callbacks.current.onChange?.(text);
          }),
        );
        setLoaded({ setup, editor: created });
        callbacks.current.onReady?.({ editor: created, monaco });
      },
      (error: unknown) => {
        if (cancelled) return;
        console.error("The code editor failed to load", error);
        setLoadFailed(true);
      },
    );
    return () => {
      cancelled = true;
      for (const subscription of subscriptions) subscription.dispose();
      editor?.dispose();
      setLoaded(null);
    };
  }, []);

  // The exercise's declarations, next to the model (registered before the model so the first
  // diagnostics already see them).
  useEffect(() => {
    if (loaded === null) return;
    return loaded.setup.acquireSignature(language, modelKey, signature);
  }, [loaded, language, modelKey, signature]);

  // One model per modelKey and language, disposed when either changes or on unmount.
  useEffect(() => {
    if (loaded === null) return;
    const { setup, editor } = loaded;
    const created = setup.createSolutionModel(modelKey, language, latest.current.value);
    appliedValue.current = latest.current.value;
    emitted.current = [];
    editor.setModel(created);
    setModel(created);
    return () => {
      setModel(null);
      if (editor.getModel() === created) editor.setModel(null);
      setup.monaco.editor.setModelMarkers(created, setup.GRADER_MARKER_OWNER, []);
      created.dispose();
    };
  }, [loaded, modelKey, language]);

  // A new `value` for the same model replaces the text as one undoable edit.
  useEffect(() => {
    if (loaded === null || model === null || value === appliedValue.current) return;
    appliedValue.current = value;
    if (model.getValue() === value || emitted.current.includes(value)) return;
    emitted.current = [];
    loaded.editor.pushUndoStop();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    loaded.editor.pushUndoStop();
  }, [loaded, model, value]);

  // Keyed by content, not identity: a parent that maps grader results inline passes a new array
  // on every render (every keystroke), which must not re-scroll the editor to the first marker.
  const markersKey = JSON.stringify(markers);
  useEffect(() => {
    if (loaded === null || model === null) return;
    const current = latest.current.markers;
    loaded.setup.setGraderMarkers(model, current);
    const first = current[0];
    if (first !== undefined) {
      loaded.editor.revealLineInCenterIfOutsideViewport(Math.max(1, Math.trunc(first.line)));
    }
  }, [loaded, model, markersKey]);

  // Starts as the mount-time prop: a remount (or a new modelKey) must not jump back to an old location.
  const revealed = useRef(reveal);
  useEffect(() => {
    if (loaded === null || model === null || reveal === null || reveal === undefined || reveal === revealed.current) return;
    revealed.current = reveal;
    const position = model.validatePosition({ lineNumber: Math.trunc(reveal.line), column: Math.trunc(reveal.column) });
    loaded.editor.setPosition(position);
    loaded.editor.revealPositionInCenterIfOutsideViewport(position);
    loaded.editor.focus();
  }, [loaded, model, reveal]);

  useEffect(() => {
    loaded?.editor.updateOptions({ readOnly, ariaLabel });
  }, [loaded, readOnly, ariaLabel]);

  const style: CSSProperties = { height };
  const status = loadFailed ? "failed" : loaded === null ? "loading" : "ready";
  return (
    <div
      className={className === undefined ? "epoch-code-editor" : `epoch-code-editor ${className}`}
      style={style}
      role="group"
      aria-label={ariaLabel}
      aria-busy={status === "loading"}
      data-testid="code-editor"
      data-status={status}
    >
      <div ref={containerRef} className="epoch-code-editor__surface" />
      {status === "loading" ? <p className="epoch-code-editor__message">Loading editor…</p> : null}
      {status === "failed" ? (
        <p className="epoch-code-editor__message" role="alert">
          The editor could not be loaded. Reload the page to try again.
        </p>
      ) : null}
    </div>
  );
}

export default CodeEditor;
