/**
 * Wake-ups across processes on PostgreSQL (LISTEN/NOTIFY), on a throwaway server: what one side
 * sends reaches the other, junk is ignored, and a lost connection is opened again.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresWakeUps } from "../../prisma/wakeups.ts";
import { startPostgres, type PostgresServer } from "../support/postgres.ts";

let server: PostgresServer;
let url: string;
beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase("wakeups");
});
afterAll(() => server?.stop());

function waitFor<T>(register: (resolve: (value: T) => void) => void, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no wake-up arrived")), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe("PostgreSQL wake-ups", () => {
  it("carry 'queued' to grader hosts and 'graded <id>' to web servers, in milliseconds", async () => {
    let onQueued: () => void = () => {};
    let onGraded: (id: string) => void = () => {};
    const host = new PostgresWakeUps(url, { onQueued: () => onQueued() });
    const web = new PostgresWakeUps(url, { onGraded: (id) => onGraded(id) });
    await Promise.all([host.ready(), web.ready()]);
    try {
      const started = performance.now();
      const queued = waitFor<undefined>((resolve) => (onQueued = () => resolve(undefined)));
      web.notifyQueued();
      await queued;
      expect(performance.now() - started).toBeLessThan(500);
      const graded = waitFor<string>((resolve) => (onGraded = resolve));
      host.notifyGraded("c0ffee-123");
      expect(await graded).toBe("c0ffee-123");
    } finally {
      await Promise.all([host.close(), web.close()]);
    }
  });

  it("ignores a 'graded' payload that is not a submission id", async () => {
    const received: string[] = [];
    const web = new PostgresWakeUps(url, { onGraded: (id) => received.push(id) });
    await web.ready();
    const sender = new pg.Client({ connectionString: url });
    await sender.connect();
    try {
      await sender.query("SELECT pg_notify('epoch_graded', $1)", ["'; DROP TABLE x; --"]);
      await sender.query("SELECT pg_notify('epoch_graded', $1)", ["ok-id"]);
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toEqual(["ok-id"]);
    } finally {
      await sender.end();
      await web.close();
    }
  });

  it("listens again after the server drops its connection", async () => {
    let onQueued: () => void = () => {};
    const host = new PostgresWakeUps(url, { onQueued: () => onQueued(), log: () => {} });
    await host.ready();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
      expect(rowCount).toBeGreaterThan(0);
      // Keep notifying until the listener is back: it must come back within a few seconds.
      const back = waitFor<undefined>((resolve) => (onQueued = () => resolve(undefined)), 5000);
      const sender = setInterval(() => void admin.query("SELECT pg_notify('epoch_queued', '')").catch(() => {}), 50);
      await back.finally(() => clearInterval(sender));
    } finally {
      await admin.end();
      await host.close();
    }
  });
});
