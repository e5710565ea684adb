import "server-only";
import { connect, type Socket } from "node:net";
import { inBatches } from "../../prisma/batches.ts";
import { channelPath, encodeMessage, messageReader } from "../../prisma/channel.ts";
import { PostgresWakeUps } from "../../prisma/wakeups.ts";
import { databaseProvider, databaseUrl, env } from "../../config.ts";
import { database } from "./db.ts";

/**
 * While requests wait for verdicts, one query this often finds which of their submissions are
 * graded: a wake-up that never came (the line was down, or another host graded it) costs at
 * most this long, and waiting costs one query for all waiting requests instead of one each.
 */
const SWEEP_MS = 250;

/**
 * The web server's end of the wake-up line to the grader hosts: wakes them when a submission is
 * queued, and wakes a waiting request when its submission is graded. On SQLite that is the Unix
 * socket of the one local host (prisma/channel.ts); on PostgreSQL, LISTEN/NOTIFY, which reaches
 * hosts on any machine (prisma/wakeups.ts). When the line is down, everything still works by
 * polling, only slower: one query a sweep for every waiting request (SWEEP_MS).
 */
class GraderChannel {
  #socket: Socket | null = null;
  #nextAttempt = 0;
  readonly #waiters = new Map<string, Set<() => void>>();
  #sweep: NodeJS.Timeout | null = null;
  readonly #postgres: PostgresWakeUps | null = databaseProvider(databaseUrl()) === "postgresql" ? new PostgresWakeUps(databaseUrl(), { onGraded: (id) => this.#graded(id) }) : null;

  #graded(id: string): void {
    const waiting = this.#waiters.get(id);
    this.#waiters.delete(id);
    for (const wake of waiting ?? []) wake();
  }

  #connection(): Socket | null {
    if (this.#postgres) return null;
    if (this.#socket && !this.#socket.destroyed) return this.#socket;
    if (Date.now() < this.#nextAttempt) return null;
    this.#nextAttempt = Date.now() + 1000;
    const socket = connect(channelPath(env().EPOCH_DATA_DIR));
    socket.on(
      "data",
      messageReader((message) => message.type === "graded" && this.#graded(message.id)),
    );
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      if (this.#socket === socket) this.#socket = null;
    });
    socket.unref();
    this.#socket = socket;
    return socket;
  }

  notifyQueued(): void {
    this.#postgres?.notifyQueued();
    const socket = this.#connection();
    if (socket && socket.writable) socket.write(encodeMessage({ type: "queued" }));
  }

  #scheduleSweep(): void {
    if (this.#sweep || this.#waiters.size === 0) return;
    this.#sweep = setTimeout(() => void this.#sweepGraded(), SWEEP_MS);
  }

  async #sweepGraded(): Promise<void> {
    try {
      const ids = [...this.#waiters.keys()];
      const db = await database();
      const graded = await inBatches(ids, (slice) => db.submission.findMany({ where: { id: { in: slice }, status: "graded" }, select: { id: true } }));
      for (const { id } of graded) this.#graded(id);
    } catch (error) {
      // The waiting requests still end at their deadlines, and the next sweep tries again.
      console.error("Looking for graded submissions failed:", error);
    } finally {
      this.#sweep = null;
      this.#scheduleSweep();
    }
  }

  /**
   * Resolves when `id` is graded (the host's message, or the sweep found it), or after `ms`;
   * the caller reads the submission either way.
   */
  waitForGraded(id: string, ms: number): Promise<void> {
    this.#connection();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const set = this.#waiters.get(id);
        set?.delete(done);
        if (set?.size === 0) this.#waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const set = this.#waiters.get(id) ?? new Set();
      set.add(done);
      this.#waiters.set(id, set);
      this.#scheduleSweep();
    });
  }
}

const holder = globalThis as unknown as { epochGraderChannel?: GraderChannel };

export function graderChannel(): GraderChannel {
  holder.epochGraderChannel ??= new GraderChannel();
  return holder.epochGraderChannel;
}
