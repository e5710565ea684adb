import { LANGUAGES, LANGUAGE_LABELS, entryNameIn } from "../../../../exercises/spec/languages.ts";
import type { BankExercise } from "../../../_server/staff/bank.ts";

/**
 * The function students write, once per language: its name, signature and starter. Each
 * language's part is marked with `data-code-for`, so only the language chosen in the
 * surrounding LanguageTabs shows.
 */
export function SignatureInLanguages({ exercise }: { exercise: Pick<BankExercise, "entry" | "signatures" | "starters"> }) {
  return LANGUAGES.map((language) => {
    const label = LANGUAGE_LABELS[language];
    return (
      <div key={language} data-code-for={language} data-code-language={language} data-testid={`signature-${language}`}>
        <p className="small muted">
          {label} students {language === "python" ? "define" : "export"} <code>{entryNameIn(language, exercise.entry)}</code>.
        </p>
        <pre className="signature" aria-label={`Signature (${label})`}>
          <code>{exercise.signatures[language].trim()}</code>
        </pre>
        <details>
          <summary className="small">Starter code ({label})</summary>
          <pre className="signature" aria-label={`Starter code (${label})`}>
            <code>{exercise.starters[language].trim()}</code>
          </pre>
        </details>
      </div>
    );
  });
}

/** Each visible test's call and expected value, written as TypeScript and as Python write them. */
export function VisibleTestsInLanguages({ tests }: { tests: BankExercise["visibleTests"] }) {
  return tests.map((test) => (
    <div key={test.name}>
      <strong>{test.name}</strong>
      <pre data-code-for="typescript javascript" data-code-language="typescript">
        {test.call}
        {"\n→ "}
        {test.expected}
      </pre>
      <pre data-code-for="python" data-code-language="python">
        {test.python.call}
        {"\n→ "}
        {test.python.expected}
      </pre>
    </div>
  ));
}
