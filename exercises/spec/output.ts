import { z } from "zod";

/** How a returned value is compared with the reference's. */
export type OutputSpec =
  | { readonly kind: "number"; readonly rtol?: number; readonly atol?: number }
  | { readonly kind: "integer" }
  | { readonly kind: "boolean" }
  | { readonly kind: "array"; readonly items: OutputSpec }
  | { readonly kind: "object"; readonly fields: Readonly<Record<string, OutputSpec>> };

/** Defaults for real-valued outputs: |got − expected| ≤ atol + rtol·|expected| (numpy's isclose). */
export const DEFAULT_RTOL = 1e-6;
export const DEFAULT_ATOL = 1e-9;

export const OutputSpecSchema: z.ZodType<OutputSpec> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z
      .strictObject({
        kind: z.literal("number").describe("A real number compared within a tolerance."),
        rtol: z.number().min(0).max(0.1).optional().describe(`Relative tolerance; default ${DEFAULT_RTOL}.`),
        atol: z.number().min(0).max(0.1).optional().describe(`Absolute tolerance; default ${DEFAULT_ATOL}.`),
      })
      .describe("Real-valued output"),
    z.strictObject({ kind: z.literal("integer").describe("An integer compared exactly (counts, indices).") }),
    z.strictObject({ kind: z.literal("boolean").describe("true or false, compared exactly.") }),
    z.strictObject({
      kind: z.literal("array").describe("An array whose length must equal the reference's."),
      items: OutputSpecSchema.describe("How each element is compared."),
    }),
    z.strictObject({
      kind: z.literal("object").describe("An object with exactly these fields (extra fields are ignored)."),
      fields: z.record(z.string().regex(/^[A-Za-z_$][\w$]*$/), OutputSpecSchema).describe("Field name → how it is compared."),
    }),
  ]),
);

/** Convenience builders used by specs. */
export const out = {
  number: (tolerance: { rtol?: number; atol?: number } = {}): OutputSpec => ({ kind: "number", ...tolerance }),
  integer: (): OutputSpec => ({ kind: "integer" }),
  boolean: (): OutputSpec => ({ kind: "boolean" }),
  array: (items: OutputSpec): OutputSpec => ({ kind: "array", items }),
  vector: (tolerance: { rtol?: number; atol?: number } = {}): OutputSpec => ({ kind: "array", items: { kind: "number", ...tolerance } }),
  matrix: (tolerance: { rtol?: number; atol?: number } = {}): OutputSpec => ({
    kind: "array",
    items: { kind: "array", items: { kind: "number", ...tolerance } },
  }),
  object: (fields: Record<string, OutputSpec>): OutputSpec => ({ kind: "object", fields }),
};
