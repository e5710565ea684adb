/** "7.5 / 10": points with at most two decimals. */
export function formatPoints(points: number | null, max: number): string {
  const show = (value: number) => String(Math.round(value * 100) / 100);
  return `${points === null ? "–" : show(points)} / ${show(max)}`;
}
