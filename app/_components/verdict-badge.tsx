import { verdictLabel } from "./verdicts.ts";

/** A submission's verdict as a badge; "Queued…"/"Running…" before it is graded. */
export function VerdictBadge({ verdict, status = "graded" }: { verdict: string | null; status?: string }) {
  const [label, tone] = verdictLabel(verdict, status);
  return (
    <span className={`badge ${tone}`} data-verdict={verdict ?? status}>
      {label}
    </span>
  );
}
