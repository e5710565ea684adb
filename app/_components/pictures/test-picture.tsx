"use client";
/** A visible test's picture, or the sentence that says why it has none. */
import { useId } from "react";
import type { Picture } from "../../../grader/engine/pictures/schema.ts";
import { ConvMaxPool } from "./conv-maxpool.tsx";
import { FunctionCurves } from "./function-curves.tsx";
import { GradientHeatmaps } from "./gradient-heatmaps.tsx";
import { KMeansScatter } from "./kmeans-scatter.tsx";
import { NetworkLayers } from "./network-layers.tsx";
import "./pictures.css";

export function TestPicture({ picture, open = true }: { picture: Picture | undefined; open?: boolean }) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, "");
  if (!picture) return null;
  if (picture.kind === "none") {
    return (
      <p className="small muted" data-testid="no-picture">
        {picture.reason}
      </p>
    );
  }
  return (
    <details className="test-picture" open={open} data-testid="test-picture" data-kind={picture.kind}>
      <summary className="small muted">Picture</summary>
      {picture.kind === "kmeans" ? <KMeansScatter picture={picture} id={id} /> : null}
      {picture.kind === "network" ? <NetworkLayers picture={picture} /> : null}
      {picture.kind === "heatmaps" ? <GradientHeatmaps picture={picture} /> : null}
      {picture.kind === "conv" ? <ConvMaxPool picture={picture} /> : null}
      {picture.kind === "curves" ? <FunctionCurves picture={picture} /> : null}
    </details>
  );
}
