/** Small SVG pieces the pictures share: markers, a value grid, the numbers table. */
import type { ReactNode } from "react";
import { divergingColour, formatCompact, WRONG, type ClusterShape } from "./palette.ts";

export function Marker({
  shape,
  x,
  y,
  size,
  fill,
  stroke,
  strokeWidth = 1,
}: {
  shape: ClusterShape;
  x: number;
  y: number;
  size: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
}) {
  const common = { fill, stroke: stroke ?? "#ffffff", strokeWidth };
  switch (shape) {
    case "circle":
      return <circle cx={x} cy={y} r={size} {...common} />;
    case "square":
      return <rect x={x - size * 0.9} y={y - size * 0.9} width={size * 1.8} height={size * 1.8} {...common} />;
    case "triangle":
      return <polygon points={`${x},${y - size * 1.15} ${x + size * 1.05},${y + size * 0.75} ${x - size * 1.05},${y + size * 0.75}`} {...common} />;
    case "diamond":
      return <polygon points={`${x},${y - size * 1.2} ${x + size * 1.2},${y} ${x},${y + size * 1.2} ${x - size * 1.2},${y}`} {...common} />;
  }
}

export interface GridProps {
  readonly values: readonly (readonly (number | null)[])[];
  readonly limit: number;
  readonly x: number;
  readonly y: number;
  readonly cell: number;
  readonly differs?: readonly (readonly boolean[])[] | null;
  readonly highlight?: (i: number, j: number) => boolean;
  readonly onHover?: (i: number, j: number) => void;
  readonly showValues?: boolean;
  readonly testId?: string;
}

/** A matrix as coloured cells, wrong cells outlined in black (a thick frame, so colour is not the only cue). */
export function Grid({ values, limit, x, y, cell, differs, highlight, onHover, showValues = true, testId }: GridProps) {
  return (
    <g data-testid={testId}>
      {values.map((row, i) =>
        row.map((v, j) => {
          const wrong = differs?.[i]?.[j] ?? false;
          const lit = highlight?.(i, j) ?? false;
          return (
            <g key={`${i}-${j}`} data-cell={`${i},${j}`} data-differs={wrong || undefined} data-lit={lit || undefined} onMouseEnter={onHover ? () => onHover(i, j) : undefined}>
              <rect x={x + j * cell} y={y + i * cell} width={cell} height={cell} fill={divergingColour(v, limit)} stroke="#ffffff" strokeWidth={1} />
              {wrong ? <rect x={x + j * cell + 1.5} y={y + i * cell + 1.5} width={cell - 3} height={cell - 3} fill="none" stroke={WRONG} strokeWidth={3} /> : null}
              {lit ? <rect x={x + j * cell + 1} y={y + i * cell + 1} width={cell - 2} height={cell - 2} fill="none" stroke={WRONG} strokeWidth={2} strokeDasharray="4 2" /> : null}
              {showValues && cell >= 30 ? (
                <text x={x + j * cell + cell / 2} y={y + i * cell + cell / 2 + 3.5} textAnchor="middle" fontSize={cell >= 40 ? 9.5 : 8} fill="#1b1f24">
                  {formatCompact(v)}
                </text>
              ) : null}
            </g>
          );
        }),
      )}
    </g>
  );
}

/** The largest magnitude among the grids (at least a tiny positive number), for one colour scale. */
export function scaleLimit(...grids: readonly (readonly (readonly (number | null)[])[] | null | undefined)[]): number {
  let limit = 0;
  for (const grid of grids) for (const row of grid ?? []) for (const v of row) if (v !== null && Number.isFinite(v)) limit = Math.max(limit, Math.abs(v));
  return limit || 1e-12;
}

/** The same numbers as a table for screen readers (visually hidden; the picture is for the eye). */
export function NumbersTable({ caption, head, rows }: { caption: string; head: readonly string[]; rows: readonly (readonly ReactNode[])[] }) {
  return (
    <table className="visually-hidden" data-testid="picture-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
