"use client";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { VisibleExample } from "../../_server/exercise-page.ts";
import { LANGUAGES, LANGUAGE_LABELS, entryNameIn, type Language } from "../../../exercises/spec/languages.ts";

interface ChosenLanguage {
  readonly language: Language;
  readonly choose: (language: Language) => void;
}

const ChosenLanguageContext = createContext<ChosenLanguage | null>(null);

/**
 * The language chosen in the workspace, shared with the statement column (which sits beside the
 * workspace, not inside it) so its signature follows the editor.
 */
export function ChosenLanguageProvider({ initial, children }: { initial: Language; children: ReactNode }) {
  const [language, choose] = useState<Language>(initial);
  const value = useMemo(() => ({ language, choose }), [language]);
  return <ChosenLanguageContext value={value}>{children}</ChosenLanguageContext>;
}

/** The shared language; outside a provider, a setter that shows nothing elsewhere. */
export function useChosenLanguage(fallback: Language): ChosenLanguage {
  return useContext(ChosenLanguageContext) ?? { language: fallback, choose: () => {} };
}

/** "Export `forward` from your module" and the signature, in the language chosen in the workspace. */
export function LanguageSignature(props: { entry: string; signatures: Readonly<Record<Language, string>>; visibleTests: number; hiddenTests: number }) {
  const { language } = useChosenLanguage(LANGUAGES[0]);
  const label = LANGUAGE_LABELS[language];
  const plural = (count: number) => (count === 1 ? "" : "s");
  return (
    <>
      <p>
        {language === "python" ? "Define " : "Export "}
        <code>{entryNameIn(language, props.entry)}</code> {language === "python" ? "in" : "from"} your module. It is graded on {props.visibleTests} visible test
        {plural(props.visibleTests)} (below, with your own inputs) and {props.hiddenTests} hidden test{plural(props.hiddenTests)} when you submit.
      </p>
      {/* Focusable, so keyboard users can scroll a signature wider than the column. */}
      <pre className="signature" tabIndex={0} role="region" aria-label={`Signature (${label})`} data-testid="signature" data-language={language}>
        <code>{props.signatures[language].trim()}</code>
      </pre>
    </>
  );
}

/** The visible tests' calls and expected values, written as the chosen language writes them. */
export function VisibleTests({ examples }: { examples: readonly VisibleExample[] }) {
  const { language } = useChosenLanguage(LANGUAGES[0]);
  return (
    <section className="examples" aria-label="Visible tests">
      <h2>Visible tests</h2>
      {examples.map((example) => {
        const texts = language === "python" ? example.python : example;
        return (
          <div key={example.name}>
            <strong>{example.name}</strong>
            <pre>
              {texts.call}
              {"\n→ "}
              {texts.expected}
            </pre>
          </div>
        );
      })}
    </section>
  );
}
