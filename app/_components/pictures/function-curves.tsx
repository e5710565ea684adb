/** A function and its derivative as curves, with the expected points and the student's on them. */
import type { CurvesPicture } from "../../../grader/engine/pictures/schema.ts";
import { EXPECTED, formatShort, STUDENT, WRONG } from "./palette.ts";
import { NumbersTable } from "./svg-parts.tsx";

const W = 300;
const H = 200;
const PAD = { left: 44, right: 10, top: 22, bottom: 30 };

function CurvePanel({ panel, index }: { panel: CurvesPicture["panels"][number]; index: number }) {
  const xs = [...panel.curve.map((p) => p[0]), ...panel.points.map((p) => p.x), ...(panel.studentPoints ?? []).map((p) => p.x)];
  const ys = [
    ...panel.curve.map((p) => p[1]),
    ...panel.points.flatMap((p) => [p.expected, ...(p.student === undefined || p.student === null ? [] : [p.student])]),
    ...(panel.studentPoints ?? []).map((p) => p.y),
  ].filter(Number.isFinite);
  let [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (maxX - minX < 1e-12) [minX, maxX] = [minX - 1, maxX + 1];
  if (maxY - minY < 1e-12) [minY, maxY] = [minY - 1, maxY + 1];
  const margin = (maxY - minY) * 0.08;
  [minY, maxY] = [minY - margin, maxY + margin];
  const sx = (x: number) => PAD.left + ((x - minX) / (maxX - minX)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - minY) / (maxY - minY)) * (H - PAD.top - PAD.bottom);
  const path = panel.curve.map(([x, y], k) => `${k === 0 ? "M" : "L"}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join("");
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" className="picture-svg" data-testid="curve-panel" data-panel={index}>
      <text x={W / 2} y={13} textAnchor="middle" fontSize={11.5} fontWeight={600}>
        {panel.title}
      </text>
      <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} fill="none" stroke="#d9dde3" />
      {minY < 0 && maxY > 0 ? <line x1={PAD.left} x2={W - PAD.right} y1={sy(0)} y2={sy(0)} stroke="#c4c9d0" strokeDasharray="3 3" /> : null}
      <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize={9.5} fill="#5b6470">
        {formatShort(maxY)}
      </text>
      <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" fontSize={9.5} fill="#5b6470">
        {formatShort(minY)}
      </text>
      <text x={PAD.left} y={H - PAD.bottom + 12} fontSize={9.5} fill="#5b6470">
        {formatShort(minX)}
      </text>
      <text x={W - PAD.right} y={H - PAD.bottom + 12} textAnchor="end" fontSize={9.5} fill="#5b6470">
        {formatShort(maxX)}
      </text>
      <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" fontSize={10} fill="#5b6470">
        {panel.xLabel}
      </text>
      <path d={path} fill="none" stroke={EXPECTED} strokeWidth={2} />
      {panel.points.map((p, k) => (
        <g key={k} data-point={k} data-differs={p.differs || undefined}>
          <circle cx={sx(p.x)} cy={sy(p.expected)} r={4.5} fill="#ffffff" stroke={EXPECTED} strokeWidth={2} />
          {p.student !== undefined ? (
            p.student === null ? (
              <text x={sx(p.x)} y={PAD.top + 10} textAnchor="middle" fontSize={9} fontWeight={700} fill={WRONG}>
                NaN
              </text>
            ) : (
              <>
                <polygon
                  points={`${sx(p.x)},${sy(p.student) - 5} ${sx(p.x) + 5},${sy(p.student)} ${sx(p.x)},${sy(p.student) + 5} ${sx(p.x) - 5},${sy(p.student)}`}
                  fill={STUDENT}
                  stroke={p.differs ? WRONG : "#ffffff"}
                  strokeWidth={p.differs ? 1.5 : 1}
                />
                {p.differs ? <circle cx={sx(p.x)} cy={sy(p.student)} r={9} fill="none" stroke={WRONG} strokeWidth={1.5} /> : null}
              </>
            )
          ) : null}
        </g>
      ))}
      {(panel.studentPoints ?? []).map((p, k) => (
        <g key={`s${k}`} data-student-point={k}>
          <polygon
            points={`${sx(p.x)},${sy(p.y) - 6} ${sx(p.x) + 6},${sy(p.y)} ${sx(p.x)},${sy(p.y) + 6} ${sx(p.x) - 6},${sy(p.y)}`}
            fill={STUDENT}
            stroke={WRONG}
            strokeWidth={1.5}
          />
          <text x={sx(p.x) + 8} y={sy(p.y) - 6} fontSize={9.5} fill="#8a3a00">
            {p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function FunctionCurves({ picture }: { picture: CurvesPicture }) {
  const wrong = picture.panels.reduce((s, p) => s + p.points.filter((q) => q.differs && q.student !== undefined).length, 0);
  const label = `${picture.panels.map((p) => p.title).join(" and ")}: curves with the expected points${wrong > 0 ? `; ${wrong} of your values differ` : ""}.${picture.note ? ` ${picture.note}` : ""}`;
  return (
    <div className="picture-curves" role="group" aria-label={label}>
      <div className="picture-row">
        {picture.panels.map((panel, k) => (
          <CurvePanel key={panel.title} panel={panel} index={k} />
        ))}
      </div>
      <p className="small muted picture-legend">
        Blue line: the function; open circles: expected values; orange diamonds: yours (ringed when outside the tolerance).
        {picture.note ? ` ${picture.note}` : ""}
      </p>
      {picture.panels.map((panel) => (
        <NumbersTable
          key={panel.title}
          caption={panel.title}
          head={[panel.xLabel, "Yours", "Expected", "Matches"]}
          rows={[
            ...panel.points.map((p) => [
              `${p.label}`,
              p.student === undefined ? "–" : formatShort(p.student),
              formatShort(p.expected),
              p.student === undefined ? "–" : p.differs ? "no" : "yes",
            ]),
            ...(panel.studentPoints ?? []).map((p) => [`${p.label} at ${formatShort(p.x)}`, formatShort(p.y), "–", "–"]),
          ]}
        />
      ))}
    </div>
  );
}
