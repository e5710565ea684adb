"use client";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { blankAnswer, readAnswer, type RawAnswer, type RawAnswers } from "../../../../exercises/calculation/answers.ts";
import type { AnswerShape } from "../../../../exercises/calculation/define.ts";
import { LocalTime } from "../../../_components/local-time.tsx";
import { formatPoints } from "../../../_components/score.ts";
import { messageOf, sendJson } from "../../../_components/send-json.ts";
import type { HistoryEntry, SubmissionView } from "../../../_server/submissions.ts";
import { SubmissionFeedback } from "../feedback.tsx";
import { AnswerGrid } from "./answer-grid.tsx";
import { PartFeedback } from "./part-feedback.tsx";

export interface FormPart {
  readonly id: string;
  /** The label, already rendered (Markdown and KaTeX) on the server. */
  readonly label: ReactNode;
  /** The label as text, for screen readers' field names. */
  readonly plainLabel: string;
  readonly answer: AnswerShape;
  /** A choice's options, rendered on the server. */
  readonly options?: readonly ReactNode[];
  readonly points: number;
  readonly tolerance: string | null;
}

function startingAnswers(parts: readonly FormPart[], last: RawAnswers | null): Record<string, RawAnswer> {
  return Object.fromEntries(parts.map((part) => [part.id, last?.[part.id] ?? blankAnswer(part.answer)]));
}

/**
 * A calculation's answer form: a field, a list or a grid per part, Submit, and each part's
 * feedback as the set's policy allows (all parts, only how many are correct, or nothing until
 * the set closes). Grading happens on the server, which answers with the graded submission.
 */
export function AnswerForm(props: {
  itemId: string;
  parts: readonly FormPart[];
  lastAnswers: RawAnswers | null;
  history: readonly HistoryEntry[];
  countedSubmissionId: string | undefined;
  pastDue: boolean;
  closed: boolean;
  dueAt: string;
}) {
  const router = useRouter();
  const [answers, setAnswers] = useState(() => startingAnswers(props.parts, props.lastAnswers));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [graded, setGraded] = useState<SubmissionView | null>(null);

  const submit = async () => {
    if (busy) return;
    // An empty or unreadable field would only cost an attempt: say so before anything is sent.
    const unready = props.parts.map((part, index) => ({ index, read: readAnswer(part.answer, answers[part.id]) })).find(({ read }) => !read.ok);
    if (unready && !unready.read.ok) {
      setProblem(`Part ${unready.index + 1}: ${unready.read.problem} Nothing was submitted.`);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { submission } = await sendJson<{ submission: SubmissionView }>(`/api/items/${props.itemId}/answers`, "POST", { answers });
      setGraded(submission);
      // The score that counts, the attempts and the history come with the page's server data.
      router.refresh();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const tests = graded?.result?.tests ?? [];
  return (
    <div>
      <form
        className="card answer-form"
        aria-label="Your answers"
        data-testid="answer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {props.parts.map((part, index) => (
          <fieldset key={part.id} className="answer-part" data-testid={`part-${part.id}`}>
            <legend>
              <span className="muted">Part {index + 1}</span> · {part.points} point{part.points === 1 ? "" : "s"}
            </legend>
            <div className="part-label">{part.label}</div>
            {part.answer.kind === "choice" ? (
              <div role="radiogroup" aria-label={part.plainLabel} className="answer-choice">
                {(part.options ?? []).map((option, i) => (
                  <label key={i}>
                    <input
                      type="radio"
                      name={`choice-${part.id}`}
                      value={String(i)}
                      checked={answers[part.id] === String(i)}
                      disabled={busy}
                      onChange={() => setAnswers((old) => ({ ...old, [part.id]: String(i) }))}
                      data-testid={`answer-${part.id}-option-${i + 1}`}
                    />{" "}
                    {option}
                  </label>
                ))}
              </div>
            ) : (
              <AnswerGrid
                partId={part.id}
                label={part.plainLabel}
                shape={part.answer}
                value={answers[part.id] ?? blankAnswer(part.answer)}
                disabled={busy}
                onChange={(value) => setAnswers((old) => ({ ...old, [part.id]: value }))}
              />
            )}
            <p className="muted small shape-hint">{shapeHint(part.answer, part.tolerance)}</p>
            {tests[index] ? <PartFeedback partId={part.id} test={tests[index]} /> : null}
          </fieldset>
        ))}
        {props.pastDue ? <p className="notice warn small">Past the due date: a submission now is marked late.</p> : null}
        <button type="submit" className="button primary" disabled={busy || props.closed} data-testid="submit-answers">
          {busy ? "Submitting…" : "Submit answers"}
        </button>
      </form>

      {problem ? (
        <p className="notice error" role="alert" data-testid="problem">
          {problem}
        </p>
      ) : null}

      {graded ? <GradedSummary submission={graded} dueAt={props.dueAt} /> : null}
      {graded?.kind === "submit" ? <SubmissionFeedback submission={graded} /> : null}

      <AnswerHistory history={props.history} countedSubmissionId={props.countedSubmissionId} />
    </div>
  );
}

