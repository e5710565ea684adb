"use client";
import { Fragment, useDeferredValue, useId, useState, type ReactNode } from "react";

export interface FilterableRow {
  readonly key: string;
  /** Lower-case text the filter matches against (name and email). */
  readonly search: string;
  readonly node: ReactNode;
}

/**
 * The gradebook's scroll frame and its student filter. The rows are rendered on the server and
 * passed in as nodes; filtering only chooses which of them to show.
 */
export function GradebookTable({ head, rows, columns }: { head: ReactNode; rows: readonly FilterableRow[]; columns: number }) {
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const inputId = useId();
  const needle = deferred.trim().toLowerCase();
  const shown = needle ? rows.filter((row) => row.search.includes(needle)) : rows;
  return (
    <>
      <div className="toolbar gradebook-filter">
        <div className="field">
          <label htmlFor={inputId}>Filter students</label>
          <input
            id={inputId}
            type="search"
            placeholder="Name or email"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
            data-testid="gradebook-filter"
          />
        </div>
        <p className="muted small" aria-live="polite" style={{ margin: "0 0 0.4rem" }}>
          {needle ? `Showing ${shown.length} of ${rows.length} students` : `${rows.length} students`}
        </p>
      </div>
      {/* tabIndex: a scrollable region must be reachable from the keyboard to scroll it. */}
      <div className="gradebook-scroll" role="region" aria-label="Gradebook table (scrolls both ways)" tabIndex={0}>
        <table className="data gradebook" data-testid="gradebook-table">
          {head}
          <tbody>
            {shown.map((row) => (
              <Fragment key={row.key}>{row.node}</Fragment>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns} className="gradebook-none">
                  No student matches “{deferred.trim()}”.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
