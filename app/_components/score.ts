/** "7.5 / 10": points with at most two decimals. */
export function formatPoints(points: number | null, max: number): string {
  const show = (value: number) => String(Math.round(value * 100) / 100);
  return `${points === null ? "–" : show(points)} / ${show(max)}`;
}

/** "0.4 ms", "12 ms", "1.40 s": grading times. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
