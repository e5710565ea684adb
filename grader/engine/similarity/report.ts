/**
 * Which submissions to one exercise are unusually alike, ranked, and where. Pure: it receives the
 * code (the submissions, and the starter and reference code to leave out) and returns numbers.
 *
 * Method (see winnow.ts): each submission becomes normalised tokens and winnowed fingerprints.
 * Left out before any comparison: every fingerprint that occurs anywhere in the starter or
 * the reference solution of the same language family (code everyone is given, or that a
 * correct answer converges to), and, as MOSS does, fingerprints found in so many submissions
 * that they are the exercise's common idiom rather than anyone's copy. Two submissions then
 * score by how much of each one's remaining fingerprints the other shares. TypeScript and
 * JavaScript are compared with each other; Python with Python.
 */
import type { Language } from "../../../exercises/spec/languages.ts";
import { languageFamily, tokenize, type LanguageFamily, type Token } from "./tokens.ts";
import { kgramHashes, winnow, type WinnowingParameters } from "./winnow.ts";

export interface SimilarityOptions extends WinnowingParameters {
  /** A fingerprint in more than this share of a family's submissions is common idiom. */
  readonly commonShare: number;
  /** …but only once it is in at least this many submissions (small classes share little by chance). */
  readonly commonMinimum: number;
  /** How many pairs the report keeps, best first. */
  readonly maxPairs: number;
}

/**
 * k = 12 tokens is about one statement of normalised code (`let id = id . id ( id => id * lit )`
 * is 12): a shared statement or two proves nothing, longer shared runs start to. With w = 8,
 * every shared run of 19 tokens or more (about two lines) is found.
 */
export const DEFAULT_SIMILARITY_OPTIONS: SimilarityOptions = { k: 12, w: 8, commonShare: 0.1, commonMinimum: 5, maxPairs: 100 };

export interface SimilarityInput {
  readonly id: string;
  readonly language: Language;
  readonly code: string;
}

export interface SimilarityPair {
  readonly a: string;
  readonly b: string;
  readonly family: LanguageFamily;
  /** Distinct fingerprints the two share (starter, reference and common idiom left out). */
  readonly shared: number;
  /** Shares of a's and b's own fingerprints found in the other, 0–1. */
  readonly shareOfA: number;
  readonly shareOfB: number;
  /** The ranking score: the mean of the two shares, 0–1. */
  readonly score: number;
}

export interface SimilarityReport {
  readonly pairs: readonly SimilarityPair[];
  /** Per submission: fingerprints left after the exclusions (0: nothing of its own, e.g. the untouched starter). */
  readonly fingerprints: Readonly<Record<string, number>>;
  /** Fingerprints dropped as common idiom, per family. */
  readonly commonFingerprints: Readonly<Record<LanguageFamily, number>>;
  readonly options: SimilarityOptions;
}

interface Prepared {
  readonly id: string;
  readonly family: LanguageFamily;
  readonly hashes: ReadonlySet<number>;
}

/** Every k-gram hash of the base code (starter, reference), per family: never evidence of copying. */
function baseHashes(bases: readonly Omit<SimilarityInput, "id">[], k: number): Map<LanguageFamily, Set<number>> {
  const byFamily = new Map<LanguageFamily, Set<number>>();
  for (const base of bases) {
    const family = languageFamily(base.language);
    const set = byFamily.get(family) ?? new Set<number>();
    for (const hash of kgramHashes(tokenize(base.language, base.code), k)) set.add(hash);
    byFamily.set(family, set);
  }
  return byFamily;
}

export function similarityReport(
  submissions: readonly SimilarityInput[],
  bases: readonly Omit<SimilarityInput, "id">[],
  options: SimilarityOptions = DEFAULT_SIMILARITY_OPTIONS,
): SimilarityReport {
  const excluded = baseHashes(bases, options.k);
  const prepared: Prepared[] = submissions.map(({ id, language, code }) => {
    const family = languageFamily(language);
    const base = excluded.get(family);
    const hashes = new Set<number>();
    for (const { hash } of winnow(tokenize(language, code), options)) if (!base?.has(hash)) hashes.add(hash);
    return { id, family, hashes };
  });

  const pairs: SimilarityPair[] = [];
  const fingerprints: Record<string, number> = {};
  const commonFingerprints: Record<LanguageFamily, number> = { script: 0, python: 0 };
  for (const family of ["script", "python"] as const) {
    const members = prepared.filter((p) => p.family === family);
    const postings = new Map<number, number[]>();
    members.forEach((member, index) => {
      for (const hash of member.hashes) {
        const list = postings.get(hash);
        if (list) list.push(index);
        else postings.set(hash, [index]);
      }
    });
    const cutoff = Math.max(options.commonMinimum, Math.ceil(options.commonShare * members.length));
    const own = new Array<number>(members.length).fill(0);
    // Shared fingerprints per pair, counted from the postings: a pair that shares nothing costs nothing.
    const sharedCounts = new Map<number, number>();
    for (const list of postings.values()) {
      if (list.length > cutoff) {
        commonFingerprints[family]++;
        continue;
      }
      for (const index of list) own[index]!++;
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const key = list[x]! * members.length + list[y]!;
          sharedCounts.set(key, (sharedCounts.get(key) ?? 0) + 1);
        }
      }
    }
    members.forEach((member, index) => (fingerprints[member.id] = own[index]!));
    for (const [key, shared] of sharedCounts) {
      const i = Math.floor(key / members.length);
      const j = key % members.length;
      const shareOfA = shared / own[i]!;
      const shareOfB = shared / own[j]!;
      pairs.push({ a: members[i]!.id, b: members[j]!.id, family, shared, shareOfA, shareOfB, score: (shareOfA + shareOfB) / 2 });
    }
  }
  pairs.sort((x, y) => y.score - x.score || y.shared - x.shared || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  return { pairs: pairs.slice(0, options.maxPairs), fingerprints, commonFingerprints, options };
}

