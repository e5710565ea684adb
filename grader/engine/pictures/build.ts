/**
 * Builds a visible test's picture from what the comparator saw: the test's arguments, the
 * expected output and the student's output (plus, for pictures of inner values, the student's
 * own function called on parts of the same visible input: see probes.ts). Student output is
 * untrusted: a shape the picture cannot read gives a "none" picture that says why.
 */
import { activation, conv2dValid, forwardTrace, logisticLossGradient, softmaxCrossEntropy, type ActivationName, type DenseLayer } from "../../../exercises/core/index.ts";
import type { Variant } from "../../../exercises/spec/define.ts";
import { describeShape } from "../../../exercises/spec/format.ts";
import type { OutputSpec } from "../../../exercises/spec/output.ts";
import type { PictureName } from "../../../exercises/spec/pictures.ts";
import type { Decoded } from "../../../exercises/spec/values.ts";
import type { ConvPicture, CurvesPicture, HeatmapPicture, NetworkPicture, Picture, ScatterPicture } from "./schema.ts";
import { differs, dims, field, fieldSpec, finite, isMatrix, isNumber, isVector, toleranceOf, type Tolerance } from "./shapes.ts";

export interface PictureInput {
  readonly args: readonly unknown[];
  readonly expected: unknown;
  readonly got: Decoded;
  readonly output: OutputSpec;
  readonly variant: Variant;
  /** The student's outputs on the probe calls of probes.ts, in order; null when they were not run. */
  readonly probes: readonly (Decoded | null)[] | null;
}

const none = (reason: string): Picture => ({ kind: "none", reason });
const wrongShape = (got: Decoded, wanted: string): Picture => none(`No picture: the result is ${describeShape(got)}, not ${wanted}.`);

export function buildPicture(name: PictureName, input: PictureInput): Picture {
  switch (name) {
    case "kmeans-step":
      return kmeansStepPicture(input);
    case "kmeans-objective":
      return kmeansObjectivePicture(input);
    case "network-forward":
      return networkPicture(input);
    case "autoencoder":
      return autoencoderPicture(input);
    case "gradient-heatmaps":
      return heatmapPicture(input);
    case "conv-maxpool":
      return convPicture(input);
    case "activation-curves":
      return activationPicture(input);
    case "softmax-loss-curve":
      return softmaxPicture(input);
    case "descent-step-curve":
      return descentPicture(input);
  }
}

/** The first two coordinates of a point (a 1-D point sits on the x-axis). */
const plane = (p: readonly number[]): [number, number] => [p[0] ?? 0, p[1] ?? 0];

function kmeansStepPicture({ args, expected, got }: PictureInput): Picture {
  const points = args[0] as number[][];
  const centroids = args[1] as number[][];
  const want = expected as { assignments: number[]; centroids: number[][] };
  const assignments = field(got, "assignments");
  const moved = field(got, "centroids");
  if (!isVector(assignments, points.length) || !assignments.every((a) => Number.isInteger(a))) {
    return none(
      `No picture: \`assignments\` must be ${points.length} whole numbers, one per point; it is ${describeShape(assignments === undefined ? null : (assignments as Decoded))}.`,
    );
  }
  const dimension = centroids[0]?.length ?? 0;
  if (!isMatrix(moved, centroids.length, dimension)) {
    return none(`No picture: \`centroids\` must be a ${centroids.length}×${dimension} matrix; it is ${describeShape(moved === undefined ? null : (moved as Decoded))}.`);
  }
  const picture: ScatterPicture = {
    kind: "kmeans",
    dims: dimension,
    points: points.map(plane),
    centroids: centroids.map(plane),
    expected: { assignments: want.assignments, centroids: want.centroids.map(plane) },
    student: { assignments, centroids: moved.map((c) => (c.every(Number.isFinite) ? plane(c) : null)) },
    differing: assignments.flatMap((a, j) => (a === want.assignments[j] ? [] : [j])),
    moves: true,
  };
  return picture;
}

