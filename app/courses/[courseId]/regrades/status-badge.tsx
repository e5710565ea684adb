const TONES: Record<string, [label: string, tone: string]> = {
  grading: ["Grading…", "info"],
  ready: ["Ready to apply", "warn"],
  applied: ["Applied", "pass"],
  discarded: ["Discarded", ""],
};

/** A regrade run's status as a badge. */
export function RegradeStatusBadge({ status }: { status: string }) {
  const [label, tone] = TONES[status] ?? [status, ""];
  return (
    <span className={`badge ${tone}`} data-testid="regrade-status" data-status={status}>
      {label}
    </span>
  );
}
