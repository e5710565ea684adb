/**
 * An exercise's fixture solutions, in its `solutions/` folder: `correct.ts`, and for each other
 * solution (typical mistakes, mostly) either a change to it, `<name>.change`, or a whole file,
 * `<name>.ts`, when it is a different program. A change holds only what differs from correct.ts,
 * so a reader sees the mistake and nothing else; it is not TypeScript, so no tool compiles it.
 *
 * A change is a text file:
 *
 *   # What the mistake is (comment lines, before the first hunk).
 *    a line of correct.ts, kept as it is (context: a space, then the line)
 *   -a line of correct.ts, removed
 *   +a line added in its place
 *   @@ (a line starting with @@ separates hunks; anything after the @@ is a note to the reader)
 *
 * A hunk's context and removed lines, in order, must occur exactly once in correct.ts; applying
 * the hunk puts its context and added lines in their place. There are no line numbers, so an edit
 * elsewhere in correct.ts leaves a change applying. Each hunk is found in correct.ts itself, never
 * in what an earlier hunk produced, and two hunks may not claim the same line. An empty line is an
 * empty line of context; empty context at either end of a hunk is left out (editors add and strip
 * such lines unseen, and they would only make a hunk harder to place).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { exercisesDirectory } from "./registry.ts";
import type { Language } from "./spec/languages.ts";

export const CORRECT_SOLUTION = "correct";
/**
 * A fixture is a whole file, or a change to the correct solution in its language: TypeScript
 * (which JavaScript students share) `<name>.ts` / `<name>.change` against `correct.ts`, Python
 * `<name>.py` / `<name>.py.change` against `correct.py`.
 */
const FIXTURE_FILES = {
  typescript: { file: ".ts", change: ".change" },
  python: { file: ".py", change: ".py.change" },
} as const;
const fixtureFiles = (language: Language) => (language === "python" ? FIXTURE_FILES.python : FIXTURE_FILES.typescript);

/** A change that cannot be read or does not apply; the message says which hunk and why. */
export class ChangeError extends Error {
  override name = "ChangeError";
}

/** A fixture solution that cannot be read; the message names the file. */
export class SolutionError extends Error {
  override name = "SolutionError";
}

type HunkLine = { readonly kind: "context" | "remove" | "add"; readonly text: string };

export interface Hunk {
  /** 1-based line of the change file where the hunk starts, for messages. */
  readonly line: number;
  readonly lines: readonly HunkLine[];
}

export interface Change {
  /** The `#` lines at the top, without the `#`: what the mistake is, in words. */
  readonly comments: readonly string[];
  readonly hunks: readonly Hunk[];
}

const PREFIXES: Record<string, HunkLine["kind"]> = { " ": "context", "-": "remove", "+": "add" };

export function parseChange(text: string): Change {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const comments: string[] = [];
  const hunks: Hunk[] = [];
  let current: { line: number; lines: HunkLine[] } = { line: 1, lines: [] };
  const close = () => {
    const kept = trimEmptyContext(current.lines);
    if (kept.length > 0) hunks.push({ line: current.line, lines: kept });
  };
  let header = true;
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (header && (raw.startsWith("#") || raw.trim() === "")) {
      if (raw.startsWith("#")) comments.push(raw.slice(1).trim());
      return;
    }
    header = false;
    if (raw.startsWith("@@")) {
      close();
      current = { line: lineNumber + 1, lines: [] };
      return;
    }
    if (current.lines.every((l) => l.kind === "context" && l.text.trim() === "")) current.line = lineNumber;
    if (raw === "") {
      current.lines.push({ kind: "context", text: "" });
      return;
    }
    const kind = PREFIXES[raw[0]!];
    if (kind === undefined)
      throw new ChangeError(`line ${lineNumber} starts with "${raw[0]}": a line of a hunk starts with " " (kept), "-" (removed) or "+" (added), and "@@" separates hunks`);
    current.lines.push({ kind, text: raw.slice(1) });
  });
  close();
  if (hunks.length === 0) throw new ChangeError("it has no hunks: nothing changes");
  return { comments, hunks };
}

function trimEmptyContext(lines: readonly HunkLine[]): HunkLine[] {
  const isEdge = (line: HunkLine | undefined) => line !== undefined && line.kind === "context" && line.text.trim() === "";
  let start = 0;
  let end = lines.length;
  while (start < end && isEdge(lines[start])) start++;
  while (end > start && isEdge(lines[end - 1])) end--;
  return lines.slice(start, end);
}

/** Where a hunk applies: the lines [start, end) of the base. */
interface Placement {
  readonly hunk: Hunk;
  readonly number: number;
  readonly start: number;
  readonly end: number;
}

function describeHunk(hunk: Hunk, number: number): string {
  return `hunk ${number} (line ${hunk.line} of the change)`;
}

function occurrences(base: readonly string[], wanted: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i + wanted.length <= base.length; i++) {
    if (wanted.every((line, k) => base[i + k] === line)) found.push(i);
  }
  return found;
}

