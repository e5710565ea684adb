/** Plain-text rendering of a result, for the command line. */
import type { Variant } from "../../exercises/spec/define.ts";
import type { GradeResult, TestResult } from "./result.ts";

const MARKS: Record<TestResult["status"], string> = {
  passed: "PASS",
  failed: "FAIL",
  runtime_error: "ERROR",
  timeout: "TIME",
  memory_limit: "MEM",
  invalid_output: "INVALID",
  not_run: "SKIP",
};

function indent(text: string, prefix = "      "): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

/** Variant parameters named after a Greek letter are shown as the letter, as the statements write them. */
const GREEK: Readonly<Record<string, string>> = { alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", eta: "η", lambda: "λ", mu: "μ", sigma: "σ", tau: "τ" };

/** `λ = 0.05, k = 3`: the values this seed's statement shows the student. */
export function describeVariant(variant: Variant): string {
  return Object.entries(variant)
    .map(([name, value]) => `${GREEK[name] ?? name} = ${typeof value === "string" ? JSON.stringify(value) : String(value)}`)
    .join(", ");
}

/** `variant`: the parameters of the seed graded, for exercises whose statement varies by student. */
export function renderReport(result: GradeResult, variant: Variant = {}): string {
  const lines: string[] = [];
  lines.push(
    `${result.exerciseId} (seed ${result.seed}, ${result.mode}): ${result.verdict.toUpperCase().replace("_", " ")}, score ${formatScore(result.score)}/${formatScore(result.maxScore)}`,
  );
  if (Object.keys(variant).length > 0) lines.push(`Variant: ${describeVariant(variant)}`);
  lines.push(result.summary);
  if (result.error) {
    const at = result.error.location && result.error.location.line > 0 ? ` [line ${result.error.location.line}, column ${result.error.location.column}]` : "";
    lines.push(`  ${result.error.message}${at}`);
  }
  if (result.loadLogs) lines.push("  console output while loading:", indent(result.loadLogs.trimEnd()));
  lines.push("");
  for (const test of result.tests) {
    lines.push(`  ${MARKS[test.status].padEnd(7)} ${test.visibility === "hidden" ? "(hidden) " : ""}${test.name}  [${formatScore(test.points)}/${formatScore(test.maxPoints)}]`);
    if (test.status !== "passed") {
      if (test.input) lines.push(indent(`call:     ${test.input}`));
      if (test.expected && test.status === "failed") lines.push(indent(`expected: ${test.expected}`));
      if (test.got && test.status === "failed") lines.push(indent(`got:      ${test.got}`));
      if (test.status !== "not_run" || result.tests.every((t) => t.status === "not_run") === false) lines.push(indent(test.message));
      if (test.hint) lines.push(indent(`hint: ${test.hint}`));
      if (test.traceback) lines.push(indent(test.traceback.trimEnd()));
    }
    if (test.logs) lines.push(indent("console:"), indent(test.logs.trimEnd(), "        "));
  }
  if (result.hidden.total > 0) lines.push("", `Hidden tests: ${result.hidden.passed} of ${result.hidden.total} passed.`);
  if (result.timing) lines.push(`Graded in ${result.timing.totalMs.toFixed(1)} ms.`);
  return lines.join("\n");
}

function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
