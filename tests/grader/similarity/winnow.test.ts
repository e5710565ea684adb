/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003): the guarantee (a shared run of w + k − 1 tokens
 * always shares a fingerprint), the noise threshold (runs shorter than k never do), and the
 * density bound (at least one fingerprint per window).
 */
import { describe, expect, it } from "vitest";
import type { Token } from "../../../grader/engine/similarity/tokens.ts";
import { kgramHashes, winnow } from "../../../grader/engine/similarity/winnow.ts";

/** Pseudo-random token kinds from a seed, so runs are distinctive. */
function tokens(seed: number, count: number): Token[] {
  let state = seed;
  return Array.from({ length: count }, (_, i) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return { kind: `t${state % 40}`, line: i + 1, endLine: i + 1 };
  });
}

describe("k-gram hashes", () => {
  it("hash each run of k tokens by its kinds only, never by lines", () => {
    const a = tokens(1, 30);
    const moved = a.map((t) => ({ ...t, line: t.line + 100, endLine: t.endLine + 100 }));
    expect(kgramHashes(a, 5)).toHaveLength(26);
    expect(kgramHashes(moved, 5)).toEqual(kgramHashes(a, 5));
    expect(kgramHashes(a.slice(0, 4), 5)).toEqual([]);
  });
});

describe("winnowing", () => {
  const k = 5;
  const w = 4;

  it("picks at least one fingerprint in every window of w k-grams, each the window's minimum", () => {
    const doc = tokens(7, 200);
    const hashes = kgramHashes(doc, k);
    const prints = winnow(doc, { k, w });
    for (let start = 0; start + w <= hashes.length; start++) {
      const inWindow = prints.filter((p) => p.position >= start && p.position < start + w);
      expect(inWindow.length).toBeGreaterThan(0);
      expect(inWindow.some((p) => p.hash === Math.min(...hashes.slice(start, start + w)))).toBe(true);
    }
    // Far fewer fingerprints than k-grams: the point of winnowing.
    expect(prints.length).toBeLessThan(hashes.length * 0.6);
  });

  it("finds any shared run of w + k − 1 tokens, wherever it sits in each document", () => {
    const shared = tokens(99, w + k - 1);
    for (let trial = 0; trial < 20; trial++) {
      const a = [...tokens(trial * 2 + 1, 10 + trial), ...shared, ...tokens(trial * 2 + 2, 15)];
      const b = [...tokens(trial * 3 + 500, 3 + trial * 2), ...shared, ...tokens(trial + 900, 8)];
      const hashesA = new Set(winnow(a, { k, w }).map((p) => p.hash));
      expect(winnow(b, { k, w }).some((p) => hashesA.has(p.hash))).toBe(true);
    }
  });

  it("never matches on a shared run shorter than k tokens", () => {
    const shortRun = tokens(42, k - 1);
    const a = [...Array.from({ length: 20 }, (_, i) => ({ kind: "a", line: i, endLine: i })), ...shortRun];
    const b = [...shortRun, ...Array.from({ length: 20 }, (_, i) => ({ kind: "b", line: i, endLine: i }))];
    const hashesA = new Set(winnow(a, { k, w }).map((p) => p.hash));
    expect(winnow(b, { k, w }).filter((p) => hashesA.has(p.hash))).toEqual([]);
  });

  it("gives a document shorter than a window its single smallest k-gram, and none below k tokens", () => {
    const doc = tokens(3, k + 1);
    const hashes = kgramHashes(doc, k);
    expect(winnow(doc, { k, w })).toEqual([{ hash: Math.min(...hashes), position: hashes.indexOf(Math.min(...hashes)) }]);
    expect(winnow(tokens(3, k - 1), { k, w })).toEqual([]);
  });
});
