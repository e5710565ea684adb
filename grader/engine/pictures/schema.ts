/**
 * The data of a test's picture, as stored with a result and drawn by the app. Only visible tests
 * carry one. Student values that are not finite numbers (NaN, ±Infinity) are stored as null:
 * JSON has no NaN, and a drawing shows them as "not a number" rather than guessing a colour.
 */
import { z } from "zod";

const Value = z.number().nullable();
const Point = z.tuple([z.number(), z.number()]);
const Matrix = z.array(z.array(z.number()));
const StudentMatrix = z.array(z.array(Value));

export const ScatterPictureSchema = z.strictObject({
  kind: z.literal("kmeans"),
  /** Dimensions of the points; above two, the plot shows the first two coordinates. */
  dims: z.number().int().min(1),
  points: z.array(Point),
  centroids: z.array(Point),
  expected: z.strictObject({ assignments: z.array(z.number().int()), centroids: z.array(Point) }),
  /** The student's assignment and centroids, when they can be drawn. */
  student: z.strictObject({ assignments: z.array(z.number().int()), centroids: z.array(Point.nullable()) }),
  /** Indices of the points the student assigned differently: ringed in the student's plot. */
  differing: z.array(z.number().int()),
  /** True when the centroids move (one k-means step); false when the centroids are given. */
  moves: z.boolean(),
  /** The objective, when the output is one (the within-cluster sum of squares). */
  objective: z.strictObject({ student: Value, expected: z.number(), differs: z.boolean() }).optional(),
});

const Unit = z.strictObject({ student: Value.optional(), expected: z.number(), differs: z.boolean() });

export const NetworkPictureSchema = z.strictObject({
  kind: z.literal("network"),
  layers: z.array(z.strictObject({ label: z.string(), units: z.array(Unit) })),
  /** Index in `layers` of the first layer with a unit that differs; null when none does. */
  firstWrongLayer: z.number().int().nullable(),
  /** Numbers beside the network (a loss), compared the same way. */
  extras: z.array(z.strictObject({ label: z.string(), student: Value, expected: z.number(), differs: z.boolean() })),
  /** Why some layers show no student values. */
  note: z.string().optional(),
});

export const GRID_PATTERNS = ["sign-flip", "transposed", "swapped"] as const;

export const HeatmapPictureSchema = z.strictObject({
  kind: z.literal("heatmaps"),
  maps: z.array(
    z.strictObject({
      name: z.string(),
      /** Column labels, for maps gathered from named numbers (dx, dy, dz). */
      columns: z.array(z.string()).optional(),
      expected: Matrix,
      student: StudentMatrix,
      differs: z.array(z.array(z.boolean())),
      pattern: z.enum(GRID_PATTERNS).nullable(),
      /** The pattern in words, e.g. "Your dW1 is the transpose of the expected dW1." */
      patternText: z.string().optional(),
    }),
  ),
});

export const ConvPictureSchema = z.strictObject({
  kind: z.literal("conv"),
  image: Matrix,
  kernel: Matrix,
  poolSize: z.number().int().min(1),
  featureMap: z.strictObject({ expected: Matrix, student: StudentMatrix.nullable(), differs: z.array(z.array(z.boolean())).nullable() }),
  pooled: z.strictObject({ expected: Matrix, student: StudentMatrix, differs: z.array(z.array(z.boolean())) }),
  note: z.string().optional(),
});

export const CurvesPictureSchema = z.strictObject({
  kind: z.literal("curves"),
  panels: z.array(
    z.strictObject({
      title: z.string(),
      xLabel: z.string(),
      yLabel: z.string(),
      curve: z.array(Point),
      points: z.array(z.strictObject({ label: z.string(), x: z.number(), student: Value.optional(), expected: z.number(), differs: z.boolean() })),
      /** A student's point off the x-axis positions of the expected ones (e.g. where their step landed). */
      studentPoints: z.array(z.strictObject({ label: z.string(), x: z.number(), y: z.number() })).optional(),
    }),
  ),
  note: z.string().optional(),
});

/** No picture for this test, and why (a wrong shape, no returned value). */
export const NoPictureSchema = z.strictObject({ kind: z.literal("none"), reason: z.string() });

export const PictureSchema = z.discriminatedUnion("kind", [
  ScatterPictureSchema,
  NetworkPictureSchema,
  HeatmapPictureSchema,
  ConvPictureSchema,
  CurvesPictureSchema,
  NoPictureSchema,
]);

export type Picture = z.infer<typeof PictureSchema>;
export type ScatterPicture = z.infer<typeof ScatterPictureSchema>;
export type NetworkPicture = z.infer<typeof NetworkPictureSchema>;
export type HeatmapPicture = z.infer<typeof HeatmapPictureSchema>;
export type ConvPicture = z.infer<typeof ConvPictureSchema>;
export type CurvesPicture = z.infer<typeof CurvesPictureSchema>;
