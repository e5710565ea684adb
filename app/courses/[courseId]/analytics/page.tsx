import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "../../../_components/charts/bar-chart.tsx";
import { ColumnChart } from "../../../_components/charts/column-chart.tsx";
import { orNotFound } from "../../../_server/page-errors.ts";
import { courseAnalytics, type ItemAnalytics } from "../../../_server/staff/analytics.ts";
import { LANGUAGE_LABELS, LANGUAGES, LanguageSchema, type Language } from "../../../../exercises/spec/languages.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import "./analytics.css";
import { RegradeExerciseButton } from "./regrade-button.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics" };

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "–";
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "0–10", …, "90–100": the histogram's bins in percent of the item's points; the last one includes 100. */
const BIN_LABELS = Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10}`);

function groupBySet(items: readonly ItemAnalytics[]): { setId: string; setTitle: string; items: ItemAnalytics[] }[] {
  const groups = new Map<string, { setId: string; setTitle: string; items: ItemAnalytics[] }>();
  for (const item of items) {
    const group = groups.get(item.setId) ?? { setId: item.setId, setTitle: item.setTitle, items: [] };
    group.items.push(item);
    groups.set(item.setId, group);
  }
  return [...groups.values()];
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="an-stat">
      <dt>{label}</dt>
      <dd>
        <span className="an-stat-value">{value}</span>
        {detail ? <span className="an-stat-detail">{detail}</span> : null}
      </dd>
    </div>
  );
}

/** Submits per language: who tried each language and how many of them passed in it. */
function LanguageSplit({ item }: { item: ItemAnalytics }) {
  return (
    <table className="data an-compact" data-testid="language-split">
      <caption className="visually-hidden">{item.title}: Submits by language</caption>
      <thead>
        <tr>
          <th scope="col">Language</th>
          <th scope="col" className="num">
            Students who attempted
          </th>
          <th scope="col" className="num">
            Submissions
          </th>
          <th scope="col" className="num">
            Passed
          </th>
        </tr>
      </thead>
      <tbody>
        {item.byLanguage.map((row) => (
          <tr key={row.language} data-language={row.language}>
            <td>{LANGUAGE_LABELS[row.language]}</td>
            <td className="num">{row.attempted}</td>
            <td className="num">{row.submissions}</td>
            <td className="num">
              {row.passed} ({percent(row.passed, row.attempted)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Links that show every language's Submits or one language's only. */
function LanguageFilter({ courseId, language }: { courseId: string; language: Language | undefined }) {
  const choices: { key: string; label: string; href: string; current: boolean }[] = [
    { key: "all", label: "All languages", href: `/courses/${courseId}/analytics`, current: language === undefined },
    ...LANGUAGES.map((l) => ({ key: l, label: LANGUAGE_LABELS[l], href: `/courses/${courseId}/analytics?language=${l}`, current: language === l })),
  ];
  return (
    <nav aria-label="Language" className="small" data-testid="language-filter">
      Count Submits in:{" "}
      {choices.map((choice, index) => (
        <span key={choice.key}>
          {index > 0 ? " · " : null}
          {choice.current ? <strong aria-current="page">{choice.label}</strong> : <Link href={choice.href}>{choice.label}</Link>}
        </span>
      ))}
    </nav>
  );
}

function ItemSection({ courseId, item }: { courseId: string; item: ItemAnalytics }) {
  const headingId = `heading-${item.itemId}`;
  const graded = item.histogram.reduce((a, b) => a + b, 0);
  return (
    <section id={`item-${item.itemId}`} className="card analytics-item" data-testid="analytics-item" data-item-id={item.itemId} aria-labelledby={headingId}>
      <header className="analytics-item-head">
        <div>
          <h3 id={headingId}>{item.title}</h3>
          <p className="muted small">
            {item.setTitle} · <code>{item.exerciseId}</code> · {plural(item.points, "point")}
          </p>
        </div>
        <a href="#analytics-top" className="small">
          Back to the list
        </a>
      </header>
      {item.attempted === 0 ? (
        <div className="analytics-empty" data-testid="analytics-empty">
          <strong>No submissions yet.</strong>
          <p className="muted">
            None of the {plural(item.enrolled, "enrolled student")} has submitted this exercise. Attempts, pass rates, failing tests and the spread of scores appear here after the
            first Submit.
          </p>
        </div>
      ) : (
        <>
          <dl className="an-stats">
            <Stat label="Submissions" value={String(item.submissions)} detail={`${(item.submissions / item.attempted).toFixed(1)} per student who attempted`} />
            <Stat label="Students who attempted" value={`${item.attempted} of ${item.enrolled}`} detail={`${percent(item.attempted, item.enrolled)} of enrolled students`} />
            <Stat
              label="Passed"
              value={percent(item.passed, item.attempted)}
              detail={`${item.passed} of ${item.attempted} who attempted (${percent(item.passed, item.enrolled)} of enrolled)`}
            />
            <Stat
              label="Median attempts to pass"
              value={item.medianAttemptsToPass === null ? "–" : String(item.medianAttemptsToPass)}
              detail={item.medianAttemptsToPass === null ? "nobody has passed yet" : `among the ${plural(item.passed, "student")} who passed`}
            />
          </dl>
          {item.byLanguage.length > 0 ? (
            <>
              <h4>By language</h4>
              <LanguageSplit item={item} />
            </>
          ) : null}
          <div className="grid-2">
            <div>
              <h4>Tests that fail most often</h4>
              <BarChart
                id={`failing-${item.itemId}`}
                testId="failing-tests"
                title={`${item.title}: tests that fail most often`}
                description="Number of graded submissions in which each test failed, most frequent first."
                categoryLabel="Test"
                noteLabel="Visibility"
                valueLabel="Failed submissions"
                color="fail"
                data={item.failingTests.map((t) => ({
                  label: t.name,
                  value: t.failures,
                  note: t.visibility === "hidden" ? "hidden test" : "visible test",
                  tone: t.visibility === "hidden" ? "muted" : "default",
                }))}
                emptyMessage={graded === 0 ? "No graded submissions yet." : "No test has failed: every graded submission passed every test."}
              />
            </div>
            <div>
              <h4>Scores that count</h4>
              <ColumnChart
                id={`histogram-${item.itemId}`}
                testId="histogram"
                title={`${item.title}: distribution of the scores that count`}
                description={`${plural(graded, "student")} with a graded submission, by the share of the ${plural(item.points, "point")} that counts for them, in bins of 10 percentage points; the last bin includes 100%.`}
                xLabel="Score (% of the exercise’s points)"
                yLabel="Students"
                data={item.histogram.map((value, index) => ({ label: BIN_LABELS[index] ?? String(index), value }))}
                emptyMessage="No graded submissions yet: the spread of scores appears after the first one is graded."
              />
            </div>
          </div>
          <div className="grid-2">
            <div>
              <h4>Most common failure messages</h4>
              {item.failureMessages.length === 0 ? (
                <p className="analytics-none">No failure messages: {graded === 0 ? "nothing is graded yet." : "every graded submission passed."}</p>
              ) : (
                <table className="data an-compact" data-testid="failure-messages">
                  <caption className="visually-hidden">{item.title}: most common failure messages</caption>
                  <thead>
                    <tr>
                      <th scope="col">Message pattern (numbers shown as #)</th>
                      <th scope="col" className="num">
                        Count
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.failureMessages.map((m) => (
                      <tr key={m.message}>
                        <td>
                          <code className="pattern">{m.message}</code>
                        </td>
                        <td className="num">{m.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
            <div>
              <h4>Recognised mistakes</h4>
              {item.hints.length === 0 ? (
                <p className="analytics-none">No recognised mistakes {graded === 0 ? "yet: nothing is graded." : "among the failures so far."}</p>
              ) : (
                <table className="data an-compact" data-testid="hints">
                  <caption className="visually-hidden">{item.title}: recognised mistakes</caption>
                  <thead>
                    <tr>
                      <th scope="col">Hint shown to the student</th>
                      <th scope="col" className="num">
                        Count
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.hints.map((h) => (
                      <tr key={h.hint}>
                        <td>{h.hint}</td>
                        <td className="num">{h.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
          <RegradeExerciseButton courseId={courseId} exerciseId={item.exerciseId} title={item.title} />
        </>
      )}
    </section>
  );
}

export default async function AnalyticsPage({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<{ language?: string | string[] }> }) {
  const { courseId } = await params;
  // An unknown language in the address shows every language rather than an error page.
  const language = LanguageSchema.optional()
    .catch(undefined)
    .parse((await searchParams).language);
  const viewer = await requirePageViewer(`/courses/${courseId}/analytics${language ? `?language=${language}` : ""}`);
  const items = await orNotFound(() => courseAnalytics(viewer, courseId, undefined, language));
  const groups = groupBySet(items);
  const enrolled = items[0]?.enrolled ?? 0;
  return (
    <div data-testid="analytics">
      <h1 id="analytics-top">Analytics</h1>
      <p className="muted">
        How the {plural(enrolled, "enrolled student")} fare on each exercise: attempts, passes, the tests that fail and the spread of the scores that count. Only students’ Submits
        are counted, not Runs and not staff{language ? `, and only Submits written in ${LANGUAGE_LABELS[language]}` : ""}.
      </p>
      <LanguageFilter courseId={courseId} language={language} />
      {items.length === 0 ? (
        <div className="card analytics-empty">
          <strong>No exercises yet.</strong>
          <p className="muted">Analytics appear for every exercise of the course’s problem sets.</p>
        </div>
      ) : (
        <>
          <nav aria-label="Exercises" className="card analytics-index">
            <table className="data an-compact" data-testid="analytics-index">
              <caption className="visually-hidden">Exercises at a glance; each name jumps to its section</caption>
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col" className="num">
                    Attempted
                  </th>
                  <th scope="col" className="num">
                    Passed
                  </th>
                  <th scope="col" className="num">
                    Median attempts to pass
                  </th>
                  <th scope="col" className="num">
                    Submissions
                  </th>
                </tr>
              </thead>
              {groups.map((group) => (
                <tbody key={group.setId}>
                  <tr className="set-row">
                    <th scope="colgroup" colSpan={5}>
                      {group.setTitle}
                    </th>
                  </tr>
                  {group.items.map((item) => (
                    <tr key={item.itemId}>
                      <td>
                        <a href={`#item-${item.itemId}`}>{item.title}</a>
                      </td>
                      <td className="num">
                        {item.attempted} / {item.enrolled}
                      </td>
                      <td className="num">{item.attempted === 0 ? "–" : `${item.passed} (${percent(item.passed, item.attempted)})`}</td>
                      <td className="num">{item.medianAttemptsToPass ?? "–"}</td>
                      <td className="num">{item.submissions}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </nav>
          {groups.map((group) => (
            <section key={group.setId} aria-labelledby={`set-${group.setId}`} className="analytics-set">
              <h2 id={`set-${group.setId}`}>
                <Link href={`/sets/${group.setId}`}>{group.setTitle}</Link>
              </h2>
              {group.items.map((item) => (
                <ItemSection key={item.itemId} courseId={courseId} item={item} />
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
