import type { EditorMarker } from "../../_components/code-editor.tsx";
import type { SubmissionView } from "../../_server/submissions.ts";

/** Grader errors with a position become editor squiggles, one per position. */
export function markersFor(submission: SubmissionView | null): EditorMarker[] {
  const result = submission?.result;
  if (!result) return [];
  const markers: EditorMarker[] = [];
  if (result.error?.location && result.error.location.line > 0) {
    markers.push({ ...result.error.location, message: result.error.message, severity: "error" });
  }
  const seen = new Set<string>();
  for (const test of result.tests) {
    if (!test.location || test.location.line <= 0) continue;
    const key = `${test.location.line}:${test.location.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    markers.push({ ...test.location, message: `${test.name}: ${test.message}`, severity: "error" });
  }
  return markers;
}
