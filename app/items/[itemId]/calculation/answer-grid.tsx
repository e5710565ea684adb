"use client";
import { useState, type ClipboardEvent } from "react";
import { cellName, fitPaste, parseNumber, parsePasted, type RawAnswer } from "../../../../exercises/calculation/answers.ts";
import type { AnswerShape } from "../../../../exercises/calculation/define.ts";

/** Whether a field's text is a number the grader reads (an empty field is only flagged on Submit). */
function fieldProblem(text: string): string | null {
  if (text.trim() === "") return null;
  const parsed = parseNumber(text);
  return parsed.ok ? null : parsed.problem;
}

/**
 * The answer fields of a number, a vector or a matrix: one input per entry, laid out as the
 * answer's shape. Pasting several values into any field (cells copied from a spreadsheet, lines
 * of numbers, or a Python/NumPy list such as `[[1, 2], [3, 4]]`) fills the whole answer when the
 * pasted shape fits, and says why not when it does not (a transposed matrix is named as such).
 */
export function AnswerGrid(props: {
  partId: string;
  label: string;
  shape: Exclude<AnswerShape, { kind: "choice" }>;
  value: RawAnswer;
  onChange: (value: RawAnswer) => void;
  disabled: boolean;
}) {
  const { shape, value, onChange, partId } = props;
  const [pasteProblem, setPasteProblem] = useState<string | null>(null);

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData("text/plain");
    // A single number, and anything pasted into a one-number answer, pastes into its field as usual.
    if (shape.kind === "number" || shape.kind === "integer" || !/[\t\n[\],;]|\S\s+\S/.test(text.trim())) return;
    event.preventDefault();
    const grid = parsePasted(text);
    const fitted = grid.ok ? fitPaste(shape, grid.grid) : grid;
    if (fitted.ok) {
      setPasteProblem(null);
      onChange(fitted.answer);
    } else setPasteProblem(fitted.problem);
  };

  const field = (text: string, name: string, set: (text: string) => void) => {
    const problem = fieldProblem(text);
    return (
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className={`answer-field${problem ? " invalid" : ""}`}
        aria-label={`${props.label}: ${name}`}
        aria-invalid={problem ? true : undefined}
        title={problem ?? undefined}
        value={text}
        disabled={props.disabled}
        onChange={(event) => {
          setPasteProblem(null);
          set(event.target.value);
        }}
        onPaste={onPaste}
        data-testid={`answer-${partId}`}
      />
    );
  };

  let fields;
  if (shape.kind === "vector") {
    const entries = Array.isArray(value) ? (value as string[]) : [];
    fields = (
      <div className="answer-vector" role="group" aria-label={`${props.label} (${shape.length} entries)`}>
        {entries.map((text, i) => (
          <span key={i}>{field(text, `entry ${i + 1}`, (next) => onChange(entries.map((old, j) => (j === i ? next : old))))}</span>
        ))}
      </div>
    );
  } else if (shape.kind === "matrix") {
    const rows = Array.isArray(value) ? (value as string[][]) : [];
    fields = (
      <table className="answer-matrix" aria-label={`${props.label} (${shape.rows}×${shape.cols} matrix)`}>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((text, j) => (
                <td key={j}>{field(text, `entry ${cellName(i, j)}`, (next) => onChange(rows.map((r, a) => (a === i ? r.map((old, b) => (b === j ? next : old)) : r))))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  } else {
    fields = field(typeof value === "string" ? value : "", "answer", (next) => onChange(next));
  }

  const problems = collectProblems(value);
  return (
    <div>
      {fields}
      {problems.length > 0 ? (
        <p className="small field-problem" data-testid={`field-problem-${partId}`}>
          {problems[0]}
          {problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}
        </p>
      ) : null}
      {pasteProblem ? (
        <p className="notice warn small" role="alert" data-testid={`paste-problem-${partId}`}>
          {pasteProblem}
        </p>
      ) : null}
    </div>
  );
}

function collectProblems(value: RawAnswer): string[] {
  const texts = typeof value === "string" ? [value] : (value as (string | string[])[]).flat();
  return texts.map(fieldProblem).filter((p): p is string => p !== null);
}
