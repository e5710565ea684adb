/**
 * Nothing of a hidden test reaches a picture: not its data, not its SVG, not its text
 * alternative. Every exercise is graded (Submit: visible and hidden tests) with its correct
 * solution, every mistake and code that hoards the inputs it sees to return them later.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TestPicture } from "../../app/_components/pictures/test-picture.tsx";
import { listSolutions, readSolution } from "../../exercises/fixtures.ts";
import { listExercises } from "../../exercises/registry.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import type { GradeResult } from "../../grader/engine/result.ts";
import { redactForStudent } from "../../grader/engine/student-view.ts";
import { hiddenTestSecrets, leaksIn } from "../support/secrets.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 2 });
const SEED = 11;

/** Every non-integer number moved a little: hidden inputs that differ from the real ones everywhere it is safe to change them. */
function nudge(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : value + 0.125;
  if (Array.isArray(value)) return value.map(nudge);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nudge(v)]));
  return value;
}

/** The same exercise with other hidden inputs (and so other expected values): the visible tests are untouched. */
function withOtherHiddenTests(exercise: Exercise): Exercise {
  return {
    ...exercise,
    // Another id, so the cases cache keeps the two apart.
    id: `${exercise.id}-other-hidden`,
    cases: (rng, variant) => {
      const set = exercise.cases(rng, variant);
      return { visible: set.visible, hidden: set.hidden.map((c) => ({ ...c, args: nudge(c.args) as readonly unknown[] })) };
    },
  };
}

/** The text a reader or a screen reader gets from the markup: text nodes and aria-labels (not coordinates). */
function readableText(html: string): string {
  const labels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  return `${html.replace(/<[^>]*>/g, " ")}\n${labels.join("\n")}`;
}

async function checkSubmission(exercise: Exercise, label: string, source: string): Promise<GradeResult> {
  const result = await gradeSubmission(pool, { exercise, source, seed: SEED, mode: "submit" });
  const other = await gradeSubmission(pool, { exercise: withOtherHiddenTests(exercise), source, seed: SEED, mode: "submit" });
  // The comparison means something only where the hidden inputs did change (every exercise with a picture has real-valued inputs).
  if (exercise.picture) {
    const argsOf = (e: Exercise) => prepareCases(e, SEED).hidden.map((c) => c.argsJson);
    expect(argsOf(withOtherHiddenTests(exercise))).not.toEqual(argsOf(exercise));
  }
  const picturesOf = (r: GradeResult) => JSON.stringify(redactForStudent(r).tests.map((t) => t.picture ?? null));
  // Non-interference: other hidden tests, the same pictures, to the last digit.
  expect(picturesOf(other), `${label}: pictures that change with the hidden tests`).toBe(picturesOf(result));
  checkResult(exercise.id, label, result);
  return result;
}

function checkResult(exerciseId: string, label: string, result: GradeResult): void {
  const hidden = result.tests.filter((t) => t.visibility === "hidden");
  expect(hidden.length, `${exerciseId}: Submit runs hidden tests`).toBeGreaterThan(0);
  expect(
    hidden.filter((t) => t.picture !== undefined).map((t) => t.name),
    `${label}: hidden tests with a picture`,
  ).toEqual([]);
  const view = redactForStudent(result);
  expect(view.tests.filter((t) => t.visibility === "hidden" && t.picture !== undefined)).toEqual([]);
  const pictures = view.tests.flatMap((t) => (t.picture ? [t.picture] : []));
  expect(pictures.length, `${label}: visible tests drawn`).toBeLessThanOrEqual(view.tests.length - hidden.length);
  const html = pictures.map((picture) => renderToStaticMarkup(createElement(TestPicture, { picture }))).join("\n");
  const secrets = hiddenTestSecrets(exerciseId, SEED);
  expect(leaksIn(readableText(html), secrets), `${label}: hidden data in a picture's SVG text or its table`).toEqual([]);
}

/** Returns the most recent inputs it was called with, as many as the answer has entries: wrong, and made of whatever it saw last. */
const HOARDERS: Record<string, string> = {
  "forward-pass": `const seen: number[] = [];
export function forward(x: number[], layers: { W: number[][] }[]): number[] {
  for (const l of layers) for (const row of l.W) seen.push(...row);
  seen.push(...x);
  return layers.at(-1)!.W.map((_, i) => seen[seen.length - 1 - i]!);
}`,
  "conv-maxpool": `const seen: number[] = [];
export function convMaxPool(image: number[][], kernel: number[][], poolSize: number): number[][] {
  seen.push(...image.flat(), ...kernel.flat());
  const rows = Math.floor((image.length - kernel.length + 1) / poolSize);
  const cols = Math.floor((image[0]!.length - kernel[0]!.length + 1) / poolSize);
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => seen[seen.length - 1 - i * cols - j]!));
}`,
};

describe("pictures never carry a hidden test", () => {
  for (const exercise of listExercises()) {
    it(`${exercise.id}: correct solution and every mistake`, async () => {
      let drawn = 0;
      for (const name of listSolutions(exercise.id)) {
        const result = await checkSubmission(exercise, `${exercise.id}/${name}`, readSolution(exercise.id, name));
        drawn += result.tests.filter((t) => t.picture !== undefined).length;
      }
      // The check looked at real pictures wherever the exercise names one.
      if (exercise.picture) expect(drawn).toBeGreaterThan(0);
      else expect(drawn).toBe(0);
    });
  }

  for (const [exerciseId, source] of Object.entries(HOARDERS)) {
    it(`${exerciseId}: code that keeps the inputs it saw cannot show a hidden one in a picture of its inner values`, async () => {
      const exercise = listExercises().find((e) => e.id === exerciseId)!;
      const result = await checkSubmission(exercise, `${exerciseId}/hoarder`, source);
      expect(result.tests.filter((t) => t.visibility === "visible").every((t) => t.status === "failed")).toBe(true);
      // Inner values were measured, so the check is about them.
      const measured = result.tests.some((t) =>
        t.picture?.kind === "network" ? t.picture.note === undefined && t.picture.layers.length > 2 : t.picture?.kind === "conv" && t.picture.featureMap.student !== null,
      );
      expect(measured).toBe(true);
    });
  }
});
