import type { Language } from "../../../exercises/spec/languages.ts";

/**
 * A copy of unsaved editor text kept in the tab's session storage until the server has it. A
 * reload right after typing can render the page before the last save arrives (or after it
 * failed); the copy then brings the newer text back. It names the server draft it was written
 * over, so a draft saved later elsewhere (another tab, another device) is never replaced by it.
 */
export interface DraftCopy {
  readonly code: string;
  /** updatedAt of the server's draft in that language when the text was written; null if none. */
  readonly base: string | null;
}

type CopiesPerLanguage = Partial<Record<Language, DraftCopy>>;

const keyFor = (itemId: string) => `epoch:unsaved-draft:${itemId}`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    // Storage can be switched off; drafts then rely on the server alone.
    return null;
  }
}

export function readCopies(itemId: string): CopiesPerLanguage {
  const raw = storage()?.getItem(keyFor(itemId));
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" ? (parsed as CopiesPerLanguage) : {};
  } catch {
    return {};
  }
}

function writeCopies(itemId: string, copies: CopiesPerLanguage): void {
  const store = storage();
  if (!store) return;
  try {
    if (Object.keys(copies).length === 0) store.removeItem(keyFor(itemId));
    else store.setItem(keyFor(itemId), JSON.stringify(copies));
  } catch {
    // A full storage only loses this safety net.
  }
}

export function keepCopy(itemId: string, language: Language, copy: DraftCopy): void {
  writeCopies(itemId, { ...readCopies(itemId), [language]: copy });
}

/**
 * After the server stored `savedCode` at `updatedAt`: the copy is forgotten when it holds that
 * text, else (the student typed on while the save was under way) it now stands over that draft.
 */
export function settleCopy(itemId: string, language: Language, savedCode: string, updatedAt: string): void {
  const { [language]: copy, ...others } = readCopies(itemId);
  if (!copy) return;
  writeCopies(itemId, copy.code === savedCode ? others : { ...others, [language]: { code: copy.code, base: updatedAt } });
}

/**
 * The copies still newer than the server's drafts: written over the draft the server still
 * holds, with other text. Others are stale and forgotten.
 */
export function newerCopies(itemId: string, serverDrafts: Partial<Record<Language, { code: string; updatedAt: string }>>): Partial<Record<Language, string>> {
  const copies = readCopies(itemId);
  const newer: Partial<Record<Language, string>> = {};
  const kept: CopiesPerLanguage = {};
  for (const [language, copy] of Object.entries(copies) as [Language, DraftCopy][]) {
    const server = serverDrafts[language];
    if (copy.base === (server?.updatedAt ?? null) && copy.code !== server?.code) {
      newer[language] = copy.code;
      kept[language] = copy;
    }
  }
  writeCopies(itemId, kept);
  return newer;
}
