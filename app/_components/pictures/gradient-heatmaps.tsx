/** Each gradient as three heatmaps: the student's, the expected, and their difference; a recognised pattern is named. */
import type { HeatmapPicture } from "../../../grader/engine/pictures/schema.ts";
import { formatShort } from "./palette.ts";
import { Grid, NumbersTable, scaleLimit } from "./svg-parts.tsx";

const PATTERN_LABELS = { "sign-flip": "sign flipped", transposed: "transposed", swapped: "swapped" } as const;

/** Student minus expected; no difference for a value that is not a number. */
const minus = (mine: number | null | undefined, expected: number): number | null => (mine === null || mine === undefined ? null : mine - expected);

function cellSize(rows: number, cols: number): number {
  return Math.max(16, Math.min(46, Math.floor(200 / Math.max(rows, cols))));
}

function GradientMap({ map }: { map: HeatmapPicture["maps"][number] }) {
  const [rows, cols] = [map.expected.length, map.expected[0]?.length ?? 0];
  const [sRows, sCols] = [map.student.length, map.student[0]?.length ?? 0];
  const cell = cellSize(Math.max(rows, sRows), Math.max(cols, sCols));
  // Within the tolerance counts as no difference: float noise (1e-17) would otherwise look like an error.
  const difference = map.differs.length > 0 ? map.expected.map((row, i) => row.map((e, j) => (map.differs[i]![j] ? minus(map.student[i]?.[j], e) : 0))) : null;
  const limit = scaleLimit(map.expected, map.student);
  const panels: { title: string; values: (number | null)[][]; testId: string; limit: number }[] = [
    { title: "Yours", values: map.student, testId: "heatmap-student", limit },
    { title: "Expected", values: map.expected, testId: "heatmap-expected", limit },
    ...(difference ? [{ title: "Yours − expected", values: difference, testId: "heatmap-difference", limit }] : []),
  ];
  const gap = 18;
  const widths = panels.map((p) => (p.values[0]?.length ?? 0) * cell);
  const height = 20 + Math.max(rows, sRows) * cell + 4;
  const width = widths.reduce((s, w) => s + w + gap, 0);
  let offset = 0;
  return (
    <div className="picture-heatmap" data-map={map.name} data-pattern={map.pattern ?? ""}>
      <div className="small picture-map-title">
        <strong>{map.columns ? "Gradient" : map.name}</strong>
        {map.columns ? ` (${map.columns.join(", ")})` : ` (${rows}×${cols})`}
        {map.pattern ? (
          <span className="badge warn" data-testid="pattern">
            {PATTERN_LABELS[map.pattern]}
          </span>
        ) : null}
      </div>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true" className="picture-svg">
        {panels.map((panel, k) => {
          const x = offset;
          offset += widths[k]! + gap;
          return (
            <g key={panel.title}>
              <text x={x} y={12} fontSize={10.5} fill="#5b6470">
                {panel.title}
              </text>
              <Grid values={panel.values} limit={panel.limit} x={x} y={18} cell={cell} differs={panel.testId === "heatmap-expected" ? null : map.differs} testId={panel.testId} />
            </g>
          );
        })}
      </svg>
      {map.patternText ? <p className="small picture-wrong">{map.patternText}</p> : null}
      <NumbersTable
        caption={`${map.name}: yours and expected${map.patternText ? `. ${map.patternText}` : ""}`}
        head={["Entry", "Yours", "Expected", "Matches"]}
        rows={map.expected.flatMap((row, i) =>
          row.map((e, j) => [
            map.columns ? map.columns[j]! : `(${i + 1}, ${j + 1})`,
            formatShort(map.student[i]?.[j] ?? null),
            formatShort(e),
            map.differs.length === 0 ? "shape differs" : map.differs[i]![j] ? "no" : "yes",
          ]),
        )}
      />
    </div>
  );
}

export function GradientHeatmaps({ picture }: { picture: HeatmapPicture }) {
  const named = picture.maps.filter((m) => m.pattern);
  const label = `Heatmaps of ${picture.maps.length} gradient${picture.maps.length === 1 ? "" : "s"}: yours, expected, and the difference.${named.length > 0 ? ` ${named.map((m) => m.patternText).join(" ")}` : ""}`;
  return (
    <div className="picture-heatmaps" role="group" aria-label={label}>
      {picture.maps.map((map) => (
        <GradientMap key={map.name} map={map} />
      ))}
      <p className="small muted picture-legend">Blue below zero, white at zero, orange above. A thick black frame marks an entry outside the tolerance.</p>
    </div>
  );
}