function shapeHint(shape: AnswerShape, tolerance: string | null): string {
  const accepted = tolerance ? ` Accepted ${tolerance}.` : " Compared exactly.";
  switch (shape.kind) {
    case "number":
      return `A number, e.g. 0.25, -1.5e-3 or 3/4.${accepted}`;
    case "integer":
      return "A whole number.";
    case "vector":
      return `${shape.length} ${shape.integer ? "whole numbers" : "numbers"}. Paste a list such as [1, 2] into any field to fill them all.${shape.integer ? "" : accepted}`;
    case "matrix":
      return `A ${shape.rows}×${shape.cols} matrix (rows × columns). Paste cells from a spreadsheet, or a Python/NumPy list such as [[1, 2], [3, 4]], into any field to fill the grid.${accepted}`;
    case "choice":
      return "Choose one.";
  }
}

/** The headline of a graded submission, as the feedback policy shows it. */
function GradedSummary({ submission, dueAt }: { submission: SubmissionView; dueAt: string }) {
  const { result } = submission;
  return (
    <div className="card" role="status" data-testid="answer-result" data-verdict={result?.verdict ?? ""}>
      {result && !submission.counts ? (
        <strong>{result.summary}</strong>
      ) : submission.counts ? (
        <strong>
          {submission.counts.passed} of {submission.counts.total} parts correct.
        </strong>
      ) : (
        <strong>Submitted. </strong>
      )}{" "}
      {submission.points !== null ? <span>Score: {formatPoints(submission.points, submission.maxPoints)}</span> : null}
      {submission.late ? <span className="badge warn">Late</span> : null}
      {submission.feedbackNote ? (
        <p className="small muted" data-testid="feedback-note">
          {submission.counts ? "This set shows how many parts are correct, not which, until it closes." : "Results are shown after the set closes"}
          {submission.counts ? null : (
            <>
              {" "}
              (<LocalTime iso={dueAt} />
              ).
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}

function AnswerHistory({ history, countedSubmissionId }: { history: readonly HistoryEntry[]; countedSubmissionId: string | undefined }) {
  return (
    <section className="card" aria-label="Submission history" data-testid="history">
      <h2 style={{ marginTop: 0 }}>Your submissions</h2>
      {history.length === 0 ? (
        <p className="muted">Nothing submitted yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>When</th>
              <th>Result</th>
              <th className="num">Score</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={entry.id} data-testid="history-row">
                <td>
                  <LocalTime iso={entry.createdAt} /> {entry.late ? <span className="badge warn">Late</span> : null}{" "}
                  {countedSubmissionId === entry.id ? <span className="badge pass">Counts</span> : null}
                </td>
                <td>{entry.verdict ? entry.verdict.replace("_", " ") : "–"}</td>
                <td className="num">{formatPoints(entry.points, entry.maxPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