function kmeansObjectivePicture({ args, expected, got, output }: PictureInput): Picture {
  const points = args[0] as number[][];
  const centroids = args[1] as number[][];
  const assignments = args[2] as number[];
  if (!isNumber(got)) return wrongShape(got, "a number");
  const value = expected as number;
  const picture: ScatterPicture = {
    kind: "kmeans",
    dims: centroids[0]?.length ?? points[0]?.length ?? 2,
    points: points.map(plane),
    centroids: centroids.map(plane),
    expected: { assignments, centroids: centroids.map(plane) },
    student: { assignments, centroids: centroids.map(plane) },
    differing: [],
    moves: false,
    objective: { student: finite(got), expected: value, differs: differs(got, value, toleranceOf(output)) },
  };
  return picture;
}

type Unit = NetworkPicture["layers"][number]["units"][number];

function units(expected: readonly number[], student: readonly number[] | null, tolerance: Tolerance): Unit[] {
  return expected.map((e, i) => {
    if (!student) return { expected: e, differs: false };
    const s = student[i]!;
    return { student: finite(s), expected: e, differs: differs(s, e, tolerance) };
  });
}

function firstWrong(layers: NetworkPicture["layers"]): number | null {
  const index = layers.findIndex((layer) => layer.units.some((u) => u.differs));
  return index < 0 ? null : index;
}

function networkPicture({ args, expected, got, output, probes }: PictureInput): Picture {
  const x = args[0] as number[];
  const layers = args[1] as DenseLayer[];
  const want = expected as number[];
  if (!isVector(got, want.length)) return wrongShape(got, `a vector of ${want.length} numbers (the last layer's activations)`);
  const tolerance = toleranceOf(output);
  const trace = forwardTrace(x, layers);
  let unknownInner = false;
  const drawn: NetworkPicture["layers"] = [
    { label: "Input x", units: x.map((v) => ({ expected: v, differs: false })) },
    ...trace.map((t, l) => {
      const last = l === trace.length - 1;
      const probe = last ? got : (probes?.[l] ?? null);
      const student = isVector(probe, t.a.length) ? probe : null;
      if (!student) unknownInner = true;
      return { label: `Layer ${l + 1} (${layers[l]!.activation})`, units: units(t.a, student, tolerance) };
    }),
  ];
  return {
    kind: "network",
    layers: drawn,
    firstWrongLayer: firstWrong(drawn),
    extras: [],
    ...(unknownInner ? { note: "Inner layers show only the expected activations: your function's own were not measured on this test (they are when its output is wrong)." } : {}),
  };
}

function autoencoderPicture({ args, expected, got, output }: PictureInput): Picture {
  const x = args[0] as number[];
  const want = expected as { code: number[]; reconstruction: number[]; loss: number };
  const code = field(got, "code");
  const reconstruction = field(got, "reconstruction");
  const loss = field(got, "loss");
  if (!isVector(code, want.code.length) || !isVector(reconstruction, want.reconstruction.length) || !isNumber(loss)) {
    return wrongShape(got, `an object with a code of ${want.code.length} numbers, a reconstruction of ${want.reconstruction.length} numbers and a loss`);
  }
  const drawn: NetworkPicture["layers"] = [
    { label: "Input x", units: x.map((v) => ({ expected: v, differs: false })) },
    { label: "Code z (encoder)", units: units(want.code, code, toleranceOf(fieldSpec(output, "code"))) },
    { label: "Reconstruction x̂ (decoder)", units: units(want.reconstruction, reconstruction, toleranceOf(fieldSpec(output, "reconstruction"))) },
  ];
  const lossDiffers = differs(loss, want.loss, toleranceOf(fieldSpec(output, "loss")));
  return {
    kind: "network",
    layers: drawn,
    firstWrongLayer: firstWrong(drawn),
    extras: [{ label: "Loss ε", student: finite(loss), expected: want.loss, differs: lossDiffers }],
  };
}

const transpose = (m: readonly (readonly number[])[]): number[][] => (m[0] ?? []).map((_, j) => m.map((row) => row[j]!));

function allClose(a: readonly (readonly number[])[], b: readonly (readonly number[])[], tolerance: Tolerance): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((v, j) => !differs(v, b[i]![j]!, tolerance)));
}

