import { ChartFigure } from "./chart-figure.tsx";
import { niceTicks, truncate } from "./scale.ts";

export interface BarDatum {
  readonly label: string;
  readonly value: number;
  /** A short qualifier shown after the label and in the data table, e.g. "hidden test". */
  readonly note?: string;
  /** "muted" draws a lighter bar; the note says why, so colour is never the only cue. */
  readonly tone?: "default" | "muted";
}

export interface BarChartProps {
  /** Unique on the page: the ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly data: readonly BarDatum[];
  /** What the bars measure, e.g. "Failed submissions" (the value axis). */
  readonly valueLabel: string;
  /** What each bar is, e.g. "Test" (the header of the data table). */
  readonly categoryLabel: string;
  readonly noteLabel?: string;
  /** Shown instead of the chart when there is nothing to draw. */
  readonly emptyMessage: string;
  readonly color?: "accent" | "fail";
  readonly testId?: string;
}

const WIDTH = 640;
const PAD_X = 8;
const VALUE_ROOM = 44;
const ROW = 46;
const BAR = 18;
const AXIS = 44;

/** Horizontal bars, one per category, the label above its bar so long names need no truncation at common widths. */
export function BarChart({ id, title, description, data, valueLabel, categoryLabel, noteLabel = "Note", emptyMessage, color = "accent", testId }: BarChartProps) {
  const max = Math.max(0, ...data.map((d) => d.value));
  const ticks = niceTicks(Math.max(1, max));
  const top = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - 2 * PAD_X - VALUE_ROOM;
  const x = (value: number) => PAD_X + (value / top) * plotWidth;
  const height = data.length * ROW + AXIS;
  const axisY = data.length * ROW + 4;
  const hasNotes = data.some((d) => d.note);
  return (
    <ChartFigure
      id={id}
      title={title}
      {...(description ? { description } : {})}
      {...(testId ? { testId } : {})}
      empty={data.length === 0 || max === 0}
      emptyMessage={emptyMessage}
      viewBox={`0 0 ${WIDTH} ${height}`}
      columns={hasNotes ? [categoryLabel, noteLabel, valueLabel] : [categoryLabel, valueLabel]}
      rows={data.map((d, index) => ({ key: `${d.label}-${index}`, cells: hasNotes ? [d.label, d.note ?? "", d.value] : [d.label, d.value] }))}
    >
      {ticks.map((tick) => (
        <line key={tick} className="chart-grid" x1={x(tick)} x2={x(tick)} y1={0} y2={axisY} />
      ))}
      {data.map((d, index) => {
        const y = index * ROW;
        const label = truncate(d.label, 84 - (d.note ? d.note.length + 3 : 0));
        return (
          <g key={`${d.label}-${index}`}>
            <text className="chart-label" x={PAD_X} y={y + 14}>
              {label !== d.label ? <title>{d.label}</title> : null}
              {label}
              {d.note ? <tspan className="chart-note"> · {d.note}</tspan> : null}
            </text>
            <rect className={`chart-bar ${color} ${d.tone === "muted" ? "muted" : ""}`} x={PAD_X} y={y + 20} width={Math.max(2, x(d.value) - PAD_X)} height={BAR} rx={3} />
            <text className="chart-value" x={x(d.value) + 6} y={y + 20 + BAR - 4}>
              {d.value}
            </text>
          </g>
        );
      })}
      <line className="chart-axis" x1={PAD_X} x2={PAD_X + plotWidth} y1={axisY} y2={axisY} />
      {ticks.map((tick) => (
        <text key={tick} className="chart-tick" x={x(tick)} y={axisY + 15} textAnchor="middle">
          {tick}
        </text>
      ))}
      <text className="chart-axis-label" x={PAD_X + plotWidth / 2} y={axisY + 36} textAnchor="middle">
        {valueLabel}
      </text>
    </ChartFigure>
  );
}
