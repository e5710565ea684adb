/**
 * Seeded randomness for test-case generators: the same seed always gives the same cases,
 * and each student's seed gives that student's variant.
 */

/** FNV-1a over a string, for deriving independent seeds from labels. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Rng {
  #state: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.#state = this.seed;
  }

  /** An independent stream: adding cases to one stream never changes another's. */
  fork(label: string): Rng {
    return new Rng(hashString(`${this.seed}:${label}`));
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max), rounded to `decimals` places so inputs stay readable. */
  uniform(min: number, max: number, decimals = 2): number {
    const value = min + this.next() * (max - min);
    const factor = 10 ** decimals;
    // `+ 0` turns -0 into 0: a displayed "-0" would only confuse.
    return Math.round(value * factor) / factor + 0;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick: no items");
    return items[Math.floor(this.next() * items.length)]!;
  }

  bool(probability = 0.5): boolean {
    return this.next() < probability;
  }

  vector(length: number, min = -1, max = 1, decimals = 2): number[] {
    return Array.from({ length }, () => this.uniform(min, max, decimals));
  }

  matrix(rows: number, cols: number, min = -1, max = 1, decimals = 2): number[][] {
    return Array.from({ length: rows }, () => this.vector(cols, min, max, decimals));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}
