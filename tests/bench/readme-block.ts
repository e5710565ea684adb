/**
 * Rewrites the benchmark's block of a README: the text between `<!-- bench:start -->` and
 * `<!-- bench:end -->` becomes the table of the latest run, dated, so the figures printed in the
 * README are the ones a run printed.
 */
import { readFileSync, writeFileSync } from "node:fs";

export const BENCH_START = "<!-- bench:start -->";
export const BENCH_END = "<!-- bench:end -->";

/** The README text with its bench block replaced by `table` (a fenced block headed by the date). */
export function replaceBenchBlock(readme: string, table: string, date: Date): string {
  const start = readme.indexOf(BENCH_START);
  const end = readme.indexOf(BENCH_END);
  if (start < 0 || end < 0 || end < start) throw new Error(`the README has no ${BENCH_START} … ${BENCH_END} block`);
  if (readme.indexOf(BENCH_START, start + 1) >= 0) throw new Error(`the README has more than one ${BENCH_START}`);
  const body = [`Measured ${date.toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- --write-readme\`:`, "", "```text", table.trimEnd(), "```"].join("\n");
  return `${readme.slice(0, start + BENCH_START.length)}\n${body}\n${readme.slice(end)}`;
}

export function writeBenchBlock(path: string, table: string, date = new Date()): void {
  writeFileSync(path, replaceBenchBlock(readFileSync(path, "utf8"), table, date));
}
