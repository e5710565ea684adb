import type { Environment } from "monaco-editor";

/**
 * Tells Monaco how to start its web workers. Must run before the first editor or model exists
 * (monaco-setup.ts imports it first).
 *
 * Monaco's own defaults build worker URLs in ways Turbopack does not bundle ("Failed to load worker
 * script for label: editorWorkerService"); the literal `new Worker(new URL("<package path>",
 * import.meta.url), { type: "module" })` below is the form Turbopack recognises, bundles as a
 * separate worker chunk, and serves from /_next/static. The specifiers go through monaco-editor's
 * `exports` map ("./*.js" → "./esm/vs/*.js"); `monaco-editor/esm/vs/...` is not exported and fails
 * to resolve.
 */
function getWorker(_workerId: string, label: string): Worker {
  switch (label) {
    case "typescript":
    case "javascript":
      return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), {
        type: "module",
        name: label,
      });
    default:
      // The base worker (diffs, links, word-based suggestions); CSS/HTML/JSON services are never used here.
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), {
        type: "module",
        name: label,
      });
  }
}

const environment: Environment = { getWorker };
globalThis.MonacoEnvironment = environment;
