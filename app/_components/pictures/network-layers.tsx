/** A network as columns of units, each with the student's activation and the expected one; the first wrong layer stands out. */
import type { NetworkPicture } from "../../../grader/engine/pictures/schema.ts";
import { EXPECTED, formatShort, STUDENT, WRONG } from "./palette.ts";
import { NumbersTable } from "./svg-parts.tsx";

const COLUMN = 132;
const UNIT_H = 40;
const UNIT_W = 96;
const TOP = 44;

export function NetworkLayers({ picture }: { picture: NetworkPicture }) {
  const tallest = Math.max(...picture.layers.map((l) => l.units.length));
  const width = picture.layers.length * COLUMN;
  const height = TOP + tallest * (UNIT_H + 8) + 8;
  const unitY = (count: number, i: number) => TOP + ((tallest - count) * (UNIT_H + 8)) / 2 + i * (UNIT_H + 8);
  const wrongLayer = picture.firstWrongLayer;
  const label =
    wrongLayer === null
      ? `Network of ${picture.layers.length - 1} layers: every unit matches the expected activation.`
      : `Network of ${picture.layers.length - 1} layers: ${picture.layers[wrongLayer]!.label} is the first layer whose activations differ from the expected ones.`;
  return (
    <div className="picture-network" role="group" aria-label={label} data-first-wrong-layer={wrongLayer ?? ""}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true" className="picture-svg">
        {picture.layers
          .slice(1)
          .map((layer, l) =>
            layer.units.map((_, i) =>
              picture.layers[l]!.units.map((__, k) => (
                <line
                  key={`e${l}-${i}-${k}`}
                  x1={l * COLUMN + (COLUMN + UNIT_W) / 2}
                  y1={unitY(picture.layers[l]!.units.length, k) + UNIT_H / 2}
                  x2={(l + 1) * COLUMN + (COLUMN - UNIT_W) / 2}
                  y2={unitY(layer.units.length, i) + UNIT_H / 2}
                  stroke="#d9dde3"
                />
              )),
            ),
          )}
        {picture.layers.map((layer, l) => {
          const first = l === wrongLayer;
          return (
            <g key={l} data-layer={l} data-first-wrong={first || undefined} data-testid="network-layer">
              {first ? <rect x={l * COLUMN + 4} y={2} width={COLUMN - 8} height={height - 4} rx={8} fill="#fde7d9" stroke={STUDENT} strokeWidth={2} /> : null}
              <text x={l * COLUMN + COLUMN / 2} y={18} textAnchor="middle" fontSize={11} fontWeight={600}>
                {layer.label}
              </text>
              {first ? (
                <text x={l * COLUMN + COLUMN / 2} y={32} textAnchor="middle" fontSize={10} fill="#8a3a00" fontWeight={600}>
                  first wrong layer
                </text>
              ) : null}
              {layer.units.map((unit, i) => {
                const y = unitY(layer.units.length, i);
                const x = l * COLUMN + (COLUMN - UNIT_W) / 2;
                return (
                  <g key={i} data-unit={i} data-differs={unit.differs || undefined}>
                    <rect
                      x={x}
                      y={y}
                      width={UNIT_W}
                      height={UNIT_H}
                      rx={6}
                      fill="#ffffff"
                      stroke={unit.differs ? WRONG : "#8a8f98"}
                      strokeWidth={unit.differs ? 3 : 1}
                      strokeDasharray={unit.differs ? undefined : "0"}
                    />
                    {unit.student === undefined ? (
                      <text x={x + UNIT_W / 2} y={y + 24} textAnchor="middle" fontSize={11} fill={EXPECTED}>
                        {formatShort(unit.expected)}
                      </text>
                    ) : (
                      <>
                        <text x={x + 6} y={y + 16} fontSize={10.5} fill={unit.differs ? "#8a3a00" : "#1b1f24"} fontWeight={unit.differs ? 700 : 400}>
                          you {formatShort(unit.student)}
                        </text>
                        <text x={x + 6} y={y + 32} fontSize={10.5} fill={EXPECTED}>
                          exp {formatShort(unit.expected)}
                        </text>
                        {unit.differs ? (
                          <text x={x + UNIT_W - 8} y={y + 24} textAnchor="middle" fontSize={14} fontWeight={700} fill={WRONG}>
                            ≠
                          </text>
                        ) : null}
                      </>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {picture.extras.map((extra) => (
        <p key={extra.label} className={`small ${extra.differs ? "picture-wrong" : ""}`} data-testid="network-extra">
          {extra.label}: yours {formatShort(extra.student)} · expected {formatShort(extra.expected)}
          {extra.differs ? " (differs)" : ""}
        </p>
      ))}
      <p className="small muted picture-legend">
        Each unit: your activation (“you”) over the expected one (“exp”). A thick black frame and ≠ mark a unit outside the tolerance; the first layer with one is shaded.
        {picture.note ? ` ${picture.note}` : ""}
      </p>
      <NumbersTable
        caption={label}
        head={["Layer", "Unit", "Yours", "Expected", "Matches"]}
        rows={picture.layers.flatMap((layer) =>
          layer.units.map((unit, i) => [
            layer.label,
            String(i + 1),
            unit.student === undefined ? "not measured" : formatShort(unit.student),
            formatShort(unit.expected),
            unit.differs ? "no" : "yes",
          ]),
        )}
      />
    </div>
  );
}