/** True when the grid is the expected one negated, and not simply equal to it (all zeros). */
function signFlipped(student: readonly (readonly number[])[], expected: readonly (readonly number[])[], tolerance: Tolerance): boolean {
  const negated = expected.map((row) => row.map((v) => -v));
  return allClose(student, negated, tolerance) && !allClose(student, expected, tolerance);
}

type HeatMap = HeatmapPicture["maps"][number];

function gridMap(name: string, expected: number[][], student: number[][], tolerance: Tolerance, columns?: string[]): HeatMap {
  const [rows, cols] = dims(expected);
  const base = { name, ...(columns ? { columns } : {}), expected };
  if (rows !== cols && isMatrix(student, cols, rows) && allClose(transpose(student), expected, tolerance)) {
    return {
      ...base,
      student: student.map((row) => row.map(finite)),
      differs: [],
      pattern: "transposed",
      patternText: `Your ${name} is ${cols}×${rows}, the transpose of the expected ${rows}×${cols}: rows and columns are swapped.`,
    };
  }
  const gridDiffers = expected.map((row, i) => row.map((e, j) => differs(student[i]![j]!, e, tolerance)));
  const anyDiffers = gridDiffers.some((row) => row.some(Boolean));
  let pattern: HeatMap["pattern"] = null;
  let patternText: string | undefined;
  if (anyDiffers && rows === cols && rows > 1 && allClose(transpose(student), expected, tolerance)) {
    pattern = "transposed";
    patternText = `Your ${name} is the transpose of the expected one: entry (i, j) holds the expected (j, i).`;
  } else if (anyDiffers && signFlipped(student, expected, tolerance)) {
    pattern = "sign-flip";
    patternText = `Your ${name} has the opposite sign of the expected one everywhere.`;
  }
  return { ...base, student: student.map((row) => row.map(finite)), differs: gridDiffers, pattern, ...(patternText ? { patternText } : {}) };
}

function heatmapPicture({ expected, got, output }: PictureInput): Picture {
  if (typeof expected !== "object" || expected === null || Array.isArray(expected)) return none("No picture: this exercise's output is not a set of named gradients.");
  const entries = Object.entries(expected as Record<string, unknown>);
  const maps: HeatMap[] = [];
  const scalars = entries.filter(([, v]) => isNumber(v));
  if (scalars.length > 0) {
    const names = scalars.map(([k]) => k);
    const studentRow = names.map((k) => field(got, k));
    if (!studentRow.every(isNumber)) return wrongShape(got, `an object with the numbers ${names.join(", ")}`);
    maps.push(gridMap(names.join(", "), [scalars.map(([, v]) => v as number)], [studentRow], toleranceOf(fieldSpec(output, names[0]!)), names));
  }
  for (const [name, value] of entries) {
    const tolerance = toleranceOf(fieldSpec(output, name));
    const mine = field(got, name);
    if (isVector(value)) {
      if (!isVector(mine, value.length)) return wrongShape(mine === undefined ? got : (mine as Decoded), `\`${name}\` as a vector of ${value.length} numbers`);
      maps.push(gridMap(name, [value], [mine], tolerance));
    } else if (isMatrix(value)) {
      const [rows, cols] = dims(value);
      if (!isMatrix(mine, rows, cols) && !isMatrix(mine, cols, rows)) {
        return none(`No picture: \`${name}\` should be a ${rows}×${cols} matrix; it is ${describeShape(mine === undefined ? null : (mine as Decoded))}.`);
      }
      maps.push(gridMap(name, value, mine as number[][], tolerance));
    }
  }
  return { kind: "heatmaps", maps };
}

