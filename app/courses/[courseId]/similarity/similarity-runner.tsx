"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { sendJson } from "../../../_components/send-json.ts";
import { ActionError, useAction } from "../../../_components/use-action.tsx";
import type { SimilarityReportView, SimilarityTarget } from "../../../_server/staff/similarity.ts";
import { LANGUAGE_LABELS } from "../../../../exercises/spec/languages.ts";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Chooses an exercise, runs the report on the server, and lists the ranked pairs. */
export function SimilarityRunner({ courseId, sets }: { courseId: string; sets: readonly SimilarityTarget[] }) {
  const id = useId();
  const [itemId, setItemId] = useState("");
  const [report, setReport] = useState<SimilarityReportView | null>(null);
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (itemId === "") {
      setError("Choose an exercise to compare.");
      return;
    }
    await run(async () => setReport(await sendJson<SimilarityReportView>(`/api/courses/${courseId}/similarity`, "POST", { itemId })));
  };

  return (
    <>
      <form onSubmit={(event) => void submit(event)} aria-label="Run a similarity report" data-testid="similarity-form">
        <div className="sim-form">
          <div className="field">
            <label htmlFor={`${id}-item`}>Exercise</label>
            <select id={`${id}-item`} value={itemId} onChange={(event) => setItemId(event.target.value)} required>
              <option value="">Choose an exercise…</option>
              {sets.map((set, index) => (
                <optgroup key={index} label={set.setTitle}>
                  {set.items.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.title} ({item.submitted} {item.submitted === 1 ? "student" : "students"} submitted)
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? <span className="spinner" aria-hidden /> : null} Run report
          </button>
        </div>
        <ActionError message={error} />
      </form>
      {report ? <ReportTable courseId={courseId} report={report} /> : null}
    </>
  );
}

function ReportTable({ courseId, report }: { courseId: string; report: SimilarityReportView }) {
  return (
    <section aria-labelledby="sim-results" data-testid="similarity-report" data-item-id={report.item.id}>
      <h3 id="sim-results">
        {report.item.setTitle} · {report.item.title}
      </h3>
      <p className="small muted" data-testid="similarity-summary">
        {report.compared} {report.compared === 1 ? "student's latest Submit" : "students' latest Submits"} compared in {report.ms} ms; {report.pairs.length}{" "}
        {report.pairs.length === 1 ? "pair shares" : "pairs share"} code beyond the starter and the reference (k = {report.parameters.k} tokens, window {report.parameters.w}).
      </p>
      {report.pairs.length === 0 ? (
        <p className="muted">No two submissions share code of their own.</p>
      ) : (
        <table className="data sim-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col">Student</th>
              <th scope="col">Student</th>
              <th scope="col" className="num">
                Similarity
              </th>
              <th scope="col" className="num" title="Share of each student's own fingerprints found in the other's code">
                Shared (each side)
              </th>
              <th scope="col">Compare</th>
            </tr>
          </thead>
          <tbody>
            {report.pairs.map((pair, index) => (
              <tr key={`${pair.a.submissionId}-${pair.b.submissionId}`} data-testid="similarity-pair" data-score={pair.score.toFixed(3)}>
                <td className="num">{index + 1}</td>
                <td data-testid="pair-student">
                  {pair.a.student.name} <span className="badge">{LANGUAGE_LABELS[pair.a.language]}</span>
                </td>
                <td data-testid="pair-student">
                  {pair.b.student.name} <span className="badge">{LANGUAGE_LABELS[pair.b.language]}</span>
                </td>
                <td className="num">
                  <meter min={0} max={1} value={pair.score} aria-hidden className="sim-meter" /> {percent(pair.score)}
                </td>
                <td className="num">
                  {percent(pair.shareOfA)} / {percent(pair.shareOfB)}
                </td>
                <td>
                  <Link href={`/courses/${courseId}/similarity/compare?a=${encodeURIComponent(pair.a.submissionId)}&b=${encodeURIComponent(pair.b.submissionId)}`} prefetch={false}>
                    Side by side
                    <span className="visually-hidden">
                      : {pair.a.student.name} and {pair.b.student.name}
                    </span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
