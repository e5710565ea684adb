/** "Do not modify the inputs": a test whose call changed an argument loses its points, whatever it returned. */
import { describe, expect, it } from "vitest";
import { gradeSubmission } from "../../grader/engine/grade.ts";
import { solution } from "../support/solutions.ts";
import { getExercise } from "../../exercises/registry.ts";
import { poolForThisFile } from "../support/sandbox-pool.ts";

const pool = poolForThisFile({ size: 2 });

const grade = (exerciseId: string, source: string) => gradeSubmission(pool, { exercise: getExercise(exerciseId), source, seed: 5, mode: "submit", language: "typescript" });

const FORWARD_HEAD = "export function forward(x: number[], layers: Layer[]): number[] {";

describe("input mutation", () => {
  it("a forward pass that overwrites its input after computing the right answer gets no marks, naming the argument and where", async () => {
    const source = solution("forward-pass", "correct").replace(
      FORWARD_HEAD,
      `${FORWARD_HEAD}\n  const result = forwardPure(x, layers);\n  x.fill(0.5);\n  return result;\n}\nfunction forwardPure(x: number[], layers: Layer[]): number[] {`,
    );
    const result = await grade("forward-pass", source);
    expect(result.score).toBe(0);
    expect(result.verdict).toBe("failed");
    for (const test of result.tests) {
      expect(test.status).toBe("failed");
      expect(test.message).toBe("Your function changed its argument `x` (at x[0]); return new arrays instead of modifying the inputs.");
    }
  });

  it("reports the path into nested inputs", async () => {
    const source = solution("forward-pass", "correct").replace(
      FORWARD_HEAD,
      `${FORWARD_HEAD}\n  const last = layers[layers.length - 1]!;\n  try { return forwardPure(x, layers); } finally { last.W[0]![1] = 99; }\n}\nfunction forwardPure(x: number[], layers: Layer[]): number[] {`,
    );
    const result = await grade("forward-pass", source);
    const test = result.tests.find((t) => t.visibility === "visible")!;
    expect(test.message).toMatch(/^Your function changed its argument `layers` \(at layers\[\d+\]\.W\[0\]\[1\]\); return new arrays instead of modifying the inputs\.$/);
    expect(result.score).toBe(0);
  });

  it("an otherwise correct k-means step that moves the given centroids in place gets no marks", async () => {
    const source = solution("kmeans-step", "correct").replace(
      "  return { assignments, centroids: updated };",
      "  updated.forEach((c, k) => c.forEach((v, i) => { centroids[k]![i] = v; }));\n  return { assignments, centroids: updated };",
    );
    const result = await grade("kmeans-step", source);
    expect(result.score).toBe(0);
    const test = result.tests[0]!;
    expect(test.status).toBe("failed");
    expect(test.message).toMatch(/^Your function changed its argument `centroids` \(at centroids\[\d+\]\[\d+\]\); return new arrays instead of modifying the inputs\.$/);
    // The returned value itself was right: only the mutation cost the marks.
    expect(test.got).toBe(test.expected);
    const untouched = await grade("kmeans-step", solution("kmeans-step", "correct"));
    expect(untouched.score).toBe(untouched.maxScore);
  });

  it("adding a property, replacing an element with a getter, or changing a length all count as changes", async () => {
    const cases: [string, RegExp][] = [
      ["(layers[0] as unknown as { cache: number }).cache = 1;", /argument `layers` \(at layers\[0\]\)/],
      ["Object.defineProperty(x, 0, { get: () => 1, configurable: true });", /argument `x` \(at x\[0\]\)/],
      ["x.length = 0;", /argument `x`; return new arrays/],
      ["x.push(1);", /argument `x`/],
    ];
    for (const [mutation, message] of cases) {
      const source = solution("forward-pass", "correct").replace(
        FORWARD_HEAD,
        `${FORWARD_HEAD}\n  const result = forwardPure(x, layers);\n  ${mutation}\n  return result;\n}\nfunction forwardPure(x: number[], layers: Layer[]): number[] {`,
      );
      const result = await grade("forward-pass", source);
      expect(result.tests[0]!.message, mutation).toMatch(message);
      expect(result.score, mutation).toBe(0);
    }
  });

  it("a Proxy trap that loops while the inputs are compared is stopped by the time limit", async () => {
    const source = solution("forward-pass", "correct").replace(
      FORWARD_HEAD,
      `${FORWARD_HEAD}\n  const result = forwardPure(x, layers);\n  layers[0] = new Proxy(layers[0]!, { ownKeys() { for (;;) {} } });\n  return result;\n}\nfunction forwardPure(x: number[], layers: Layer[]): number[] {`,
    );
    const result = await gradeSubmission(pool, { exercise: getExercise("forward-pass"), source, seed: 5, mode: "run", language: "typescript" });
    expect(result.tests[0]!.status).toBe("timeout");
  });
});