function convPicture({ args, expected, got, output, probes }: PictureInput): Picture {
  const [image, kernel, poolSize] = args as [number[][], number[][], number];
  const want = expected as number[][];
  const [rows, cols] = dims(want);
  if (!isMatrix(got, rows, cols) || (rows > 0 && (got[0]?.length ?? 0) !== cols)) return wrongShape(got, `a ${rows}×${cols} matrix (the pooled map)`);
  const tolerance = toleranceOf(output);
  const featureMap = conv2dValid(image, kernel);
  const [fr, fc] = dims(featureMap);
  const probe = poolSize === 1 ? got : (probes?.[0] ?? null);
  const studentMap = isMatrix(probe, fr, fc) ? probe : null;
  const picture: ConvPicture = {
    kind: "conv",
    image,
    kernel,
    poolSize,
    featureMap: {
      expected: featureMap,
      student: studentMap ? studentMap.map((row) => row.map(finite)) : null,
      differs: studentMap ? featureMap.map((row, i) => row.map((e, j) => differs(studentMap[i]![j]!, e, tolerance))) : null,
    },
    pooled: { expected: want, student: got.map((row) => row.map(finite)), differs: want.map((row, i) => row.map((e, j) => differs(got[i]![j]!, e, tolerance))) },
    ...(studentMap ? {} : { note: "Your feature map was not measured on this test (it is when the pooled map is wrong); the expected one is shown." }),
  };
  return picture;
}

/** `count` + 1 evenly spaced samples of f on [from, to]; non-finite values are left out. */
function sample(f: (x: number) => number, from: number, to: number, count = 120): [number, number][] {
  return Array.from({ length: count + 1 }, (_, i) => from + ((to - from) * i) / count).flatMap((x): [number, number][] => {
    const y = f(x);
    // Five digits draw the same curve and keep a stored result small.
    return Number.isFinite(y) ? [[Number(x.toPrecision(5)), Number(y.toPrecision(5))]] : [];
  });
}

function activationPicture({ args, expected, got, output }: PictureInput): Picture {
  const [z, name] = args as [number[], ActivationName];
  const want = expected as { value: number[]; derivative: number[] };
  const value = field(got, "value");
  const derivative = field(got, "derivative");
  if (!isVector(value, z.length) || !isVector(derivative, z.length)) return wrongShape(got, `an object with \`value\` and \`derivative\`, each ${z.length} numbers`);
  const g = activation(name);
  // Wide enough to show the curve's shape, and never wider than the inputs need.
  const from = Math.min(-4, ...z) - 0.5;
  const to = Math.max(4, ...z) + 0.5;
  const panel = (title: string, yLabel: string, f: (x: number) => number, mine: number[], theirs: number[], spec: OutputSpec | undefined): CurvesPicture["panels"][number] => ({
    title,
    xLabel: "z",
    yLabel,
    curve: sample(f, from, to),
    points: z.map((x, i) => ({ label: `z = ${x}`, x, student: finite(mine[i]!), expected: theirs[i]!, differs: differs(mine[i]!, theirs[i]!, toleranceOf(spec)) })),
  });
  return {
    kind: "curves",
    panels: [
      panel(`${name}(z)`, "g(z)", (x) => g.value(x), value, want.value, fieldSpec(output, "value")),
      panel(`${name}′(z)`, "g′(z)", (x) => g.derivative(x), derivative, want.derivative, fieldSpec(output, "derivative")),
    ],
  };
}

function softmaxPicture({ args, expected, got, output }: PictureInput): Picture {
  const [logits, target] = args as [number[], number];
  const want = expected as { loss: number; gradient: number[] };
  const loss = field(got, "loss");
  const gradient = field(got, "gradient");
  if (!isNumber(loss) || !isVector(gradient, logits.length)) return wrongShape(got, `an object with a \`loss\` and a \`gradient\` of ${logits.length} numbers`);
  const at = logits[target]!;
  const withTarget = (t: number) => logits.map((v, i) => (i === target ? t : v));
  const from = at - 6;
  const to = at + 6;
  const mineGradient = gradient[target]!;
  return {
    kind: "curves",
    panels: [
      {
        title: `Loss J as the true class's logit z${target} varies`,
        xLabel: `z${target}`,
        yLabel: "J",
        curve: sample((t) => softmaxCrossEntropy(withTarget(t), target).loss, from, to),
        points: [
          { label: `loss at z${target} = ${at}`, x: at, student: finite(loss), expected: want.loss, differs: differs(loss, want.loss, toleranceOf(fieldSpec(output, "loss"))) },
        ],
      },
      {
        title: `∂J/∂z${target} as z${target} varies`,
        xLabel: `z${target}`,
        yLabel: `∂J/∂z${target}`,
        curve: sample((t) => softmaxCrossEntropy(withTarget(t), target).gradient[target]!, from, to),
        points: [
          {
            label: `gradient[${target}] at z${target} = ${at}`,
            x: at,
            student: finite(mineGradient),
            expected: want.gradient[target]!,
            differs: differs(mineGradient, want.gradient[target]!, toleranceOf(fieldSpec(output, "gradient"))),
          },
        ],
      },
    ],
    note: `The other classes' logits stay as given; every entry of the gradient is in the table.`,
  };
}

