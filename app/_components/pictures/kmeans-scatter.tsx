/** k-means: the points coloured (and shaped) by cluster, the centroids' moves, the student's plot beside the expected one. */
import type { ScatterPicture } from "../../../grader/engine/pictures/schema.ts";
import { clusterColour, clusterShape, formatShort, NEUTRAL, WRONG } from "./palette.ts";
import { Marker, NumbersTable } from "./svg-parts.tsx";

const SIZE = 260;
const PAD = 22;
/** Room above the frame for the title, and for a ring around a point at the top. */
const TOP = 34;

type Bounds = { minX: number; maxX: number; minY: number; maxY: number };

function bounds(picture: ScatterPicture): Bounds {
  const all = [...picture.points, ...picture.centroids, ...picture.expected.centroids, ...picture.student.centroids.flatMap((c) => (c ? [c] : []))];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const b = { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  // Flat data (1-D points, one point) still gets an area to draw in.
  if (b.maxX - b.minX < 1e-9) [b.minX, b.maxX] = [b.minX - 1, b.maxX + 1];
  if (b.maxY - b.minY < 1e-9) [b.minY, b.maxY] = [b.minY - 1, b.maxY + 1];
  return b;
}

function Panel({ picture, side, b, arrowId }: { picture: ScatterPicture; side: "student" | "expected"; b: Bounds; arrowId: string }) {
  // One scale for both axes (distances look like distances), the data centred in the frame.
  const span = Math.max(b.maxX - b.minX, b.maxY - b.minY);
  const inner = SIZE - PAD - TOP;
  const sx = (x: number) => PAD + ((x - b.minX + (span - (b.maxX - b.minX)) / 2) / span) * inner;
  const sy = (y: number) => SIZE - PAD - ((y - b.minY + (span - (b.maxY - b.minY)) / 2) / span) * inner;
  const assignment = side === "student" ? picture.student.assignments : picture.expected.assignments;
  const moved = side === "student" ? picture.student.centroids : picture.expected.centroids;
  const ringed = new Set(side === "student" ? picture.differing : []);
  const k = picture.centroids.length;
  const inRange = (c: number) => Number.isInteger(c) && c >= 0 && c < k;
  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE + 18}`}
      width={SIZE}
      height={SIZE + 18}
      aria-hidden="true"
      className="picture-svg"
      data-testid={side === "student" ? "scatter-student" : "scatter-expected"}
    >
      <text x={SIZE / 2} y={13} textAnchor="middle" fontSize={12} fontWeight={600}>
        {side === "student" ? "Your result" : "Expected"}
      </text>
      <rect x={PAD / 2} y={TOP - PAD / 2} width={inner + PAD} height={inner + PAD} fill="none" stroke="#d9dde3" />
      {!picture.moves
        ? picture.points.map((p, j) => {
            const c = picture.centroids[assignment[j]!];
            return c ? <line key={`l${j}`} x1={sx(p[0])} y1={sy(p[1])} x2={sx(c[0])} y2={sy(c[1])} stroke={clusterColour(assignment[j]!)} strokeOpacity={0.6} /> : null;
          })
        : null}
      {picture.points.map((p, j) => {
        const c = assignment[j]!;
        return (
          <g key={`p${j}`} data-point={j} data-cluster={c} data-ringed={ringed.has(j) || undefined}>
            <Marker shape={clusterShape(c)} x={sx(p[0])} y={sy(p[1])} size={5} fill={inRange(c) ? clusterColour(c) : NEUTRAL} stroke="#1b1f24" strokeWidth={0.6} />
            {ringed.has(j) ? <circle cx={sx(p[0])} cy={sy(p[1])} r={10} fill="none" stroke={WRONG} strokeWidth={2} data-testid="ring" /> : null}
          </g>
        );
      })}
      {picture.centroids.map((old, c) => {
        const next = moved[c];
        const colour = clusterColour(c);
        return (
          <g key={`c${c}`} data-centroid={c}>
            {/* Old centroid: a cross; new centroid: a large marker of the cluster's shape with a black edge. */}
            <path d={`M${sx(old[0]) - 6},${sy(old[1]) - 6}l12,12m0,-12l-12,12`} stroke={colour} strokeWidth={2.5} />
            {picture.moves && next ? (
              <>
                {Math.hypot(sx(next[0]) - sx(old[0]), sy(next[1]) - sy(old[1])) > 8 ? (
                  <line x1={sx(old[0])} y1={sy(old[1])} x2={sx(next[0])} y2={sy(next[1])} stroke={colour} strokeWidth={1.5} markerEnd={`url(#${arrowId})`} />
                ) : null}
                <Marker shape={clusterShape(c)} x={sx(next[0])} y={sy(next[1])} size={8} fill={colour} stroke={WRONG} strokeWidth={1.5} />
              </>
            ) : null}
          </g>
        );
      })}
      {picture.dims > 2 ? (
        <text x={PAD / 2 + 4} y={SIZE + 12} fontSize={10.5} fill="#5b6470" data-testid="projection-note">
          {picture.dims}-D points: the first two coordinates are drawn.
        </text>
      ) : picture.dims === 1 ? (
        <text x={PAD / 2 + 4} y={SIZE + 12} fontSize={10.5} fill="#5b6470">
          1-D points, drawn along the horizontal axis.
        </text>
      ) : null}
    </svg>
  );
}

