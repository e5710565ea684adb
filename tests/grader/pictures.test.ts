/** Pictures of visible tests: each picture's data, graded through the real sandbox. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { GradeResultSchema, type TestResult } from "../../grader/engine/result.ts";
import type { ConvPicture, HeatmapPicture, NetworkPicture, ScatterPicture, CurvesPicture } from "../../grader/engine/pictures/schema.ts";
import { getExercise } from "../../exercises/registry.ts";
import { readSolution } from "../../exercises/fixtures.ts";
import { ExerciseSpecSchema } from "../../exercises/spec/define.ts";
import { checkSolutions } from "../../grader/engine/check-solutions.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 1 });
const SEED = 7;

const run = (exerciseId: string, source: string, language: "typescript" | "python" = "typescript") =>
  gradeSubmission(pool, { exercise: getExercise(exerciseId), source, seed: SEED, mode: "run", language });

function pictureOf<K extends string>(test: TestResult | undefined, kind: K) {
  expect(test?.picture?.kind).toBe(kind);
  return test!.picture as Extract<NonNullable<TestResult["picture"]>, { kind: K }>;
}

/** forward-pass's correct solution with layer `wrong` (0-based) using tanh in place of its own activation. */
const forwardWithWrongLayer = (wrong: number) => `
const g: Record<string, (v: number) => number> = {
  step: (v) => (v >= 0 ? 1 : 0), sigmoid: (v) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh, relu: (v) => Math.max(0, v), linear: (v) => v,
};
export function forward(x: number[], layers: { W: number[][]; b: number[]; activation: string }[]): number[] {
  let a = x;
  layers.forEach(({ W, b, activation }, l) => {
    const f = l === ${wrong} ? (v: number) => Math.tanh(v) + 0.5 : g[activation]!;
    a = W.map((row, i) => f(row.reduce((s, w, j) => s + w * a[j]!, b[i]!)));
  });
  return a;
}`;

