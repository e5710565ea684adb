/**
 * The languages a solution can be written in: the one list every part derives from (the
 * grader's source preparation, the editor, request validation, file extensions, labels).
 */
import { z } from "zod";

export const LANGUAGES = ["typescript", "javascript"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LanguageSchema = z.enum(LANGUAGES);

/** What a submission is graded as when it names no language. */
export const DEFAULT_LANGUAGE: Language = "typescript";

export const LANGUAGE_LABELS: Readonly<Record<Language, string>> = { typescript: "TypeScript", javascript: "JavaScript" };

/** Source-file extensions and the language of each (the command-line grader picks by extension). */
export const LANGUAGE_BY_EXTENSION: Readonly<Record<string, Language>> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
};

/** A stored language column read back: anything unknown is the default, never a crash. */
export function parseLanguage(value: string): Language {
  const parsed = LanguageSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LANGUAGE;
}
