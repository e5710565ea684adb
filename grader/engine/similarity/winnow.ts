/**
 * Document fingerprints by winnowing, the method of MOSS: S. Schleimer, D. S. Wilkerson and
 * A. Aiken, "Winnowing: Local Algorithms for Document Fingerprinting", SIGMOD 2003.
 *
 * Every run of k consecutive tokens (a k-gram) is hashed; in every window of w consecutive
 * k-gram hashes the smallest is kept (the rightmost one on a tie, recorded once while it stays
 * the smallest). Two documents sharing a run of at least w + k − 1 tokens are then guaranteed to
 * share a fingerprint, and a run shorter than k tokens never counts (noise such as `id = id ;`).
 */
import type { Token } from "./tokens.ts";

export interface WinnowingParameters {
  /** Tokens per k-gram: shorter shared runs are noise. */
  readonly k: number;
  /** k-grams per window: every shared run of w + k − 1 tokens or more is found. */
  readonly w: number;
}

export interface Fingerprint {
  readonly hash: number;
  /** Index of the k-gram's first token. */
  readonly position: number;
}

const kindHashes = new Map<string, number>();

/** FNV-1a of a token kind: stable from run to run, so fingerprints are too. */
function kindHash(kind: string): number {
  let hash = kindHashes.get(kind);
  if (hash === undefined) {
    hash = 0x811c9dc5;
    for (let i = 0; i < kind.length; i++) hash = Math.imul(hash ^ kind.charCodeAt(i), 0x01000193);
    hash >>>= 0;
    kindHashes.set(kind, hash);
  }
  return hash;
}

/** MurmurHash3's finaliser: spreads the k-gram hashes so that "smallest in a window" is a fair draw. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The hash of every k-gram, in order (none when there are fewer than k tokens). */
export function kgramHashes(tokens: readonly Token[], k: number): number[] {
  const kinds = tokens.map((token) => kindHash(token.kind));
  const hashes: number[] = [];
  for (let start = 0; start + k <= kinds.length; start++) {
    let hash = 0;
    for (let j = start; j < start + k; j++) hash = (Math.imul(hash, 31) + kinds[j]!) >>> 0;
    hashes.push(mix(hash));
  }
  return hashes;
}

/** The winnowed fingerprints of a token list: at least one per window of w k-grams. */
export function winnow(tokens: readonly Token[], { k, w }: WinnowingParameters): Fingerprint[] {
  const hashes = kgramHashes(tokens, k);
  if (hashes.length === 0) return [];
  const window = Math.min(w, hashes.length);
  const fingerprints: Fingerprint[] = [];
  let chosen = -1;
  for (let end = window - 1; end < hashes.length; end++) {
    const start = end - window + 1;
    if (chosen < start) {
      // The previous minimum left the window: scan the whole window for the rightmost minimum.
      chosen = start;
      for (let i = start + 1; i <= end; i++) if (hashes[i]! <= hashes[chosen]!) chosen = i;
      fingerprints.push({ hash: hashes[chosen]!, position: chosen });
    } else if (hashes[end]! <= hashes[chosen]!) {
      chosen = end;
      fingerprints.push({ hash: hashes[chosen]!, position: chosen });
    }
  }
  return fingerprints;
}
