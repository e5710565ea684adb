import type { Database } from "../../prisma/client.ts";
import { completeRegrades, type ClaimedRegrade, type RegradeOutcome } from "../../prisma/queue.ts";
import type { GradeResult } from "../engine/result.ts";

/** Results written in one transaction at most: keeps a write short when thousands finish at once. */
const MAX_BATCH = 200;
/**
 * How long a result waits for others before it is written: results finish a few ms apart, and
 * each transaction costs the host's thread more than the rows in it. The page polls every second.
 */
const LINGER_MS = 100;

export interface RegradeWriterOptions {
  /** Runs a write the host must not lose (retried while the host runs). */
  readonly persist: <T>(what: string, write: () => Promise<T>) => Promise<T | undefined>;
  /** Called once a batch is written (or given up on because the host is stopping). */
  readonly onWritten: (claims: readonly ClaimedRegrade[]) => void;
}

/**
 * Group commit for regrade results: results that finish while a write is under way wait and go
 * together in the next one, so a regrade of a thousand entries costs tens of transactions, not
 * thousands, and the grading never waits for the database. Each result is still stored only by
 * the holder of its claim (completeRegrades checks the token).
 */
export class RegradeWriter {
  readonly #db: Database;
  readonly #options: RegradeWriterOptions;
  readonly #pending: RegradeOutcome[] = [];
  #writing: Promise<void> | null = null;

  constructor(db: Database, options: RegradeWriterOptions) {
    this.#db = db;
    this.#options = options;
  }

  add(claim: ClaimedRegrade, result: GradeResult, exerciseVersion: string | null): void {
    this.#pending.push({ claim, result, exerciseVersion });
    this.#writing ??= this.#writeAll().finally(() => (this.#writing = null));
    if (this.#pending.length >= MAX_BATCH) this.#lingering?.();
  }

  /** Resolves once every result added so far is written. */
  async drained(): Promise<void> {
    this.flushSoon();
    while (this.#writing) await this.#writing;
  }

  /** Ends the current wait for more results (a full batch, or the host is stopping). */
  #lingering: (() => void) | null = null;

  /** Writes what is pending now, without waiting for more (the host is stopping). */
  flushSoon(): void {
    this.#lingering?.();
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) {
      if (this.#pending.length < MAX_BATCH) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, LINGER_MS);
          this.#lingering = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#lingering = null;
      }
      const batch = this.#pending.splice(0, MAX_BATCH);
      await this.#options.persist(`storing ${batch.length} regrade result(s)`, () => completeRegrades(this.#db, batch));
      this.#options.onWritten(batch.map((outcome) => outcome.claim));
    }
  }
}
