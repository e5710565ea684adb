"use client";
import { useState, type ReactNode } from "react";
import { LANGUAGES, LANGUAGE_LABELS, type Language } from "../../../../exercises/spec/languages.ts";
import "../../../_components/language-code.css";

/**
 * A staff preview in one language at a time: the statement's code, the signature, the starter
 * and the visible tests inside follow the tab chosen, as a student's page follows their editor.
 */
export function LanguageTabs({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(LANGUAGES[0]);
  return (
    <div data-chosen-language={language} data-testid="language-tabs">
      <div role="group" aria-label="Language shown" style={{ display: "flex", gap: "0.4rem", margin: "0 0 0.75rem" }}>
        {LANGUAGES.map((option) => (
          <button
            key={option}
            type="button"
            className={`button small-button${option === language ? " primary" : ""}`}
            aria-pressed={option === language}
            onClick={() => setLanguage(option)}
          >
            {LANGUAGE_LABELS[option]}
          </button>
        ))}
      </div>
      {children}
    </div>
  );
}
