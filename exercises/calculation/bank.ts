/**
 * The built-in calculation exercises, and what every reader needs of one: its statement with a
 * student's values filled in, and its reference answers. Specs are validated on first use; a
 * broken one fails loudly with its id.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../spec/random.ts";
import { CalculationSpecSchema, type AnswerValue, type Calculation } from "./define.ts";
import forwardPassByHand from "./bank/forward-pass-by-hand/spec.ts";
import backpropOneWeight from "./bank/backprop-one-weight/spec.ts";
import kmeansStepByHand from "./bank/kmeans-step-by-hand/spec.ts";
import mlpParameterCountByHand from "./bank/mlp-parameters-by-hand/spec.ts";
import convolutionByHand from "./bank/convolution-by-hand/spec.ts";
import softmaxProbability from "./bank/softmax-probability/spec.ts";

const CALCULATIONS: readonly Calculation[] = [forwardPassByHand, backpropOneWeight, kmeansStepByHand, mlpParameterCountByHand, convolutionByHand, softmaxProbability];

let validated = false;

function validateAll(): void {
  if (validated) return;
  const seen = new Set<string>();
  for (const spec of CALCULATIONS) {
    const result = CalculationSpecSchema.safeParse(spec);
    if (!result.success) {
      throw new Error(`Calculation "${spec.id}" has an invalid spec:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    }
    const parts = new Set(spec.parts.map((p) => p.id));
    if (parts.size !== spec.parts.length) throw new Error(`Calculation "${spec.id}" has two parts with the same id`);
    if (seen.has(spec.id)) throw new Error(`Two calculations share the id "${spec.id}"`);
    seen.add(spec.id);
  }
  validated = true;
}

export function listCalculations(): readonly Calculation[] {
  validateAll();
  return CALCULATIONS;
}

export function findCalculation(id: string): Calculation | undefined {
  return listCalculations().find((spec) => spec.id === id);
}

/** The values of one seed: the same stream a code exercise's variant is drawn from. */
export function calculationValues(spec: Calculation, seed: number): unknown {
  return spec.values(new Rng(seed).fork("variant"));
}

/** The reference answer of every part for one seed, by part id. Server side only: never sent to a student. */
export function referenceAnswers(spec: Calculation, seed: number): Record<string, AnswerValue> {
  const values = calculationValues(spec, seed);
  return Object.fromEntries(spec.parts.map((part) => [part.id, part.solve(values)]));
}

const statements = new Map<string, string>();

/** The statement as written, placeholders and all. */
export function calculationStatementSource(id: string): string {
  const cached = statements.get(id);
  if (cached !== undefined) return cached;
  // Spelled out from process.cwd() so the bundler traces only the exercises folder.
  const path = join(process.cwd(), "exercises", "calculation", "bank", id, "statement.md");
  if (!existsSync(path)) throw new Error(`Calculation "${id}" is missing statement.md (looked for ${path})`);
  const text = readFileSync(path, "utf8");
  statements.set(id, text);
  return text;
}

/** The statement one student reads: their own values in every `{{name}}`, and nothing of anyone else's. */
export function calculationStatement(spec: Calculation, seed: number): string {
  const shown = spec.show(calculationValues(spec, seed));
  return calculationStatementSource(spec.id).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in shown ? String(shown[name]) : whole));
}
