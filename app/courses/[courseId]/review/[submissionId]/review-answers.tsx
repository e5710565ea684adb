import type { RawAnswer } from "../../../../../exercises/calculation/answers.ts";
import { Markdown } from "../../../../_components/markdown.tsx";
import type { AnswersForReview } from "../../../../_server/staff/review-answers.ts";

/** What the student typed for one part, laid out as its shape (a grid for a matrix). */
function Typed({ value, testId }: { value: RawAnswer | null; testId: string }) {
  if (value === null) return <span className="muted">no answer</span>;
  if (typeof value === "string") return <code data-testid={testId}>{value === "" ? "(empty)" : value}</code>;
  const rows = value.every(Array.isArray) ? (value as string[][]) : [value as string[]];
  return (
    <table className="answer-matrix review-answer" data-testid={testId}>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>
                <code>{cell === "" ? "·" : cell}</code>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A calculation submission for staff: the student's own statement, and each part's answer beside the previous attempt's. */
export function ReviewAnswers({ answers }: { answers: AnswersForReview }) {
  return (
    <section className="card" aria-label="Answers" data-testid="review-answers">
      <details>
        <summary>The student&apos;s statement (their values)</summary>
        <div className="statement">
          <Markdown source={answers.statement} />
        </div>
      </details>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Answer</th>
            {answers.previous ? <th scope="col">Previous attempt</th> : null}
          </tr>
        </thead>
        <tbody>
          {answers.parts.map((part, index) => (
            <tr key={part.id} data-testid="review-part" data-part={part.id}>
              <td>
                <strong>Part {index + 1}</strong> <span className="muted small">({part.id})</span>
                <Markdown source={part.label} />
              </td>
              <td>
                <Typed value={part.typed} testId={`review-answer-${part.id}`} />
                {part.answer.kind === "choice" && typeof part.typed === "string" && part.answer.options[Number(part.typed)] ? (
                  <div className="small muted">{part.answer.options[Number(part.typed)]}</div>
                ) : null}
              </td>
              {answers.previous ? (
                <td>
                  <Typed value={answers.previous[part.id] ?? null} testId={`review-previous-${part.id}`} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
