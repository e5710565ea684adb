"use client";
/** Convolution and max pooling: input, kernel, feature map and pooled map; hovering a cell lights its receptive field. */
import { useState } from "react";
import type { ConvPicture } from "../../../grader/engine/pictures/schema.ts";
import { formatShort } from "./palette.ts";
import { Grid, NumbersTable, scaleLimit } from "./svg-parts.tsx";

type Focus = { readonly map: "feature" | "pooled"; readonly i: number; readonly j: number } | null;

export function ConvMaxPool({ picture }: { picture: ConvPicture }) {
  const [focus, setFocus] = useState<Focus>(null);
  const kh = picture.kernel.length;
  const kw = picture.kernel[0]?.length ?? 0;
  const p = picture.poolSize;
  // The feature-map cells under the focus, then the image cells under those.
  const featureRange =
    focus === null
      ? null
      : focus.map === "feature"
        ? { r0: focus.i, r1: focus.i, c0: focus.j, c1: focus.j }
        : { r0: focus.i * p, r1: focus.i * p + p - 1, c0: focus.j * p, c1: focus.j * p + p - 1 };
  const imageLit = (i: number, j: number) =>
    featureRange !== null && i >= featureRange.r0 && i <= featureRange.r1 + kh - 1 && j >= featureRange.c0 && j <= featureRange.c1 + kw - 1;
  const featureLit = (i: number, j: number) => featureRange !== null && i >= featureRange.r0 && i <= featureRange.r1 && j >= featureRange.c0 && j <= featureRange.c1;
  const pooledLit = (i: number, j: number) => focus?.map === "pooled" && focus.i === i && focus.j === j;

  const grids = [picture.image, picture.kernel, picture.featureMap.expected, picture.featureMap.student, picture.pooled.expected, picture.pooled.student];
  const largest = Math.max(...grids.map((g) => Math.max(g?.length ?? 0, g?.[0]?.length ?? 0)));
  const cell = Math.max(16, Math.min(34, Math.floor(170 / largest)));
  const mapLimit = scaleLimit(picture.featureMap.expected, picture.featureMap.student, picture.pooled.expected, picture.pooled.student);

  const wrongPooled = picture.pooled.differs.flat().filter(Boolean).length;
  const label = `Convolution with a ${kh}×${kw} kernel and ${p}×${p} max pooling: ${wrongPooled === 0 ? "every pooled value matches" : `${wrongPooled} pooled value${wrongPooled === 1 ? "" : "s"} differ`}. Hover a cell to see the input cells it comes from.`;
  const panel = (title: string, testId: string, node: React.ReactNode, rows: number, cols: number) => (
    <figure className="picture-conv-panel" data-testid={testId}>
      <figcaption className="small muted">{title}</figcaption>
      <svg viewBox={`0 0 ${cols * cell} ${rows * cell}`} width={cols * cell} height={rows * cell} aria-hidden="true" className="picture-svg">
        {node}
      </svg>
    </figure>
  );
  const dims = (m: readonly (readonly unknown[])[]) => [m.length, m[0]?.length ?? 0] as const;
  return (
    <div className="picture-conv" role="group" aria-label={label} onMouseLeave={() => setFocus(null)} data-focus={focus ? `${focus.map}:${focus.i},${focus.j}` : ""}>
      <div className="picture-row">
        {panel(
          "Input",
          "conv-image",
          <Grid values={picture.image} limit={scaleLimit(picture.image)} x={0} y={0} cell={cell} highlight={imageLit} testId="conv-image-grid" />,
          ...dims(picture.image),
        )}
        {panel("Kernel", "conv-kernel", <Grid values={picture.kernel} limit={scaleLimit(picture.kernel)} x={0} y={0} cell={cell} />, kh, kw)}
        {picture.featureMap.student
          ? panel(
              "Your feature map",
              "conv-feature-student",
              <Grid
                values={picture.featureMap.student}
                limit={mapLimit}
                x={0}
                y={0}
                cell={cell}
                differs={picture.featureMap.differs}
                highlight={featureLit}
                onHover={(i, j) => setFocus({ map: "feature", i, j })}
              />,
              ...dims(picture.featureMap.expected),
            )
          : null}
        {panel(
          "Expected feature map",
          "conv-feature-expected",
          <Grid values={picture.featureMap.expected} limit={mapLimit} x={0} y={0} cell={cell} highlight={featureLit} onHover={(i, j) => setFocus({ map: "feature", i, j })} />,
          ...dims(picture.featureMap.expected),
        )}
        {panel(
          "Your pooled map",
          "conv-pooled-student",
          <Grid
            values={picture.pooled.student}
            limit={mapLimit}
            x={0}
            y={0}
            cell={cell}
            differs={picture.pooled.differs}
            highlight={pooledLit}
            onHover={(i, j) => setFocus({ map: "pooled", i, j })}
          />,
          ...dims(picture.pooled.expected),
        )}
        {panel(
          "Expected pooled map",
          "conv-pooled-expected",
          <Grid values={picture.pooled.expected} limit={mapLimit} x={0} y={0} cell={cell} highlight={pooledLit} onHover={(i, j) => setFocus({ map: "pooled", i, j })} />,
          ...dims(picture.pooled.expected),
        )}
      </div>
      <p className="small muted picture-legend">
        Hover a feature-map or pooled cell: a dashed frame marks the cells it is computed from. A thick black frame marks a value outside the tolerance.
        {picture.note ? ` ${picture.note}` : ""}
      </p>
      <NumbersTable
        caption={`${label} Each pooled value with the input rows and columns it covers.`}
        head={["Pooled cell", "Yours", "Expected", "Matches", "Input rows", "Input columns"]}
        rows={picture.pooled.expected.flatMap((row, i) =>
          row.map((e, j) => [
            `(${i + 1}, ${j + 1})`,
            formatShort(picture.pooled.student[i]?.[j] ?? null),
            formatShort(e),
            picture.pooled.differs[i]?.[j] ? "no" : "yes",
            `${i * p + 1}–${i * p + p + kh - 1}`,
            `${j * p + 1}–${j * p + p + kw - 1}`,
          ]),
        )}
      />
    </div>
  );
}
