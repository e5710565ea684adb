/**
 * SQLite settings that belong to a connection, not to the file, must hold for every statement,
 * before and after transactions (the driver's own client opened a new connection after each).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../prisma/client.ts";

const dir = mkdtempSync(join(tmpdir(), "epoch-connection-"));
let db: Database;

afterAll(async () => {
  await db?.$disconnect();
});

async function settings(): Promise<{ synchronous: number; busyTimeout: number; journal: string }> {
  const [sync] = await db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
  const [busy] = await db.$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
  const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  return { synchronous: Number(sync!.synchronous), busyTimeout: Number(busy!.timeout), journal: journal!.journal_mode };
}

describe("an embedded database's connections", () => {
  it("keep WAL, synchronous = NORMAL and the busy timeout, before and after transactions", async () => {
    db = await createDatabase(`file:${join(dir, "settings.db")}`);
    await db.$executeRawUnsafe("CREATE TABLE t (x INTEGER)");
    // synchronous: 1 is NORMAL (2, FULL, would fsync on every commit).
    const expected = { synchronous: 1, busyTimeout: 10_000, journal: "wal" };
    expect(await settings()).toEqual(expected);
    for (let i = 0; i < 3; i++) {
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO t VALUES (${i})`);
      });
      expect(await settings()).toEqual(expected);
    }
    await db.$executeRaw`INSERT INTO t VALUES (9)`;
    expect(await settings()).toEqual(expected);
  });
});
