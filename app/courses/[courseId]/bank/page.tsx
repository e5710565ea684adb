import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "../../../_server/page-errors.ts";
import { BankQuerySchema, exerciseBank, type BankEntry } from "../../../_server/staff/bank.ts";
import { requirePageViewer } from "../../../_server/viewer.ts";
import { brokenContent, contentFolders } from "../../../_server/staff/content.ts";
import "./bank.css";
import { ContentSync } from "./content-sync.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exercise bank" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function CheckCell({ check }: { check: BankEntry["check"] }) {
  if (!check) return <span className="badge">Not checked yet</span>;
  return check.ok ? <span className="badge pass">Passed</span> : <span className="badge fail">Failing ({check.problems.length})</span>;
}

/** Every exercise staff can put in a set, searchable; the form works without JavaScript (GET). */
export default async function BankPage({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<SearchParams> }) {
  const { courseId } = await params;
  const raw = await searchParams;
  const viewer = await requirePageViewer(`/courses/${courseId}/bank`);
  const parsed = BankQuerySchema.safeParse({ q: first(raw.q) || undefined, topic: first(raw.topic) || undefined });
  const query = parsed.success ? parsed.data : {};
  const { entries, topics } = await orNotFound(() => exerciseBank(viewer, courseId, query));
  const filtered = Boolean(query.q || query.topic);
  return (
    <div>
      <h1>Exercise bank</h1>
      {contentFolders().length > 0 ? <ContentSync courseId={courseId} folders={contentFolders()} broken={await brokenContent(viewer, courseId)} /> : null}
      <form className="toolbar" method="get" action={`/courses/${courseId}/bank`} role="search">
        <div className="field bank-query">
          <label htmlFor="bank-q">Search</label>
          <input id="bank-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Title, summary or topic" maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="bank-topic">Topic</label>
          <select id="bank-topic" name="topic" defaultValue={query.topic ?? ""}>
            <option value="">All topics</option>
            {topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Search
        </button>
        {filtered ? (
          <Link className="button" href={`/courses/${courseId}/bank`}>
            Clear
          </Link>
        ) : null}
      </form>
      <p className="muted small">
        {entries.length} exercise{entries.length === 1 ? "" : "s"}
        {filtered ? " match" : " in the bank"}. The check column is the result of <code>exercises:check</code>, run by the grader host when it starts.
      </p>
      <table className="data" data-testid="bank">
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Topics</th>
            <th scope="col">Difficulty</th>
            <th scope="col">Used in</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="bank-entry" data-exercise-id={entry.id}>
              <td>
                <Link href={`/courses/${courseId}/bank/${entry.id}`}>{entry.title}</Link>
                <div className="small">{entry.summary}</div>
              </td>
              <td>
                {entry.topics.map((topic) => (
                  <Link key={topic} className="bank-topic" href={`/courses/${courseId}/bank?topic=${encodeURIComponent(topic)}`}>
                    {topic}
                  </Link>
                ))}
              </td>
              <td>{entry.difficulty}</td>
              <td className="small">
                {entry.usedIn.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  entry.usedIn.map((use, index) => (
                    <span key={use.setId}>
                      {index > 0 ? ", " : null}
                      <Link href={`/sets/${use.setId}`}>{use.setTitle}</Link>
                    </span>
                  ))
                )}
              </td>
              <td>
                <CheckCell check={entry.check} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p className="muted">No exercise matches. Try fewer words or another topic.</p> : null}
    </div>
  );
}
