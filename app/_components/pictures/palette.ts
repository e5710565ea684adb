/**
 * Colours of every picture: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design"), chosen
 * because its colours stay distinct under protanopia, deuteranopia and tritanopia
 * (tests/pictures/palette.test.ts checks that with a simulator). Colour is never the only cue:
 * clusters also differ by marker shape, wrong values are ringed or outlined in black, and
 * heatmaps run from blue through white to orange, which differ in lightness as well as hue.
 */
export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  black: "#000000",
} as const;

/**
 * Cluster colours, in order. The first four are the four Okabe–Ito colours that stay furthest
 * apart under all three simulated deficiencies (ΔE > 20 for each pair); yellow comes last
 * because it is faint on white. Black is kept for rings and frames.
 */
export const CLUSTER_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.yellow,
] as const;
export const CLUSTER_SHAPES = ["circle", "square", "triangle", "diamond"] as const;
export type ClusterShape = (typeof CLUSTER_SHAPES)[number];

/** For values the student got wrong: rings, outlines and "your point" markers. */
export const WRONG = OKABE_ITO.black;
export const STUDENT = OKABE_ITO.vermillion;
export const EXPECTED = OKABE_ITO.blue;
export const NEUTRAL = "#8a8f98";

export function clusterColour(cluster: number): string {
  return CLUSTER_COLOURS[((cluster % CLUSTER_COLOURS.length) + CLUSTER_COLOURS.length) % CLUSTER_COLOURS.length] ?? NEUTRAL;
}

export function clusterShape(cluster: number): ClusterShape {
  return CLUSTER_SHAPES[((cluster % CLUSTER_SHAPES.length) + CLUSTER_SHAPES.length) % CLUSTER_SHAPES.length] ?? "circle";
}

const NEGATIVE = [0x00, 0x72, 0xb2];
const POSITIVE = [0xe6, 0x9f, 0x00];

/** A diverging colour for `value` in [−limit, limit]: blue below zero, white at zero, orange above; grey for "not a number". */
export function divergingColour(value: number | null, limit: number): string {
  if (value === null || !Number.isFinite(value)) return NEUTRAL;
  const t = limit > 0 ? Math.max(-1, Math.min(1, value / limit)) : 0;
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const mix = (c: number) => Math.round(255 + (c - 255) * Math.abs(t));
  return `rgb(${mix(end[0]!)}, ${mix(end[1]!)}, ${mix(end[2]!)})`;
}

/** Short numbers for labels and tables: three significant digits, exponent for the very large and small. */
export function formatShort(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "not a number";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(2).replace("-", "−");
  return String(Number(value.toPrecision(3))).replace("-", "−");
}

/** Numbers inside heatmap cells: two significant digits, so they fit a cell. */
export function formatCompact(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "NaN";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e3 || magnitude < 1e-2) return value.toExponential(1).replace("e+", "e").replace(/-/g, "−");
  return String(Number(value.toPrecision(2))).replace("-", "−");
}
