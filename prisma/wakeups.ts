/**
 * Wake-ups across machines on PostgreSQL, through LISTEN/NOTIFY: the web server says "something
 * is queued" (every grader host wakes and claims), a grader host says "this submission is
 * graded" (the web server answers the request waiting for it). The counterpart of the Unix
 * socket in channel.ts, which only reaches processes on one machine. Only a hint, like that
 * line: the database stays the truth and both sides keep polling slowly when it is down.
 *
 * Each process holds one connection of its own for this (a LISTEN needs a session, which the
 * query pool does not keep), and opens it again after losing it.
 */
import pg from "pg";

const CHANNELS = { queued: "epoch_queued", graded: "epoch_graded" } as const;
type Topic = keyof typeof CHANNELS;

/** Submission ids are cuids or UUIDs; anything else arriving on the channel is ignored. */
const ID = /^[\w-]{1,64}$/;

export interface WakeUpHandlers {
  readonly onQueued?: () => void;
  readonly onGraded?: (id: string) => void;
  readonly log?: (message: string) => void;
}

export class PostgresWakeUps {
  readonly #url: string;
  readonly #handlers: WakeUpHandlers;
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #closed = false;
  #retryMs = 100;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #sending: Promise<void> = Promise.resolve();

  constructor(url: string, handlers: WakeUpHandlers) {
    this.#url = url;
    this.#handlers = handlers;
    void this.#connect();
  }

  /** Resolves once listening (or after a failed attempt; it keeps retrying in the background). */
  ready(): Promise<void> {
    return this.#connecting ?? Promise.resolve();
  }

  #connect(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const client = new pg.Client({ connectionString: this.#url, options: "-c TimeZone=UTC" });
    const attempt = (async () => {
      client.on("notification", (message) => {
        if (message.channel === CHANNELS.queued) this.#handlers.onQueued?.();
        else if (message.channel === CHANNELS.graded && message.payload && ID.test(message.payload)) this.#handlers.onGraded?.(message.payload);
      });
      client.on("error", () => this.#lost(client));
      client.on("end", () => this.#lost(client));
      try {
        await client.connect();
        if (this.#handlers.onQueued) await client.query(`LISTEN ${CHANNELS.queued}`);
        if (this.#handlers.onGraded) await client.query(`LISTEN ${CHANNELS.graded}`);
        if (this.#closed) {
          await client.end();
          return;
        }
        this.#client = client;
        this.#retryMs = 100;
      } catch (error) {
        this.#handlers.log?.(`wake-ups: cannot listen (${error instanceof Error ? error.message : String(error)}); polling meanwhile`);
        this.#lost(client);
      }
    })();
    this.#connecting = attempt.finally(() => {
      if (this.#connecting === attempt) this.#connecting = null;
    });
    return attempt;
  }

  #lost(client: pg.Client): void {
    if (this.#client === client) this.#client = null;
    client.removeAllListeners("end");
    void client.end().catch(() => {});
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#connect();
    }, this.#retryMs);
    this.#retryTimer.unref();
    this.#retryMs = Math.min(5000, this.#retryMs * 2);
  }

  #notify(topic: Topic, payload: string): void {
    // When the connection is down the hint is dropped: the other side polls.
    const client = this.#client;
    if (!client) return;
    // One query at a time on a pg connection: notifications wait for the one before.
    this.#sending = this.#sending
      .then(() => client.query("SELECT pg_notify($1, $2)", [CHANNELS[topic], payload]))
      .then(
        () => {},
        () => {},
      );
  }

  /** Tells every grader host that work is queued. */
  notifyQueued(): void {
    this.#notify("queued", "");
  }

  /** Tells web servers that submission `id` is graded. */
  notifyGraded(id: string): void {
    this.#notify("graded", id);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#connecting;
    const client = this.#client;
    this.#client = null;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
    }
  }
}
