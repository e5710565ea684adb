/**
 * Similarity reports on kmeans-step submissions: the renamed copy ranks first, honest solutions
 * that share only the starter rank low or not at all, the starter and reference are left out,
 * languages are compared within their family, and matches map back to line ranges.
 */
import { describe, expect, it } from "vitest";
import { exerciseFiles } from "../../../exercises/registry.ts";
import { loadSolution } from "../../../exercises/fixtures.ts";
import { DEFAULT_SIMILARITY_OPTIONS, matchingRegions, similarityReport, type SimilarityInput } from "../../../grader/engine/similarity/report.ts";
import * as fixtures from "../../support/similarity-submissions.ts";

const starter = exerciseFiles("kmeans-step").starters;
const bases: Omit<SimilarityInput, "id">[] = [
  { language: "typescript", code: starter.typescript },
  { language: "typescript", code: loadSolution("kmeans-step", "correct").source },
  { language: "python", code: starter.python },
];

const submissions: SimilarityInput[] = [
  { id: "original", language: "typescript", code: fixtures.COPY_ORIGINAL },
  { id: "renamed", language: "javascript", code: fixtures.COPY_RENAMED },
  { id: "loops", language: "typescript", code: fixtures.HONEST_LOOPS },
  { id: "helpers", language: "typescript", code: fixtures.HONEST_HELPERS },
  { id: "untouched", language: "typescript", code: starter.typescript },
  { id: "also-untouched", language: "typescript", code: starter.typescript },
  { id: "py-original", language: "python", code: fixtures.PYTHON_ORIGINAL },
  { id: "py-renamed", language: "python", code: fixtures.PYTHON_RENAMED },
];

const pairKey = (a: string, b: string) => [a, b].sort().join("+");

describe("similarity report", () => {
  const report = similarityReport(submissions, bases);
  const keys = report.pairs.map((p) => pairKey(p.a, p.b));

  it("ranks the renamed copies first, far above everything else", () => {
    expect(keys.slice(0, 2).sort()).toEqual([pairKey("original", "renamed"), pairKey("py-original", "py-renamed")].sort());
    const copy = report.pairs.find((p) => pairKey(p.a, p.b) === pairKey("original", "renamed"))!;
    expect(copy.score).toBeGreaterThan(0.8);
    expect(copy.shareOfA).toBeGreaterThan(0.8);
    expect(copy.shareOfB).toBeGreaterThan(0.8);
  });

  it("scores the honest pair that shares only the starter low", () => {
    const index = keys.indexOf(pairKey("loops", "helpers"));
    const honest = index === -1 ? 0 : report.pairs[index]!.score;
    expect(honest).toBeLessThan(0.15);
    for (const other of report.pairs.filter((p) => p.score >= 0.5)) expect(pairKey(other.a, other.b)).not.toBe(pairKey("loops", "helpers"));
  });

  it("leaves the starter out: two untouched starters share nothing, and have no fingerprints of their own", () => {
    expect(keys).not.toContain(pairKey("untouched", "also-untouched"));
    expect(report.fingerprints["untouched"]).toBe(0);
    // Without the exclusion they would be a perfect match.
    const without = similarityReport(submissions, []);
    expect(without.pairs[0]!.score).toBe(1);
    expect(without.pairs.map((p) => pairKey(p.a, p.b))).toContain(pairKey("untouched", "also-untouched"));
  });

  it("compares Python only with Python", () => {
    for (const pair of report.pairs) expect(pair.a.startsWith("py-")).toBe(pair.b.startsWith("py-"));
  });

  it("drops fingerprints that most submissions share as common idiom", () => {
    const crowd: SimilarityInput[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, language: "typescript", code: fixtures.HONEST_LOOPS }));
    const common = similarityReport(crowd, [], { ...DEFAULT_SIMILARITY_OPTIONS, commonShare: 0.5, commonMinimum: 3 });
    expect(common.pairs).toEqual([]);
    expect(common.commonFingerprints.script).toBeGreaterThan(0);
  });

  it("keeps at most maxPairs pairs", () => {
    expect(similarityReport(submissions, [], { ...DEFAULT_SIMILARITY_OPTIONS, maxPairs: 2 }).pairs).toHaveLength(2);
  });
});

describe("matching regions", () => {
  it("maps the copy's matches back to line ranges on both sides, in order", () => {
    const regions = matchingRegions({ language: "typescript", code: fixtures.COPY_ORIGINAL }, { language: "javascript", code: fixtures.COPY_RENAMED }, bases);
    expect(regions.length).toBeGreaterThan(0);
    const linesA = fixtures.COPY_ORIGINAL.split("\n").length;
    const covered = regions.reduce((sum, r) => sum + r.a.to - r.a.from + 1, 0);
    expect(covered).toBeGreaterThan(linesA * 0.8);
    for (let i = 1; i < regions.length; i++) expect(regions[i]!.a.from).toBeGreaterThan(regions[i - 1]!.a.to - 1);
    // The forEach that picks the nearest mean: lines 7–13 of the original, 7–14 of the copy (its reduce spans two lines there).
    expect(regions.some((r) => r.a.from <= 7 && r.a.to >= 13 && r.b.from <= 7 && r.b.to >= 14)).toBe(true);
    // `Infinity` against `Number.POSITIVE_INFINITY` on line 6 breaks the run: the first region ends there on both sides.
    expect(regions[0]).toMatchObject({ a: { from: 1 }, b: { from: 1 } });
  });

  it("finds nothing between an honest solution and the starter it was written into", () => {
    expect(matchingRegions({ language: "typescript", code: fixtures.HONEST_LOOPS }, { language: "typescript", code: starter.typescript }, bases)).toEqual([]);
  });

  it("finds nothing across language families", () => {
    expect(matchingRegions({ language: "python", code: fixtures.PYTHON_ORIGINAL }, { language: "typescript", code: fixtures.COPY_ORIGINAL }, [])).toEqual([]);
  });
});

describe("limits", () => {
  it("stays quick on a large file of one statement repeated, compared with itself", () => {
    const repeated = "total += values[i] * weights[i];\n".repeat(4000);
    const started = performance.now();
    const regions = matchingRegions({ language: "typescript", code: repeated }, { language: "typescript", code: repeated }, []);
    const report = similarityReport(
      [
        { id: "x", language: "typescript", code: repeated },
        { id: "y", language: "typescript", code: repeated },
      ],
      [],
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(regions[0]).toEqual({ a: { from: 1, to: 4000 }, b: { from: 1, to: 4000 }, tokens: 4000 * 11 });
    expect(report.pairs[0]!.score).toBe(1);
  });
});