export function KMeansScatter({ picture, id }: { picture: ScatterPicture; id: string }) {
  const b = bounds(picture);
  const arrowId = `${id}-arrow`;
  const label = picture.moves
    ? `Scatter plot of ${picture.points.length} points coloured by cluster, with old and new centroids: your result beside the expected one. ${picture.differing.length === 0 ? "Every point is assigned as expected." : `${picture.differing.length} point${picture.differing.length === 1 ? " is" : "s are"} assigned differently and ringed.`}`
    : `Scatter plot of ${picture.points.length} points joined to their centroids. Your within-cluster sum of squares: ${formatShort(picture.objective?.student)}; expected ${formatShort(picture.objective?.expected)}.`;
  const projection = picture.dims > 2 ? ` Points have ${picture.dims} coordinates; the plot shows the first two, the table all that matter.` : "";
  return (
    <div className="picture-kmeans" role="group" aria-label={label + projection} data-ringed={picture.differing.join(",")}>
      <svg width={0} height={0} aria-hidden="true" style={{ position: "absolute" }}>
        <defs>
          <marker id={arrowId} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill="#1b1f24" />
          </marker>
        </defs>
      </svg>
      <div className="picture-row">
        <Panel picture={picture} side="student" b={b} arrowId={arrowId} />
        {picture.moves ? <Panel picture={picture} side="expected" b={b} arrowId={arrowId} /> : null}
      </div>
      <p className="small muted picture-legend">
        {picture.moves ? "✕ old centroid, large marker: new centroid (arrow: its move). " : "Lines join each point to its centroid (✕). "}
        Colour and shape show the cluster.
        {picture.differing.length > 0 ? " Ringed: assigned differently from the expected result." : ""}
      </p>
      {picture.objective ? (
        <p className={`small ${picture.objective.differs ? "picture-wrong" : ""}`} data-testid="objective">
          Your value: {formatShort(picture.objective.student)} · expected: {formatShort(picture.objective.expected)}
        </p>
      ) : null}
      <NumbersTable
        caption={label}
        head={["Point", "x₁", "x₂", "Your cluster", "Expected cluster", "Same"]}
        rows={picture.points.map((p, j) => [
          String(j),
          formatShort(p[0]),
          picture.dims > 1 ? formatShort(p[1]) : "–",
          String(picture.student.assignments[j]),
          String(picture.expected.assignments[j]),
          picture.differing.includes(j) ? "no" : "yes",
        ])}
      />
      {picture.moves ? (
        <NumbersTable
          caption="Centroids: old, yours, expected (first two coordinates)"
          head={["Centroid", "Old", "Yours", "Expected"]}
          rows={picture.centroids.map((old, c) => {
            const mine = picture.student.centroids[c];
            const want = picture.expected.centroids[c]!;
            return [
              String(c),
              `(${formatShort(old[0])}, ${formatShort(old[1])})`,
              mine ? `(${formatShort(mine[0])}, ${formatShort(mine[1])})` : "not a number",
              `(${formatShort(want[0])}, ${formatShort(want[1])})`,
            ];
          })}
        />
      ) : null}
    </div>
  );
}
