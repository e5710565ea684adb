"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf, sendJson } from "../../_components/send-json.ts";
import type { DraftView } from "../../_server/drafts.ts";
import type { Language } from "../../../exercises/spec/languages.ts";
import { keepCopy, newerCopies, settleCopy } from "./draft-copy.ts";

export type { Language };
export type SaveState = "saved" | "saving" | "unsaved" | "failed";

export interface DraftText {
  readonly code: string;
  readonly language: Language;
}

/** How long typing must pause before the draft is saved. */
const AUTOSAVE_DELAY_MS = 800;

type TextPerLanguage = Partial<Record<Language, string>>;

/**
 * The editor's text and language. Each language keeps its own draft: switching language saves
 * the text written so far and loads that language's draft, or its starter when there is none.
 * The page opens in the language of the most recently saved draft. Drafts are saved to the server
 * shortly after each edit and when the page is left.
 */
export function useDraft(itemId: string, starters: Readonly<Record<Language, string>>, initialDrafts: readonly DraftView[], initialLanguage: Language) {
  const [initial] = useState(() => {
    const serverTexts: TextPerLanguage = {};
    const serverDrafts: Partial<Record<Language, DraftView>> = {};
    for (const draft of initialDrafts) {
      serverTexts[draft.language] ??= draft.code;
      serverDrafts[draft.language] ??= draft;
    }
    // Text typed before a reload whose save the server had not stored when it rendered this page.
    // Read while the browser hydrates; the editor is drawn in the browser only, so no HTML differs.
    const restored = newerCopies(itemId, serverDrafts);
    const texts: TextPerLanguage = { ...serverTexts, ...restored };
    const language = initialLanguage;
    const updatedAt: Partial<Record<Language, string>> = {};
    for (const [lang, draft] of Object.entries(serverDrafts) as [Language, DraftView][]) updatedAt[lang] = draft.updatedAt;
    return { texts, serverTexts, updatedAt, language, code: texts[language] ?? starters[language], restored: restored[language] !== undefined };
  });
  const [code, setCode] = useState(initial.code);
  const [language, setLanguageState] = useState<Language>(initial.language);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  // The server's reason when a save is refused (the exam clock ran out, say), shown as it is.
  const [saveError, setSaveError] = useState<string | null>(null);
  // The newest text, for saves and submissions started from timers and event handlers.
  const latest = useRef<DraftText>({ code: initial.code, language: initial.language });
  // The newest text of every language written in, and what the server holds for each.
  const texts = useRef<TextPerLanguage>({ ...initial.texts });
  const savedTexts = useRef<TextPerLanguage>({ ...initial.serverTexts });
  // When the server last stored each language's draft: what a session copy of newer text stands over.
  const serverUpdatedAt = useRef<Partial<Record<Language, string>>>({ ...initial.updatedAt });
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = useCallback(
    async (keepalive = false) => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = null;
      const { code: text, language: lang } = latest.current;
      if (text === savedTexts.current[lang]) return;
      setSaveState("saving");
      try {
        const { draft } = await sendJson<{ draft: DraftView }>(`/api/items/${itemId}/draft`, "PUT", { code: text, language: lang }, { keepalive });
        savedTexts.current[lang] = text;
        serverUpdatedAt.current[lang] = draft.updatedAt;
        settleCopy(itemId, lang, text, draft.updatedAt);
        setSaveError(null);
        const now = latest.current;
        setSaveState(now.code === savedTexts.current[now.language] ? "saved" : "unsaved");
      } catch (error) {
        setSaveError(messageOf(error));
        setSaveState("failed");
      }
    },
    [itemId],
  );

  const scheduleSave = useCallback(() => {
    setSaveState("unsaved");
    const { code: text, language: lang } = latest.current;
    keepCopy(itemId, lang, { code: text, base: serverUpdatedAt.current[lang] ?? null });
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [itemId, save]);

  // Restored text goes to the server at once. The save state starts as the server rendered it.
  useEffect(() => {
    if (!initial.restored) return;
    const timer = setTimeout(() => void save(), 0);
    return () => clearTimeout(timer);
  }, [initial.restored, save]);

  const edit = useCallback(
    (text: string) => {
      latest.current = { ...latest.current, code: text };
      texts.current[latest.current.language] = text;
      setCode(text);
      scheduleSave();
    },
    [scheduleSave],
  );

  /** Shows `text` in `lang`, first storing what was written in the language being left. */
  const show = useCallback(
    (text: string, lang: Language) => {
      if (lang !== latest.current.language) void save();
      latest.current = { code: text, language: lang };
      texts.current[lang] = text;
      setLanguageState(lang);
      setCode(text);
    },
    [save],
  );

  const setLanguage = useCallback(
    (lang: Language) => {
      if (lang === latest.current.language) return;
      show(texts.current[lang] ?? starters[lang], lang);
      // Saved even unchanged, so the page opens in this language next time.
      savedTexts.current = { ...savedTexts.current, [lang]: undefined };
      scheduleSave();
    },
    [show, scheduleSave, starters],
  );

  /** Replaces the whole text (a past submission's code, or the starter). */
  const replace = useCallback(
    (text: string, lang: Language) => {
      show(text, lang);
      scheduleSave();
    },
    [show, scheduleSave],
  );

  // Leaving the page with unsaved edits still stores them.
  useEffect(() => {
    const flush = () => void save(true);
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [save]);

  const current = useCallback((): DraftText => latest.current, []);

  return { code, language, saveState, saveError, edit, setLanguage, replace, save, current };
}
