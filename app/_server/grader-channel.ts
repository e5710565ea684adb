import "server-only";
import { connect, type Socket } from "node:net";
import { channelPath, encodeMessage, messageReader } from "../../prisma/channel.ts";
import { PostgresWakeUps } from "../../prisma/wakeups.ts";
import { databaseProvider, databaseUrl, env } from "../../config.ts";

/**
 * The web server's end of the wake-up line to the grader hosts: wakes them when a submission is
 * queued, and wakes a waiting request when its submission is graded. On SQLite that is the Unix
 * socket of the one local host (prisma/channel.ts); on PostgreSQL, LISTEN/NOTIFY, which reaches
 * hosts on any machine (prisma/wakeups.ts). When the line is down, everything still works by
 * polling, only slower.
 */
class GraderChannel {
  #socket: Socket | null = null;
  #nextAttempt = 0;
  readonly #waiters = new Map<string, Set<() => void>>();
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

  /** Resolves when the host says `id` is graded, or after `ms` (the caller checks the database either way). */
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
    });
  }
}

const holder = globalThis as unknown as { epochGraderChannel?: GraderChannel };

export function graderChannel(): GraderChannel {
  holder.epochGraderChannel ??= new GraderChannel();
  return holder.epochGraderChannel;
}