function descentPicture({ args, expected, got, variant }: PictureInput): Picture {
  const [X, y, w, b] = args as [number[][], number[], number[], number, number];
  const lambda = typeof variant.lambda === "number" ? variant.lambda : 0;
  const want = expected as { w: number[]; b: number };
  const mineW = field(got, "w");
  const mineB = field(got, "b");
  if (!isVector(mineW, w.length) || !isNumber(mineB)) return wrongShape(got, `an object with \`w\` (${w.length} numbers) and \`b\``);
  const start = [...w, b];
  const step = [...want.w, want.b].map((v, i) => v - start[i]!);
  const length2 = step.reduce((s, v) => s + v * v, 0);
  if (length2 === 0) return none("No picture: the expected step is zero here, so there is no direction to draw along.");
  const at = (t: number) => start.map((v, i) => v + t * step[i]!);
  const loss = (theta: readonly number[]) => logisticLossGradient(X, y, theta.slice(0, -1), theta.at(-1)!, lambda);
  const slope = (theta: readonly number[]) => {
    const g = loss(theta);
    return [...g.dw, g.db].reduce((s, v, i) => s + v * step[i]!, 0);
  };
  const mine = [...mineW, mineB];
  const finiteMine = mine.every(Number.isFinite);
  const tMine = finiteMine ? mine.reduce((s, v, i) => s + (v - start[i]!) * step[i]!, 0) / length2 : null;
  const offLine = finiteMine && tMine !== null ? Math.sqrt(mine.reduce((s, v, i) => s + (v - at(tMine)[i]!) ** 2, 0) / length2) : null;
  const from = Math.min(-1.5, (tMine ?? 0) - 0.5);
  const to = Math.max(2, (tMine ?? 0) + 0.5);
  const studentPoint = (f: (theta: readonly number[]) => number) => (finiteMine && tMine !== null ? [{ label: "your (w, b)", x: tMine, y: f(mine) }] : []);
  const lossAt = (theta: readonly number[]) => loss(theta).loss;
  const where =
    tMine === null
      ? "Your w or b is not a finite number."
      : `Your (w, b) lies at t = ${tMine.toFixed(2)} along the step (the expected step ends at t = 1, where you started is t = 0)${offLine !== null && offLine > 0.01 ? `, and off this line by ${offLine.toFixed(2)} step lengths` : ""}.`;
  return {
    kind: "curves",
    panels: [
      {
        title: "Loss J along the expected step",
        xLabel: "t (0 = start, 1 = expected step)",
        yLabel: "J",
        curve: sample((t) => lossAt(at(t)), from, to),
        points: [
          { label: "start (t = 0)", x: 0, expected: lossAt(start), differs: false },
          { label: "expected step (t = 1)", x: 1, expected: lossAt(at(1)), differs: false },
        ],
        studentPoints: studentPoint(lossAt),
      },
      {
        title: "Slope dJ/dt along the step",
        xLabel: "t (0 = start, 1 = expected step)",
        yLabel: "dJ/dt",
        curve: sample((t) => slope(at(t)), from, to),
        points: [
          { label: "start (t = 0)", x: 0, expected: slope(start), differs: false },
          { label: "expected step (t = 1)", x: 1, expected: slope(at(1)), differs: false },
        ],
        studentPoints: studentPoint(slope),
      },
    ],
    note: where,
  };
}
