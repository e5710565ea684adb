/**
 * The languages a solution can be written in: the one list every part derives from (the
 * grader's source preparation, the editor, request validation, file extensions, labels).
 */
import { z } from "zod";

export const LANGUAGES = ["typescript", "javascript", "python"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LanguageSchema = z.enum(LANGUAGES);

/** What a submission is graded as when it names no language. */
export const DEFAULT_LANGUAGE: Language = "typescript";

export const LANGUAGE_LABELS: Readonly<Record<Language, string>> = { typescript: "TypeScript", javascript: "JavaScript", python: "Python" };

/** Source-file extensions and the language of each (the command-line grader picks by extension). */
export const LANGUAGE_BY_EXTENSION: Readonly<Record<string, Language>> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
};

/** Source-file extension of each language's exercise files (starter, solutions). */
export const SOURCE_EXTENSION: Readonly<Record<Language, string>> = { typescript: ".ts", javascript: ".js", python: ".py" };

/**
 * The name of an exercise's entry function in a language. Python's contract: the TypeScript
 * name in snake_case, the same parameters in the same order (`kmeansStep` → `kmeans_step`).
 */
export function entryNameIn(language: Language, entry: string): string {
  return language === "python" ? pythonEntryName(entry) : entry;
}

/** camelCase → snake_case: `forward` stays, `countParameters` → `count_parameters`, `parseHTMLTable` → `parse_html_table`. */
export function pythonEntryName(entry: string): string {
  return entry
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** A stored language column read back: anything unknown is the default, never a crash. */
export function parseLanguage(value: string): Language {
  const parsed = LanguageSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LANGUAGE;
}

/** A parameter's name in Python: camelCase becomes snake_case (`learningRate` → `learning_rate`); math names (`W1`, `X`) stay. */
export function pythonParamName(name: string): string {
  return /[a-z0-9][A-Z]/.test(name) ? pythonEntryName(name) : name;
}