function place(base: readonly string[], baseName: string, hunk: Hunk, number: number): Placement {
  const what = describeHunk(hunk, number);
  if (!hunk.lines.some((l) => l.kind !== "context")) throw new ChangeError(`${what} changes nothing: it has no "-" or "+" lines`);
  const old = hunk.lines.filter((l) => l.kind !== "add").map((l) => l.text);
  if (old.length === 0) throw new ChangeError(`${what} has only added lines: give a line of context (" ") to say where they go`);
  const found = occurrences(base, old);
  if (found.length === 1) return { hunk, number, start: found[0]!, end: found[0]! + old.length };
  if (found.length === 0) {
    const missing = old.find((line) => !base.includes(line));
    const why =
      missing !== undefined
        ? `${baseName} has no line ${JSON.stringify(missing)}`
        : `its context and removed lines are all in ${baseName}, but not one after another in this order`;
    throw new ChangeError(`${what} does not apply: ${why}`);
  }
  const at = found.map((i) => i + 1).join(", ");
  throw new ChangeError(
    `${what} does not apply: its context and removed lines occur ${found.length} times in ${baseName} (at lines ${at}); add context lines until they occur once`,
  );
}

/** The base with the change applied. Throws a ChangeError naming the hunk that does not apply. */
export function applyChange(base: string, change: string | Change, baseName = "correct.ts"): string {
  const parsed = typeof change === "string" ? parseChange(change) : change;
  const baseLines = base.split("\n");
  const placements = parsed.hunks.map((hunk, i) => place(baseLines, baseName, hunk, i + 1)).sort((a, b) => a.start - b.start);
  const result: string[] = [];
  let next = 0;
  let previous: Placement | undefined;
  for (const placement of placements) {
    if (previous && placement.start < previous.end) {
      const [first, second] = [previous, placement].sort((a, b) => a.number - b.number);
      throw new ChangeError(
        `${describeHunk(first!.hunk, first!.number)} and ${describeHunk(second!.hunk, second!.number)} claim the same lines of ${baseName}; make them one hunk`,
      );
    }
    result.push(...baseLines.slice(next, placement.start));
    result.push(...placement.hunk.lines.filter((l) => l.kind !== "remove").map((l) => l.text));
    next = placement.end;
    previous = placement;
  }
  result.push(...baseLines.slice(next));
  return result.join("\n");
}

export interface Solution {
  readonly name: string;
  /** The file it was read from, relative to the exercise's folder: `solutions/<name>.change` or `.ts`. */
  readonly file: string;
  /** The whole source, with any change applied. */
  readonly source: string;
  /** What the mistake is, from a change's `#` lines (empty for a whole file). */
  readonly comments: readonly string[];
}

function solutionsFolder(exerciseId: string, exercisesDir: string): string {
  return join(exercisesDir, exerciseId, "solutions");
}

/** The names of an exercise's fixture solutions in a language: `correct` first, then the rest in order. */
export function listSolutions(exerciseId: string, exercisesDir = exercisesDirectory(), language: Language = "typescript"): string[] {
  const folder = solutionsFolder(exerciseId, exercisesDir);
  if (!existsSync(folder)) throw new SolutionError(`exercise "${exerciseId}" has no solutions/ folder (looked for ${folder})`);
  const { file: fileExtension, change: changeExtension } = fixtureFiles(language);
  const names = new Set<string>();
  for (const file of readdirSync(folder)) {
    if (file.endsWith(".d.ts")) continue;
    // A Python change ends in ".change" too: it is not a TypeScript fixture.
    if (language !== "python" && file.endsWith(FIXTURE_FILES.python.change)) continue;
    for (const extension of [changeExtension, fileExtension]) if (file.endsWith(extension)) names.add(file.slice(0, -extension.length));
  }
  const rest = [...names].filter((n) => n !== CORRECT_SOLUTION).sort();
  return names.has(CORRECT_SOLUTION) ? [CORRECT_SOLUTION, ...rest] : rest;
}

/** A fixture solution with its source: the correct solution, a change applied to it, or a whole file. */
export function loadSolution(exerciseId: string, name: string, exercisesDir = exercisesDirectory(), language: Language = "typescript"): Solution {
  const folder = solutionsFolder(exerciseId, exercisesDir);
  const { file: fileExtension, change: changeExtension } = fixtureFiles(language);
  const asFile = `solutions/${name}${fileExtension}`;
  const asChange = `solutions/${name}${changeExtension}`;
  const hasFile = existsSync(join(folder, `${name}${fileExtension}`));
  const hasChange = name !== CORRECT_SOLUTION && existsSync(join(folder, `${name}${changeExtension}`));
  const where = `exercises/${exerciseId}`;
  if (hasFile && hasChange) throw new SolutionError(`${where}: both ${asFile} and ${asChange} exist; keep one`);
  if (hasFile) return { name, file: asFile, source: readFileSync(join(folder, `${name}${fileExtension}`), "utf8"), comments: [] };
  if (!hasChange) throw new SolutionError(name === CORRECT_SOLUTION ? `${where}: ${asFile} is missing` : `${where}: there is no ${asChange} (nor ${asFile})`);
  const correctName = `${CORRECT_SOLUTION}${fileExtension}`;
  const correctFile = join(folder, correctName);
  if (!existsSync(correctFile)) throw new SolutionError(`${where}/${asChange}: it changes solutions/${correctName}, which is missing`);
  try {
    const change = parseChange(readFileSync(join(folder, `${name}${changeExtension}`), "utf8"));
    return { name, file: asChange, source: applyChange(readFileSync(correctFile, "utf8"), change, correctName), comments: change.comments };
  } catch (error) {
    if (error instanceof ChangeError) throw new SolutionError(`${where}/${asChange}: ${error.message}`);
    throw error;
  }
}

/** The whole source of a fixture solution (`correct`, or a mistake's id). */
export function readSolution(exerciseId: string, name: string, exercisesDir = exercisesDirectory()): string {
  return loadSolution(exerciseId, name, exercisesDir).source;
}
