"use client";
import dynamic from "next/dynamic";

/** Monaco loads in the browser only, after the page is up. */
export const LazyCodeEditor = dynamic(() => import("../../_components/code-editor.tsx").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => (
    <div style={{ height: 460, display: "grid", placeItems: "center" }} className="muted">
      Loading the editor…
    </div>
  ),
});
