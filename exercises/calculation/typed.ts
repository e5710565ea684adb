/** Answers typed on a student's behalf: the reference as a student would type it, and a wrong one (for checks and demo data). */
import type { RawAnswer } from "./answers.ts";
import type { AnswerShape, AnswerValue } from "./define.ts";

/** A reference answer as a student types it: every digit kept, a choice as its option's position. */
export function typedAnswer(value: AnswerValue): RawAnswer {
  if (typeof value === "number") return String(value);
  return value.map((entry) => (typeof entry === "number" ? String(entry) : entry.map(String))) as RawAnswer;
}

/** An answer that must be graded wrong: the first entry moved well outside any tolerance, or the next option. */
export function wrongAnswer(shape: AnswerShape, value: AnswerValue): RawAnswer {
  const moved = (x: number) => x + 1 + Math.abs(x);
  if (shape.kind === "choice" && typeof value === "number") return String((value + 1) % shape.options.length);
  if (typeof value === "number") return String(moved(value));
  if (value.every((entry) => typeof entry === "number")) return typedAnswer((value as number[]).map((x, i) => (i === 0 ? moved(x) : x)));
  return typedAnswer((value as number[][]).map((row, i) => row.map((x, j) => (i === 0 && j === 0 ? moved(x) : x))));
}
