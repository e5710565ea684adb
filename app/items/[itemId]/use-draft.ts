"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf, sendJson } from "../../_components/send-json.ts";
import type { DraftView } from "../../_server/drafts.ts";
import { DEFAULT_LANGUAGE, type Language } from "../../../exercises/spec/languages.ts";

export type { Language };
export type SaveState = "saved" | "saving" | "unsaved" | "failed";

export interface DraftText {
  readonly code: string;
  readonly language: Language;
}

/** How long typing must pause before the draft is saved. */
const AUTOSAVE_DELAY_MS = 800;

/**
 * The editor's text and language, saved to the server as a draft shortly after each edit and
 * when the page is left.
 */
export function useDraft(itemId: string, starter: string, initialDraft: DraftView | null) {
  const [code, setCode] = useState(initialDraft?.code ?? starter);
  const [language, setLanguageState] = useState<Language>(initialDraft?.language ?? DEFAULT_LANGUAGE);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  // The server's reason when a save is refused (the exam clock ran out, say), shown as it is.
  const [saveError, setSaveError] = useState<string | null>(null);
  // The newest text, for saves and submissions started from timers and event handlers.
  const latest = useRef<DraftText>({ code, language });
  const savedCode = useRef(code);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = useCallback(
    async (keepalive = false) => {
      const { code: text, language: lang } = latest.current;
      if (text === savedCode.current) return;
      setSaveState("saving");
      try {
        await sendJson(`/api/items/${itemId}/draft`, "PUT", { code: text, language: lang }, { keepalive });
        savedCode.current = text;
        setSaveError(null);
        setSaveState(latest.current.code === text ? "saved" : "unsaved");
      } catch (error) {
        setSaveError(messageOf(error));
        setSaveState("failed");
      }
    },
    [itemId],
  );

  const scheduleSave = useCallback(() => {
    setSaveState("unsaved");
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [save]);

  const edit = useCallback(
    (text: string) => {
      latest.current = { ...latest.current, code: text };
      setCode(text);
      scheduleSave();
    },
    [scheduleSave],
  );

  const setLanguage = useCallback(
    (lang: Language) => {
      latest.current = { ...latest.current, language: lang };
      setLanguageState(lang);
      scheduleSave();
    },
    [scheduleSave],
  );

  /** Replaces the whole text (a past submission's code, or the starter). */
  const replace = useCallback(
    (text: string, lang: Language) => {
      latest.current = { code: text, language: lang };
      setLanguageState(lang);
      setCode(text);
      scheduleSave();
    },
    [scheduleSave],
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
