"use client";
import type { ReactNode } from "react";
import { LANGUAGES } from "../../../exercises/spec/languages.ts";
import { useChosenLanguage } from "./chosen-language.tsx";

/** The statement's text, whose language-dependent code follows the language chosen in the workspace. */
export function StatementInChosenLanguage({ children }: { children: ReactNode }) {
  const { language } = useChosenLanguage(LANGUAGES[0]);
  return (
    <div data-chosen-language={language} data-testid="statement-text">
      {children}
    </div>
  );
}
