import type { Language } from "../../exercises/spec/languages.ts";

/**
 * The languages the exercise page's editor offers: those for which the page has a starter, the
 * signature and an editor mode. Python is graded like the others (the command line and the API
 * take it), but the page does not yet switch starters, signatures and editor mode per language,
 * so it does not offer Python.
 */
export const EDITOR_LANGUAGES = ["typescript", "javascript"] as const satisfies readonly Language[];
export type EditorLanguage = (typeof EDITOR_LANGUAGES)[number];
