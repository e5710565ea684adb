import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "../../../../_components/local-time.tsx";
import { orNotFound } from "../../../../_server/page-errors.ts";
import { similarityComparison, type SimilaritySide } from "../../../../_server/staff/similarity.ts";
import { requirePageViewer } from "../../../../_server/viewer.ts";
import type { MatchRegion } from "../../../../../grader/engine/similarity/report.ts";
import { LANGUAGE_LABELS } from "../../../../../exercises/spec/languages.ts";
import "../similarity.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Side by side" };

/** For each line of one side, the number (1-based) of the region that covers it, if any. */
function regionOfLine(regions: readonly MatchRegion[], side: "a" | "b"): Map<number, number> {
  const byLine = new Map<number, number>();
  regions.forEach((region, index) => {
    for (let line = region[side].from; line <= region[side].to; line++) if (!byLine.has(line)) byLine.set(line, index + 1);
  });
  return byLine;
}

interface CodeColumnProps {
  readonly courseId: string;
  readonly side: "a" | "b";
  readonly label: string;
  readonly submission: SimilaritySide;
  readonly regions: readonly MatchRegion[];
}

function CodeColumn({ courseId, side, label, submission, regions }: CodeColumnProps) {
  const marks = regionOfLine(regions, side);
  const lines = submission.code.split("\n");
  return (
    <section className="sim-side" aria-label={`${label}: ${submission.student.name}`} data-testid={`side-${side}`}>
      <header className="sim-side-head">
        <strong>{submission.student.name}</strong> <span className="muted small">{submission.student.email}</span>{" "}
        <span className="badge">{LANGUAGE_LABELS[submission.language]}</span>{" "}
        <span className="small muted">
          Submitted <LocalTime iso={submission.createdAt} /> ·{" "}
          <Link href={`/courses/${courseId}/review/${submission.submissionId}`} prefetch={false}>
            Open in review
          </Link>
        </span>
      </header>
      <pre className="sim-code">
        <code>
          {lines.map((text, index) => {
            const line = index + 1;
            const region = marks.get(line);
            return (
              <span
                key={line}
                id={`${side}-L${line}`}
                className={region ? `sim-line match tone-${(region - 1) % 6}` : "sim-line"}
                data-region={region ?? undefined}
                data-testid={region ? "matched-line" : undefined}
              >
                <span className="sim-ln" aria-hidden>
                  {line}
                </span>
                {region ? <span className="visually-hidden">(match {region}) </span> : null}
                {text}
                {"\n"}
              </span>
            );
          })}
        </code>
      </pre>
    </section>
  );
}

export default async function SimilarityComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ courseId: string }>;
  searchParams: Promise<{ a?: string | string[]; b?: string | string[] }>;
}) {
  const { courseId } = await params;
  const query = await searchParams;
  // A repeated parameter (?a=x&a=y) arrives as a list: only a single id names a submission.
  const a = typeof query.a === "string" ? query.a : "";
  const b = typeof query.b === "string" ? query.b : "";
  const viewer = await requirePageViewer(`/courses/${courseId}/similarity/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  const comparison = await orNotFound(() => similarityComparison(viewer, courseId, a, b));
  const { regions } = comparison;
  return (
    <div>
      <p className="small">
        <Link href={`/courses/${courseId}/similarity`}>← Similarity</Link>
      </p>
      <h1>
        Side by side: {comparison.a.student.name} and {comparison.b.student.name}
      </h1>
      <p className="muted">
        {comparison.item.setTitle} · {comparison.item.title}. Highlighted lines hold the same sequence of tokens (names, literals, comments and layout ignored), apart from code
        that comes from the starter or the reference solution. Advisory: review the code itself before acting.
      </p>
      {regions.length === 0 ? (
        <p className="notice" data-testid="no-regions">
          These two submissions share no code of their own.
        </p>
      ) : (
        <ol className="sim-regions small" data-testid="match-regions" aria-label="Matching regions">
          {regions.map((region, index) => (
            <li key={index} data-testid="match-region" className={`tone-${index % 6}`}>
              <a href={`#a-L${region.a.from}`}>
                lines {region.a.from}–{region.a.to}
              </a>{" "}
              ↔{" "}
              <a href={`#b-L${region.b.from}`}>
                lines {region.b.from}–{region.b.to}
              </a>{" "}
              <span className="muted">({region.tokens} tokens)</span>
            </li>
          ))}
        </ol>
      )}
      <div className="sim-columns">
        <CodeColumn courseId={courseId} side="a" label="First submission" submission={comparison.a} regions={regions} />
        <CodeColumn courseId={courseId} side="b" label="Second submission" submission={comparison.b} regions={regions} />
      </div>
    </div>
  );
}