export interface LineRange {
  readonly from: number;
  readonly to: number;
}

/** A run of identical normalised tokens in both submissions, as lines of each. */
export interface MatchRegion {
  readonly a: LineRange;
  readonly b: LineRange;
  readonly tokens: number;
}

interface Run {
  readonly a: number;
  readonly b: number;
  readonly length: number;
}

/**
 * The matching regions of two submissions for a side-by-side view: starting from each shared
 * fingerprint (starter and reference ones left out), the longest run of equal tokens around it;
 * runs are kept longest first as long as they overlap no kept run on either side (greedy tiling),
 * then listed in the order of the first submission.
 */
export function matchingRegions(
  a: Omit<SimilarityInput, "id">,
  b: Omit<SimilarityInput, "id">,
  bases: readonly Omit<SimilarityInput, "id">[],
  options: WinnowingParameters = DEFAULT_SIMILARITY_OPTIONS,
): MatchRegion[] {
  const family = languageFamily(a.language);
  if (languageFamily(b.language) !== family) return [];
  const base = baseHashes(bases, options.k).get(family);
  const tokensA = tokenize(a.language, a.code);
  const tokensB = tokenize(b.language, b.code);
  const printsB = new Map<number, number[]>();
  for (const { hash, position } of winnow(tokensB, options)) {
    if (base?.has(hash)) continue;
    const list = printsB.get(hash);
    if (list) list.push(position);
    else printsB.set(hash, [position]);
  }
  const runs: Run[] = [];
  // Tokens of a already inside a found run: an anchor there would find the same region again
  // (or one the tiling below would drop for overlapping it), so it is skipped.
  const covered = new Uint8Array(tokensA.length);
  for (const { hash, position } of winnow(tokensA, options)) {
    if (base?.has(hash) || covered[position]) continue;
    // Code repeated many times over (a pasted block) would make anchors multiply: a few places suffice.
    const found: Run[] = [];
    for (const other of (printsB.get(hash) ?? []).slice(0, MAX_ANCHORS_PER_FINGERPRINT)) {
      const run = extendRun(tokensA, tokensB, position, other);
      if (run.length >= options.k) found.push(run); // shorter: a hash collision, not a match
    }
    for (const run of found) covered.fill(1, run.a, run.a + run.length);
    runs.push(...found);
  }
  runs.sort((x, y) => y.length - x.length || x.a - y.a);
  const usedA = new Uint8Array(tokensA.length);
  const usedB = new Uint8Array(tokensB.length);
  const kept: Run[] = [];
  for (const run of runs) {
    let free = true;
    for (let i = 0; i < run.length && free; i++) free = !usedA[run.a + i] && !usedB[run.b + i];
    if (!free) continue;
    usedA.fill(1, run.a, run.a + run.length);
    usedB.fill(1, run.b, run.b + run.length);
    kept.push(run);
  }
  kept.sort((x, y) => x.a - y.a);
  return kept.map((run) => ({ a: lines(tokensA, run.a, run.length), b: lines(tokensB, run.b, run.length), tokens: run.length }));
}

const MAX_ANCHORS_PER_FINGERPRINT = 16;

function extendRun(a: readonly Token[], b: readonly Token[], i: number, j: number): Run {
  let start = 0;
  while (i - start - 1 >= 0 && j - start - 1 >= 0 && a[i - start - 1]!.kind === b[j - start - 1]!.kind) start++;
  let end = 0;
  while (i + end < a.length && j + end < b.length && a[i + end]!.kind === b[j + end]!.kind) end++;
  return { a: i - start, b: j - start, length: start + end };
}

function lines(tokens: readonly Token[], start: number, length: number): LineRange {
  return { from: tokens[start]!.line, to: tokens[start + length - 1]!.endLine };
}
