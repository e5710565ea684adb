import type { ReactNode } from "react";
import "./charts.css";

export interface ChartFigureProps {
  /** Unique on the page: the ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly testId?: string;
  /** Nothing to draw: a deliberate empty state instead of an empty chart. */
  readonly empty: boolean;
  readonly emptyMessage: string;
  readonly viewBox: string;
  /** The same numbers as a table, for screen readers: header cells, then one row per datum. */
  readonly columns: readonly string[];
  readonly rows: readonly { readonly key: string; readonly cells: readonly (string | number)[] }[];
  /** The SVG's drawing. */
  readonly children: ReactNode;
}

/** What every chart shares: the figure, the accessible SVG frame, the hidden data table, the empty state. */
export function ChartFigure({ id, title, description, testId, empty, emptyMessage, viewBox, columns, rows, children }: ChartFigureProps) {
  if (empty) {
    return (
      <figure className="chart" data-testid={testId} data-empty="true">
        <div className="chart-empty">{emptyMessage}</div>
      </figure>
    );
  }
  return (
    <figure className="chart" data-testid={testId}>
      <svg
        className="chart-svg"
        role="img"
        aria-label={title}
        aria-describedby={description ? `${id}-desc` : undefined}
        viewBox={viewBox}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title>{title}</title>
        {description ? <desc id={`${id}-desc`}>{description}</desc> : null}
        {children}
      </svg>
      {/* Hidden in a box, not on the table: a table is as wide as its content whatever its width,
          and this one, though clipped, widened the page (a horizontal scrollbar). */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.cells[0]}</th>
                {row.cells.slice(1).map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
