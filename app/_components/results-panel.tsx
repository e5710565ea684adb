"use client";
import type { GradeResult, TestResult } from "../../grader/engine/result.ts";
import { TestPicture } from "./pictures/test-picture.tsx";
import { formatMs, formatPoints } from "./score.ts";
import { VERDICT_LABELS } from "./verdicts.ts";

const STATUS_LABELS: Record<TestResult["status"], [string, string]> = {
  passed: ["pass", "pass"],
  failed: ["fail", "fail"],
  runtime_error: ["error", "fail"],
  timeout: ["timeout", "fail"],
  memory_limit: ["memory", "fail"],
  invalid_output: ["invalid", "fail"],
  not_run: ["not run", ""],
};

export interface ResultsPanelProps {
  readonly submissionId: string;
  readonly result: GradeResult;
  /** Points for the whole item (the result's score scaled to the item's points). */
  readonly points: number | null;
  readonly maxPoints: number;
  readonly late: boolean;
  /** Moves the editor's cursor to a line and column of the student's code. */
  readonly onLocate?: (line: number, column: number) => void;
  /**
   * Staff view of an unredacted result: a per-test time column, the details of passing tests too,
   * and failing hidden tests' details open.
   */
  readonly staff?: boolean;
}

export function ResultsPanel({ submissionId, result, points, maxPoints, late, onLocate, staff = false }: ResultsPanelProps) {
  const [label, tone] = VERDICT_LABELS[result.verdict];
  const locate = (location: { line: number; column: number } | undefined) =>
    location && location.line > 0 && onLocate ? (
      <button type="button" className="link-button" onClick={() => onLocate(location.line, location.column)}>
        line {location.line}
        {location.column > 0 ? `, column ${location.column}` : ""}
      </button>
    ) : null;
  return (
    <section className="card" aria-label="Results" data-testid="results" data-verdict={result.verdict} data-submission={submissionId}>
      <div className="results-summary">
        <span className={`badge ${tone}`}>{label}</span>
        <span className="score" data-testid="score">
          {result.mode === "submit" ? formatPoints(points, maxPoints) : `${result.score} / ${result.maxScore} visible`}
        </span>
        <span className="muted">{result.summary}</span>
        {late ? <span className="badge warn">Late</span> : null}
        <span className="muted small" style={{ marginLeft: "auto" }}>
          {result.mode === "run" ? "Run: visible tests only" : "Submitted: all tests"}
        </span>
      </div>
      {result.error ? (
        <div className="notice error" role="alert" style={{ marginTop: "0.6rem" }}>
          <div>{result.error.message}</div>
          {result.error.location && result.error.location.line > 0 ? <div className="small">At {locate(result.error.location)}</div> : null}
        </div>
      ) : null}
      {result.loadLogs ? (
        <details style={{ marginTop: "0.5rem" }}>
          <summary className="small">Console output while loading</summary>
          <pre>{result.loadLogs}</pre>
        </details>
      ) : null}
      {/* No rows when the set shows only how many tests passed: then no empty table either. */}
      {result.tests.length > 0 ? (
        <table className="data" style={{ marginTop: "0.6rem" }}>
          <thead>
            <tr>
              <th style={{ width: "5.5rem" }}>Result</th>
              <th>Test</th>
              <th className="num" style={{ width: "4.5rem" }}>
                Points
              </th>
              {staff ? (
                <th className="num" style={{ width: "4.5rem" }}>
                  Time
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {result.tests.map((test, index) => (
              <TestRow key={`${index}-${test.name}`} test={test} locate={locate} staff={staff} />
            ))}
          </tbody>
        </table>
      ) : null}
      {result.hidden.total > 0 ? (
        <p className="small" data-testid="hidden-summary">
          Hidden tests: {result.hidden.passed} of {result.hidden.total} passed.
          {staff ? " Shown in full here; students see only whether each passed." : " Their inputs stay hidden; each shows only whether it passed."}
        </p>
      ) : null}
    </section>
  );
}

function TestRow({ test, locate, staff }: { test: TestResult; locate: (location: { line: number; column: number } | undefined) => React.ReactNode; staff: boolean }) {
  const [label, tone] = STATUS_LABELS[test.status];
  const showDetails = test.status !== "passed" && test.status !== "not_run";
  // Staff also see what a passing test checked; students already have the visible ones in the statement.
  const showPassedDetails = staff && test.status === "passed" && Boolean(test.input || test.expected || test.got);
  return (
    <tr className="test-row" data-testid="test-row" data-status={test.status} data-visibility={test.visibility}>
      <td>
        <span className={`badge ${tone}`}>{label}</span>
      </td>
      <td>
        <div>
          {test.name} {test.visibility === "hidden" ? <span className="badge">hidden</span> : null}
        </div>
        {test.status === "not_run" ? <div className="muted small">{test.message}</div> : null}
        {showDetails ? (
          <div className="detail">
            <div data-testid="test-message">{test.message}</div>
            {test.location && test.location.line > 0 ? <div className="small">At {locate(test.location)}</div> : null}
            {test.hint ? <div className="hint">Hint: {test.hint}</div> : null}
            {test.input || test.expected || test.got || test.traceback || test.logs ? (
              <details open={staff || test.visibility === "visible"}>
                <summary className="small muted">Details</summary>
                <dl>
                  {test.input ? <DetailBlock term="Call" text={test.input} /> : null}
                  {test.expected && test.status === "failed" ? <DetailBlock term="Expected" text={test.expected} /> : null}
                  {test.got ? <DetailBlock term="Got" text={test.got} /> : null}
                  {test.traceback ? <DetailBlock term="Traceback" text={test.traceback} /> : null}
                  {test.logs ? <DetailBlock term="Console" text={test.logs} /> : null}
                </dl>
              </details>
            ) : null}
          </div>
        ) : null}
        {showPassedDetails ? (
          <details>
            <summary className="small muted">Details</summary>
            <dl className="detail">
              {test.input ? <DetailBlock term="Call" text={test.input} /> : null}
              {test.expected ? <DetailBlock term="Expected" text={test.expected} /> : null}
              {test.got ? <DetailBlock term="Got" text={test.got} /> : null}
              {test.logs ? <DetailBlock term="Console" text={test.logs} /> : null}
            </dl>
          </details>
        ) : null}
        <TestPicture picture={test.picture} open={test.status !== "passed"} />
        {test.status === "passed" && test.logs && !showPassedDetails ? (
          <details>
            <summary className="small muted">Console output</summary>
            <pre>{test.logs}</pre>
          </details>
        ) : null}
      </td>
      <td className="num">{formatPoints(test.points, test.maxPoints)}</td>
      {staff ? (
        <td className="num small" data-testid="test-time">
          {test.ms === undefined ? "–" : formatMs(test.ms)}
        </td>
      ) : null}
    </tr>
  );
}

function DetailBlock({ term, text }: { term: string; text: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        {/* Focusable: a long value scrolls inside its box, and keyboard users must reach it. */}
        <pre tabIndex={0}>{text}</pre>
      </dd>
    </>
  );
}
