/** Axis arithmetic shared by the charts: a rounded maximum and evenly spaced ticks at 1, 2 or 5 × 10ⁿ. */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  // Counts are whole numbers; a tick at 0.5 students reads as nonsense.
  const whole = Number.isInteger(max) ? Math.max(1, Math.round(step)) : step;
  const ticks: number[] = [];
  for (let value = 0; value < max + whole; value += whole) {
    ticks.push(Math.round(value * 1e6) / 1e6);
    if (value >= max) break;
  }
  return ticks;
}

/** Shortens a label to fit a fixed width of SVG text (which cannot wrap); the full text stays in a <title>. */
export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1)).trimEnd()}…`;
}
