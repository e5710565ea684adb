// Client-only: the editor loads this module with a dynamic import from an effect, so Monaco (which
// touches `window` and `document` at import time) never runs on the server.
import "./monaco-environment.ts";
import * as monaco from "monaco-editor";
import { SOURCE_EXTENSION, type Language } from "../../exercises/spec/languages.ts";

export { monaco };
export type EditorLanguage = Language;

const { typescript } = monaco;

// Values TypeScript 5.9 (bundled in the worker) accepts but Monaco's declared enums omit.
const TARGET_ES2022 = 9 as monaco.typescript.ScriptTarget;
const MODULE_DETECTION_FORCE = 3;

/** What the grader runs: ES2022 with no DOM, one module per solution. */
const sharedCompilerOptions: monaco.typescript.CompilerOptions = {
  target: TARGET_ES2022,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  lib: ["es2022"],
  noEmit: true,
  allowNonTsExtensions: true,
  // Every solution is its own module even without import/export, so two open models of the same
  // exercise (e.g. the draft and a read-only past submission) don't clash over top-level names.
  moduleDetection: MODULE_DETECTION_FORCE,
};

/** Globals the grader's sandbox provides besides ES2022 (grader/sandbox/harness.ts). */
const SANDBOX_GLOBALS = `interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  trace(...data: unknown[]): void;
  dir(...data: unknown[]): void;
}
declare var console: Console;
`;
const SANDBOX_GLOBALS_PATH = "file:///__epoch__/sandbox-globals.d.ts";

/** Look and layout shared by the code editor and the diff viewer. */
export const sharedEditorOptions = {
  minimap: { enabled: false },
  fontSize: 14,
  automaticLayout: true,
  scrollBeyondLastLine: false,
  // Suggestions and hovers are positioned fixed, so a parent's overflow can't clip them.
  fixedOverflowWidgets: true,
  // A plain <textarea> receives input in every browser (Chromium would otherwise use the
  // EditContext API), so assistive tech and tests find a labelled textbox everywhere.
  editContext: false,
  padding: { top: 8 },
  // Monaco fades code the TypeScript service finds unused (an unused type in the starter, say)
  // to two-thirds opacity, below WCAG's contrast minimum; axe-core flags it once the service
  // has answered, so whether a page passed depended on timing.
  showUnused: false,
} satisfies monaco.editor.IEditorOptions;

let configured = false;

/** Configures the TypeScript and JavaScript language services once per page. */
export function configureLanguages(): void {
  if (configured) return;
  configured = true;

  typescript.typescriptDefaults.setCompilerOptions({
    ...sharedCompilerOptions,
    strict: true,
    // The grader strips types with Node, which refuses enums, namespaces and parameter properties,
    // and runs no imports: flag both here rather than at submission time.
    erasableSyntaxOnly: true,
    verbatimModuleSyntax: true,
  });
  typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });

  typescript.javascriptDefaults.setCompilerOptions({ ...sharedCompilerOptions, allowJs: true, checkJs: false });
  // Syntax errors only: without checkJs, semantic diagnostics would just be noise.
  typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

  typescript.typescriptDefaults.addExtraLib(SANDBOX_GLOBALS, SANDBOX_GLOBALS_PATH);
  typescript.javascriptDefaults.addExtraLib(SANDBOX_GLOBALS, SANDBOX_GLOBALS_PATH);
}

function defaultsFor(language: "typescript" | "javascript"): monaco.typescript.LanguageServiceDefaults {
  return language === "typescript" ? typescript.typescriptDefaults : typescript.javascriptDefaults;
}

/**
 * A model key as one URI path segment: letters, digits, `.`, `_` and `-` stay; anything else
 * (e.g. the `:` of "history:<id>") becomes `~` and its hex code, so distinct keys never collide
 * and the URI needs no percent-encoding (the TS worker matches file names as strings).
 */
function keySegment(modelKey: string): string {
  let out = "";
  for (const char of modelKey) {
    out += /^[A-Za-z0-9._-]$/.test(char) ? char : `~${char.codePointAt(0)!.toString(16)}~`;
  }
  return out === "" || out === "." || out === ".." ? `~${out}` : out;
}

