import { ChartFigure } from "./chart-figure.tsx";
import { niceTicks } from "./scale.ts";

export interface ColumnDatum {
  readonly label: string;
  readonly value: number;
}

export interface ColumnChartProps {
  /** Unique on the page: the ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Left to right, e.g. the bins of a histogram. */
  readonly data: readonly ColumnDatum[];
  /** The category axis, e.g. "Score (% of the exercise's points)". */
  readonly xLabel: string;
  /** The value axis, e.g. "Students". */
  readonly yLabel: string;
  readonly emptyMessage: string;
  readonly testId?: string;
}

const WIDTH = 640;
const HEIGHT = 250;
const LEFT = 52;
const RIGHT = 8;
const TOP = 22;
const BOTTOM = 56;

/** Vertical bars side by side (a histogram when the categories are bins), value printed above each bar. */
export function ColumnChart({ id, title, description, data, xLabel, yLabel, emptyMessage, testId }: ColumnChartProps) {
  const max = Math.max(0, ...data.map((d) => d.value));
  const ticks = niceTicks(Math.max(1, max));
  const top = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = Math.max(4, slot * 0.72);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const baseline = TOP + plotHeight;
  return (
    <ChartFigure
      id={id}
      title={title}
      {...(description ? { description } : {})}
      {...(testId ? { testId } : {})}
      empty={data.length === 0 || max === 0}
      emptyMessage={emptyMessage}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      columns={[xLabel, yLabel]}
      rows={data.map((d, index) => ({ key: `${d.label}-${index}`, cells: [d.label, d.value] }))}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="chart-grid" x1={LEFT} x2={LEFT + plotWidth} y1={y(tick)} y2={y(tick)} />
          <text className="chart-tick" x={LEFT - 6} y={y(tick) + 4} textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {data.map((d, index) => {
        const cx = LEFT + slot * index + slot / 2;
        return (
          <g key={`${d.label}-${index}`}>
            {d.value > 0 ? <rect className="chart-bar accent" x={cx - barWidth / 2} y={y(d.value)} width={barWidth} height={baseline - y(d.value)} rx={2} /> : null}
            {d.value > 0 ? (
              <text className="chart-value" x={cx} y={y(d.value) - 5} textAnchor="middle">
                {d.value}
              </text>
            ) : null}
            <text className="chart-tick" x={cx} y={baseline + 15} textAnchor="middle">
              {d.label}
            </text>
          </g>
        );
      })}
      <line className="chart-axis" x1={LEFT} x2={LEFT + plotWidth} y1={baseline} y2={baseline} />
      <text className="chart-axis-label" x={LEFT + plotWidth / 2} y={HEIGHT - 8} textAnchor="middle">
        {xLabel}
      </text>
      <text className="chart-axis-label" transform={`translate(14 ${TOP + plotHeight / 2}) rotate(-90)`} textAnchor="middle">
        {yLabel}
      </text>
    </ChartFigure>
  );
}