describe("the spec's picture field", () => {
  it("accepts a picture's name and refuses a name that is not one", () => {
    const spec = getExercise("kmeans-step");
    expect(ExerciseSpecSchema.safeParse(spec).success).toBe(true);
    const result = ExerciseSpecSchema.safeParse({ ...spec, picture: "pie-chart" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["picture"]);
  });

  it("gives no picture to an exercise that names none", async () => {
    const result = await gradeSubmission(pool, { exercise: getExercise("cosine-similarity"), source: readSolution("cosine-similarity", "correct"), seed: SEED, mode: "run" });
    expect(result.tests.length).toBeGreaterThan(0);
    expect(result.tests.every((t) => t.picture === undefined)).toBe(true);
  });
});

describe("k-means scatter", () => {
  it("rings exactly the points the student assigned differently", async () => {
    const spec = getExercise("kmeans-step");
    const result = await run("kmeans-step", readSolution("kmeans-step", "ties-last-index"));
    const cases = prepareCases(spec, SEED).visible;
    const tie = result.tests.findIndex((t) => t.name.includes("tie"));
    expect(result.tests[tie]!.status).toBe("failed");
    const picture: ScatterPicture = pictureOf(result.tests[tie], "kmeans");
    const mistake = spec.mistakes!.find((m) => m.id === "ties-last-index")!;
    const theirs = (mistake.solve(cases[tie]!.args, {}) as { assignments: number[] }).assignments;
    const want = (cases[tie]!.expected as { assignments: number[] }).assignments;
    const differentlyAssigned = want.flatMap((a, j) => (a === theirs[j] ? [] : [j]));
    expect(differentlyAssigned.length).toBeGreaterThan(0);
    expect(picture.differing).toEqual(differentlyAssigned);
    expect(picture.student.assignments).toEqual(theirs);
    expect(picture.expected.assignments).toEqual(want);
    // A passing test is drawn too, with nothing ringed.
    const passed = result.tests.findIndex((t) => t.status === "passed");
    expect(pictureOf(result.tests[passed], "kmeans").differing).toEqual([]);
  });

  it("says why there is no picture when the output has the wrong shape", async () => {
    const result = await run("kmeans-step", "export function kmeansStep() { return { assignments: 'none', centroids: [] }; }");
    const picture = pictureOf(result.tests[0], "none");
    expect(picture.reason).toMatch(/`assignments` must be \d+ whole numbers/);
  });

  it("draws the given clusters and both objectives for the within-cluster sum of squares", async () => {
    const result = await run("kmeans-wcss", "export function wcss() { return 1.5; }");
    const picture: ScatterPicture = pictureOf(result.tests[0], "kmeans");
    expect(picture.moves).toBe(false);
    expect(picture.objective?.student).toBe(1.5);
    expect(picture.objective?.differs).toBe(true);
  });
});

describe("network layers", () => {
  it("highlights layer 2 when only layer 2's activation is wrong, measuring layer 1 with the student's own function", async () => {
    const result = await run("forward-pass", forwardWithWrongLayer(1));
    const twoLayer = result.tests.find((t) => t.name.includes("2 → 4 → 3"));
    expect(twoLayer?.status).toBe("failed");
    const picture: NetworkPicture = pictureOf(twoLayer, "network");
    expect(picture.layers.map((l) => l.label)).toEqual(["Input x", "Layer 1 (tanh)", "Layer 2 (linear)"]);
    expect(picture.firstWrongLayer).toBe(2);
    expect(picture.layers[1]!.units.every((u) => u.student !== undefined && !u.differs)).toBe(true);
    expect(picture.layers[2]!.units.some((u) => u.differs)).toBe(true);
    expect(picture.note).toBeUndefined();
  });

  it("highlights layer 1 as the first wrong layer when layer 1 is wrong, though layer 2 differs too", async () => {
    const result = await run("forward-pass", forwardWithWrongLayer(0));
    const picture: NetworkPicture = pictureOf(
      result.tests.find((t) => t.name.includes("2 → 4 → 3")),
      "network",
    );
    expect(picture.firstWrongLayer).toBe(1);
    expect(picture.layers[2]!.units.some((u) => u.differs)).toBe(true);
  });

  it("measures a Python student's inner layers too", async () => {
    const correct = readFileSync("exercises/forward-pass/solutions/correct.py", "utf8");
    // Layer 2 (index 1) squashes with tanh whatever its activation says.
    const python = correct
      .replace("for layer in layers:", "for index, layer in enumerate(layers):")
      .replace('g = ACTIVATIONS[layer["activation"]]', 'g = math.tanh if index == 1 else ACTIVATIONS[layer["activation"]]');
    expect(python).not.toBe(correct);
    const result = await run("forward-pass", python, "python");
    const picture: NetworkPicture = pictureOf(
      result.tests.find((t) => t.name.includes("2 → 4 → 3")),
      "network",
    );
    expect(picture.firstWrongLayer).toBe(2);
  });

  it("shows the autoencoder's code and reconstruction, the code wrong first when the encoder is", async () => {
    const result = await run("autoencoder-reconstruction", readSolution("autoencoder-reconstruction", "transposed-decoder"));
    const failed = result.tests.find((t) => t.status === "failed");
    const picture: NetworkPicture = pictureOf(failed, "network");
    expect(picture.layers.map((l) => l.label)).toEqual(["Input x", "Code z (encoder)", "Reconstruction x̂ (decoder)"]);
    expect(picture.firstWrongLayer).toBe(2);
    expect(picture.extras[0]?.label).toBe("Loss ε");
  });
});

describe("gradient heatmaps", () => {
  it("names a transposed weight gradient", async () => {
    const result = await run("backprop-gradients", readSolution("backprop-gradients", "transposed-weight-gradients"));
    const picture: HeatmapPicture = pictureOf(
      result.tests.find((t) => t.name.includes("3 inputs, 4 hidden units")),
      "heatmaps",
    );
    const dW1 = picture.maps.find((m) => m.name === "dW1")!;
    expect(dW1.pattern).toBe("transposed");
    expect(dW1.patternText).toMatch(/3×4, the transpose of the expected 4×3/);
    expect(picture.maps.find((m) => m.name === "db1")!.pattern).toBeNull();
  });

  it("names a sign flip, and a right gradient has no pattern", async () => {
    const result = await run("backprop-gradients", readSolution("backprop-gradients", "descent-direction"));
    const picture: HeatmapPicture = pictureOf(
      result.tests.find((t) => t.status === "failed"),
      "heatmaps",
    );
    expect(picture.maps.every((m) => m.pattern === "sign-flip")).toBe(true);
    const right = await run("backprop-gradients", readSolution("backprop-gradients", "correct"));
    expect(pictureOf(right.tests[0], "heatmaps").maps.every((m) => m.pattern === null && m.differs.flat().every((d) => !d))).toBe(true);
  });

  it("gathers named numbers into one row for the warm-up", async () => {
    const result = await run("backprop-warmup", "export function gradients(x: number, y: number, z: number) { return { dx: -z, dy: -z, dz: -(x + y) }; }");
    const picture: HeatmapPicture = pictureOf(result.tests[0], "heatmaps");
    expect(picture.maps).toHaveLength(1);
    expect(picture.maps[0]!.columns).toEqual(["dx", "dy", "dz"]);
    expect(picture.maps[0]!.pattern).toBe("sign-flip");
  });
});

describe("conv-maxpool", () => {
  it("measures the student's feature map and marks where it differs", async () => {
    const result = await run("conv-maxpool", readSolution("conv-maxpool", "flipped-kernel"));
    const failed = result.tests.find((t) => t.status === "failed" && (t.picture as ConvPicture | undefined)?.poolSize !== 1);
    const picture: ConvPicture = pictureOf(failed, "conv");
    expect(picture.featureMap.student).not.toBeNull();
    expect(picture.featureMap.differs!.flat().some(Boolean)).toBe(true);
    expect(picture.pooled.differs.flat().some(Boolean)).toBe(true);
    expect(picture.note).toBeUndefined();
  });
});

describe("function curves", () => {
  it("puts the student's derivative beside the curve's", async () => {
    const result = await run("activation-derivatives", readSolution("activation-derivatives", "sigmoid-derivative-is-sigmoid"));
    const picture: CurvesPicture = pictureOf(result.tests[0], "curves");
    expect(picture.panels.map((p) => p.title)).toEqual(["sigmoid(z)", "sigmoid′(z)"]);
    expect(picture.panels[0]!.points.every((p) => !p.differs)).toBe(true);
    expect(picture.panels[1]!.points.some((p) => p.differs)).toBe(true);
  });

  it("places a gradient-ascent step at t = −1 along the expected step", async () => {
    const result = await run("logistic-regression-step", readSolution("logistic-regression-step", "gradient-ascent"));
    const picture: CurvesPicture = pictureOf(result.tests[0], "curves");
    expect(picture.panels[0]!.studentPoints![0]!.x).toBeCloseTo(-1, 6);
    expect(picture.note).toMatch(/t = -1\.00/);
  });

  it("draws the softmax loss along the target's logit", async () => {
    const result = await run("softmax-cross-entropy", readSolution("softmax-cross-entropy", "gradient-sign-flipped"));
    const picture: CurvesPicture = pictureOf(result.tests[0], "curves");
    expect(picture.panels[0]!.points[0]!.differs).toBe(false);
    expect(picture.panels[1]!.points[0]!.differs).toBe(true);
  });
});

describe("stored pictures", () => {
  it("read back through the result schema, NaN as null", async () => {
    const result = await run("forward-pass", "export function forward(x: number[], layers: { b: number[] }[]) { return layers.at(-1)!.b.map(() => NaN); }");
    const stored = GradeResultSchema.parse(JSON.parse(JSON.stringify(result)));
    const picture: NetworkPicture = pictureOf(stored.tests[0], "network");
    expect(picture.layers.at(-1)!.units.every((u) => u.student === null && u.differs)).toBe(true);
  });

  it("drop a stored picture that no longer reads, keeping the result", () => {
    const result = { exerciseId: "x", seed: 1, mode: "run", verdict: "failed", score: 0, maxScore: 1, summary: "", hidden: { total: 0, passed: 0 }, redacted: false };
    const test = { name: "t", visibility: "visible", status: "failed", passed: false, points: 0, maxPoints: 1, message: "m", picture: { kind: "pie" } };
    const parsed = GradeResultSchema.parse({ ...result, tests: [test] });
    expect(parsed.tests[0]!.picture).toBeUndefined();
    expect(parsed.tests[0]!.message).toBe("m");
  });
});

describe("exercises:check and pictures", () => {
  it("reports a spec naming a picture that cannot draw its outputs, and accepts every spec of the bank", async () => {
    const cosine = getExercise("cosine-similarity");
    const misfit = { ...cosine, picture: "kmeans-step" as const };
    const { problems } = await checkSolutions(pool, misfit, [SEED]);
    const pictures = problems.filter((p) => p.check === "picture");
    expect(pictures.length).toBeGreaterThan(0);
    expect(pictures[0]!.message).toMatch(/the "kmeans-step" picture cannot draw visible test/);
    for (const id of ["kmeans-step", "forward-pass", "backprop-warmup"]) {
      const report = await checkSolutions(pool, getExercise(id), [SEED]);
      expect(report.problems.filter((p) => p.check === "picture")).toEqual([]);
    }
  });
});