export function signaturePath(modelKey: string): string {
  return `file:///${keySegment(modelKey)}/signature.d.ts`;
}

/**
 * Creates the student's model at file:///<key>/solution.ts (.js, .py), next to the signature, so
 * `import type { Layer } from "./signature"` resolves. Python models get Monaco's Python mode
 * (highlighting only: no language service checks them). If another editor already holds that URI
 * (the same item shown twice), a numbered sibling keeps the two independent.
 */
export function createSolutionModel(modelKey: string, language: EditorLanguage, value: string): monaco.editor.ITextModel {
  const extension = SOURCE_EXTENSION[language];
  const directory = `/${keySegment(modelKey)}`;
  for (let n = 1; ; n++) {
    const uri = monaco.Uri.from({ scheme: "file", path: `${directory}/solution${n === 1 ? "" : `-${n}`}${extension}` });
    if (monaco.editor.getModel(uri) === null) return monaco.editor.createModel(value, language, uri);
  }
}

interface SignatureLease {
  count: number;
  content: string;
  registration: monaco.IDisposable;
}
const signatureLeases = new Map<string, SignatureLease>();

/**
 * Makes the exercise's declarations available at file:///<key>/signature.d.ts for this language's
 * service (TypeScript or JavaScript; nothing for Python). Reference-counted: editors sharing a key share one extra lib, removed with the last.
 * Returns the release function.
 */
export function acquireSignature(language: EditorLanguage, modelKey: string, content: string): () => void {
  // The declarations feed the TypeScript worker; a Python model has no service to give them to.
  if (language === "python") return () => {};
  const path = signaturePath(modelKey);
  const leaseKey = `${language}\u0000${path}`;
  const defaults = defaultsFor(language);
  let lease = signatureLeases.get(leaseKey);
  if (lease === undefined) {
    lease = { count: 0, content, registration: defaults.addExtraLib(content, path) };
    signatureLeases.set(leaseKey, lease);
  } else if (lease.content !== content) {
    // Newest wins; the previous registration becomes a no-op (Monaco versions extra libs by path).
    lease.content = content;
    lease.registration = defaults.addExtraLib(content, path);
  }
  lease.count++;
  const held = lease;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.count--;
    if (held.count === 0) {
      held.registration.dispose();
      signatureLeases.delete(leaseKey);
    }
  };
}

export interface GraderMarker {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

/** Owner of the grader's markers, apart from the TypeScript worker's own ("typescript"/"javascript"). */
export const GRADER_MARKER_OWNER = "grader";

/** Sets the grader's markers (1-based positions, clamped to the text); each underlines the word it points at. */
export function setGraderMarkers(model: monaco.editor.ITextModel, markers: readonly GraderMarker[]): void {
  const data = markers.map((marker): monaco.editor.IMarkerData => {
    const lineNumber = clamp(Math.trunc(marker.line), 1, model.getLineCount());
    const maxColumn = model.getLineMaxColumn(lineNumber);
    const column = clamp(Math.trunc(marker.column), 1, maxColumn);
    const word = marker.column > 0 ? model.getWordAtPosition({ lineNumber, column }) : null;
    let startColumn = word?.startColumn ?? column;
    let endColumn = word?.endColumn ?? Math.min(column + 1, maxColumn);
    if (startColumn === endColumn || marker.column <= 0) {
      // A line without a column (a hidden test's error) underlines the whole line.
      // Past the end of the line: underline the line's text instead, so something is visible.
      startColumn = Math.max(1, model.getLineFirstNonWhitespaceColumn(lineNumber));
      endColumn = maxColumn;
    }
    return {
      severity: marker.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: marker.message,
      source: "grader",
      startLineNumber: lineNumber,
      startColumn,
      endLineNumber: lineNumber,
      endColumn,
    };
  });
  monaco.editor.setModelMarkers(model, GRADER_MARKER_OWNER, data);
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, value));
}
