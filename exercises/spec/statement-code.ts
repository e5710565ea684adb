/**
 * Code in statements that depends on the language. A statement writes each such block once per
 * language, as adjacent fenced blocks (```ts, then ```python, and ```js only where JavaScript
 * differs from TypeScript); the page shows the block of the language the student chose. The
 * TypeScript block serves JavaScript too unless the group has a JavaScript block of its own.
 * Fenced blocks with any other tag (or none) read the same in every language and are always shown.
 */
import { LANGUAGES, LANGUAGE_LABELS, pythonEntryName, pythonParamName, type Language } from "./languages.ts";

/** Fence tags of language-dependent blocks and the language each is written in. */
export const FENCE_LANGUAGES: Readonly<Record<string, Language>> = {
  ts: "typescript",
  typescript: "typescript",
  js: "javascript",
  javascript: "javascript",
  py: "python",
  python: "python",
};

/** The language a fence tag names, or null for a block that reads the same in every language. */
export function fenceLanguage(tag: string | null | undefined): Language | null {
  return tag ? (FENCE_LANGUAGES[tag.toLowerCase()] ?? null) : null;
}

/**
 * For a group of adjacent language-dependent blocks (their languages, in order), the languages
 * each block is shown for. JavaScript, when the group has no block of its own, takes TypeScript's
 * (it reads it as is, types aside); Python never falls back, so a group without a Python block
 * shows Python students nothing (`statementCodeProblems` reports it).
 */
export function languagesServed(group: readonly Language[]): Language[][] {
  const readsTypeScript = (chosen: Language) => chosen === "javascript" && !group.includes("javascript");
  return group.map((language) => LANGUAGES.filter((chosen) => chosen === language || (language === "typescript" && readsTypeScript(chosen))));
}

/**
 * Names that inline code in a statement writes differently in Python: the entry function and
 * its camelCase parameters (`kmeansStep` → `kmeans_step`, `poolSize` → `pool_size`), and the
 * booleans. Names that are the same in both languages are left out.
 */
export function pythonNames(entry: string, params: readonly string[]): Readonly<Record<string, string>> {
  const pairs: [string, string][] = [
    [entry, pythonEntryName(entry)],
    ...params.map((param): [string, string] => [param, pythonParamName(param)]),
    ["true", "True"],
    ["false", "False"],
  ];
  return Object.fromEntries(pairs.filter(([name, python]) => name !== python));
}

export interface StatementCodeBlock {
  readonly language: Language;
  readonly code: string;
  /** The languages this block is shown for. */
  readonly shownFor: readonly Language[];
}

/**
 * The statement's language-dependent blocks, grouped as the page groups them: blocks separated
 * by nothing but blank lines form one group of alternatives.
 */
export function statementCodeGroups(markdown: string): StatementCodeBlock[][] {
  const groups: { language: Language; code: string }[][] = [];
  let previousEnd = -1;
  for (const match of markdown.matchAll(/^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    const language = fenceLanguage(match[1]);
    const start = match.index;
    const end = start + match[0].length;
    if (language === null) {
      previousEnd = -1;
      continue;
    }
    const adjacent = previousEnd >= 0 && markdown.slice(previousEnd, start).trim() === "";
    if (adjacent) groups.at(-1)!.push({ language, code: match[2]! });
    else groups.push([{ language, code: match[2]! }]);
    previousEnd = end;
  }
  return groups.map((group) => {
    const served = languagesServed(group.map((block) => block.language));
    return group.map((block, i) => ({ ...block, shownFor: served[i]! }));
  });
}

/**
 * What is wrong with a statement's language-dependent code, for `entry` (the TypeScript name):
 * a language shown no block (or two) of a group, a Python block that names the TypeScript
 * spelling, or one that does not call the snake_case name where its TypeScript sibling calls the entry.
 */
export function statementCodeProblems(statement: string, entry: string): string[] {
  const python = pythonEntryName(entry);
  const problems: string[] = [];
  statementCodeGroups(statement).forEach((group, index) => {
    const where = `code group ${index + 1} (${group.map((block) => LANGUAGE_LABELS[block.language]).join(", ")})`;
    for (const language of LANGUAGES) {
      const shown = group.filter((block) => block.shownFor.includes(language)).length;
      if (shown > 1) problems.push(`${where}: ${shown} blocks for ${LANGUAGE_LABELS[language]}`);
      if (shown === 0) problems.push(`${where}: no block for ${LANGUAGE_LABELS[language]}${language === "python" ? " (add a ```python block beside it)" : ""}`);
    }
    const callsEntry = group.some((block) => block.language !== "python" && block.code.includes(`${entry}(`));
    for (const block of group.filter((b) => b.language === "python")) {
      if (python !== entry && new RegExp(`\\b${entry}\\b`).test(block.code)) problems.push(`${where}: the Python block names \`${entry}\`; in Python it is \`${python}\``);
      else if (callsEntry && !block.code.includes(`${python}(`)) problems.push(`${where}: the Python block does not call \`${python}(...)\``);
    }
  });
  return problems;
}
