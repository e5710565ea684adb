/**
 * The pictures' colours under simulated colour-vision deficiencies: Machado, Oliveira and
 * Fernandes (2009) at full severity, applied in linear RGB; distances are CIE76 ΔE in CIELAB.
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_COLOURS, EXPECTED, STUDENT, divergingColour } from "../../app/_components/pictures/palette.ts";

type Rgb = [number, number, number];
const SIMULATIONS: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
  none: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

function parse(colour: string): Rgb {
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(colour);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = colour.replace("#", "");
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

function lab(linear: Rgb): Rgb {
  const [r, g, b] = linear.map((v) => Math.min(1, Math.max(0, v))) as Rgb;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function seenAs(colour: string, simulation: string): Rgb {
  const linear = parse(colour).map(toLinear);
  const m = SIMULATIONS[simulation]!;
  return lab(m.map((row) => row.reduce((s, w, i) => s + w * linear[i]!, 0)) as Rgb);
}

const deltaE = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function closestPair(colours: readonly string[], simulation: string): number {
  let closest = Infinity;
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++) closest = Math.min(closest, deltaE(seenAs(colours[i]!, simulation), seenAs(colours[j]!, simulation)));
  return closest;
}

// Clearly different at a glance; 2.3 is the just-noticeable difference.
const DISTINCT = 20;

describe("picture colours under colour-vision deficiencies", () => {
  it("a red and a green that everyone with normal vision tells apart fail the check for deuteranopia (the check can fail)", () => {
    expect(closestPair(["#d62728", "#2ca02c"], "none")).toBeGreaterThan(DISTINCT);
    expect(closestPair(["#d62728", "#2ca02c"], "deuteranopia")).toBeLessThan(DISTINCT);
  });

  for (const simulation of ["protanopia", "deuteranopia", "tritanopia"]) {
    it(`keeps the first four cluster colours apart under ${simulation} (markers' shapes also differ)`, () => {
      expect(closestPair(CLUSTER_COLOURS.slice(0, 4), simulation)).toBeGreaterThan(DISTINCT);
    });

    it(`keeps the student's and the expected colour, and the heatmap's two ends, apart under ${simulation}`, () => {
      expect(closestPair([STUDENT, EXPECTED], simulation)).toBeGreaterThan(DISTINCT);
      expect(closestPair([divergingColour(-1, 1), divergingColour(1, 1), divergingColour(0, 1)], simulation)).toBeGreaterThan(DISTINCT);
    });
  }
});
