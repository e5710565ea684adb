import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../../../_components/local-time.tsx";
import { Markdown } from "../../../../_components/markdown.tsx";
import { orNotFound } from "../../../../_server/page-errors.ts";
import { bankExercise, type CheckSummary } from "../../../../_server/staff/bank.ts";
import { requirePageViewer } from "../../../../_server/viewer.ts";
import "../bank.css";
import { SignatureInLanguages, VisibleTestsInLanguages } from "../in-languages.tsx";
import { LanguageTabs } from "../language-tabs.tsx";
import { statementBody } from "../statement.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exercise" };

type SearchParams = Record<string, string | string[] | undefined>;

const MAX_SEED = 2 ** 32 - 1;

/** The seed in the address, or 1 when it is missing or not a whole number in range. */
function seedFrom(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  const seed = Number(text);
  return text && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? seed : 1;
}

function CheckReport({ check }: { check: CheckSummary | null }) {
  return (
    <section className="card check-report" data-testid="check-report" aria-labelledby="check-heading">
      <h2 id="check-heading">
        Exercise check{" "}
        {check === null ? <span className="badge">Not checked yet</span> : check.ok ? <span className="badge pass">OK</span> : <span className="badge fail">Failing</span>}
      </h2>
      {check === null ? (
        <p className="muted">Not checked yet. The grader host runs exercises:check on every exercise when it starts and stores the report here.</p>
      ) : (
        <>
          <p className="muted small">
            Checked <LocalTime iso={check.checkedAt} />
          </p>
          {check.problems.length > 0 ? (
            <ul className="check-lines">
              {check.problems.map((problem, index) => (
                <li key={`problem-${index}`} className="check-problem">
                  <span aria-hidden>✗</span> <span className="visually-hidden">Problem:</span> <strong>{problem.check}</strong>: {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
          {check.passed.length > 0 ? (
            <ul className="check-lines">
              {check.passed.map((line, index) => (
                <li key={`passed-${index}`} className="check-passed">
                  <span aria-hidden>✓</span> <span className="visually-hidden">Passed:</span> {line}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

/** One bank exercise as a student with the given seed would see it, with what staff alone may see. */
export default async function BankExercisePage({ params, searchParams }: { params: Promise<{ courseId: string; exerciseId: string }>; searchParams: Promise<SearchParams> }) {
  const { courseId, exerciseId } = await params;
  const seed = seedFrom((await searchParams).seed);
  const viewer = await requirePageViewer(`/courses/${courseId}/bank/${exerciseId}`);
  const exercise = await orNotFound(() => bankExercise(viewer, courseId, exerciseId, seed));
  const nextSeed = seed >= MAX_SEED ? 0 : seed + 1;
  return (
    <div data-testid="bank-exercise">
      <p className="small">
        <Link href={`/courses/${courseId}/bank`}>← Exercise bank</Link>
      </p>
      <h1>{exercise.title}</h1>
      <p className="muted">
        <code>{exercise.id}</code> · {exercise.difficulty} · {exercise.topics.join(", ")}
      </p>
      <p>{exercise.summary}</p>
      <LanguageTabs>
        <div className="bank-exercise-layout">
          <article className="card statement" aria-label="Statement">
            <p className="muted small bank-variant">
              Sample variant: seed {exercise.sampleSeed} ·{" "}
              <Link href={`/courses/${courseId}/bank/${exercise.id}?seed=${nextSeed}`} data-testid="another-variant">
                Another variant
              </Link>
            </p>
            <Markdown source={statementBody(exercise.statement)} pythonNames={exercise.pythonNames} />
          </article>
          <div>
            <section className="card" aria-labelledby="signature-heading">
              <h2 id="signature-heading">Signature</h2>
              {exercise.entry === "answers" ? (
                <>
                  <p className="small muted">A calculation: students answer with numbers, part by part.</p>
                  <pre className="signature">
                    <code>{exercise.signature.trim()}</code>
                  </pre>
                </>
              ) : (
                <SignatureInLanguages exercise={exercise} />
              )}
            </section>
            <section className="card examples" aria-labelledby="visible-heading" data-testid="visible-tests">
              <h2 id="visible-heading">Visible tests (seed {exercise.sampleSeed})</h2>
              <VisibleTestsInLanguages tests={exercise.visibleTests} />
            </section>
            <section className="card" aria-labelledby="hidden-heading" data-testid="hidden-tests">
              <h2 id="hidden-heading">Hidden tests</h2>
              <p className="small muted">Run on submit; students see only whether they passed.</p>
              <ul>
                {exercise.hiddenTests.map((name, index) => (
                  <li key={`${index}-${name}`}>{name}</li>
                ))}
              </ul>
            </section>
            <CheckReport check={exercise.check} />
          </div>
        </div>
      </LanguageTabs>
    </div>
  );
}
