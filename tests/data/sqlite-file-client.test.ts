/**
 * Epoch's client for the embedded SQLite file (prisma/sqlite-file-client.ts): statements are
 * prepared once and reused, so a reused statement must still see what others wrote, values must
 * convert as the driver's own client converted them, and Prisma must still get its errors.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { STATEMENT_CACHE_SIZE, SqliteFileClient, sqliteFilePath } from "../../prisma/sqlite-file-client.ts";

const dir = mkdtempSync(join(tmpdir(), "epoch-sqlite-client-"));
const opened: { close(): unknown }[] = [];
afterAll(async () => {
  for (const one of opened) await one.close();
});

function client(name: string): SqliteFileClient {
  const made = new SqliteFileClient(join(dir, name), ["PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 1000"]);
  opened.push(made);
  return made;
}

async function prisma(name: string): Promise<Database> {
  const db = await createDatabase(`file:${join(dir, name)}`);
  opened.push({ close: () => db.$disconnect() });
  return db;
}

describe("the SQLite file client", () => {
  it("prepares a statement once and runs it again with new arguments", async () => {
    const db = client("reuse.db");
    await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    const before = db.preparedStatements;
    for (const name of ["a", "b", "c"]) await db.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: [name] });
    const read = await db.execute({ sql: "SELECT name FROM t WHERE id >= ? ORDER BY id", args: [2] });
    expect(read.rows.map((row) => row[0])).toEqual(["b", "c"]);
    expect((await db.execute({ sql: "SELECT name FROM t WHERE id >= ? ORDER BY id", args: [3] })).rows.map((row) => row[0])).toEqual(["c"]);
    // One INSERT and one SELECT more, whatever the number of runs.
    expect(db.preparedStatements).toBe(before + 2);
  });

  it("sees through a reused statement what another connection wrote meanwhile", async () => {
    const reader = client("shared.db");
    const writer = client("shared.db");
    await writer.execute("CREATE TABLE t (x INTEGER)");
    const count = async () => Number((await reader.execute("SELECT count(*) FROM t")).rows[0]![0]);
    expect(await count()).toBe(0);
    await writer.execute({ sql: "INSERT INTO t VALUES (?)", args: [1] });
    await writer.execute({ sql: "INSERT INTO t VALUES (?)", args: [2] });
    expect(await count()).toBe(2);
  });

  it("keeps at most its limit of statements, and runs an evicted one again", async () => {
    const db = client("bounded.db");
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 20; i++) await db.execute(`SELECT ${i} AS n`);
    expect(db.preparedStatements).toBe(STATEMENT_CACHE_SIZE);
    expect((await db.execute("SELECT 0 AS n")).rows[0]![0]).toBe(0);
  });

  it("converts values as the driver did: booleans, dates, named arguments, blobs, and integers only while exact", async () => {
    const db = client("values.db");
    await db.execute("CREATE TABLE v (flag INTEGER, at INTEGER, big INTEGER, data BLOB)");
    const bytes = new Uint8Array([0, 1, 254, 255]);
    await db.execute({ sql: "INSERT INTO v VALUES (:flag, $at, @big, ?4)", args: { ":flag": true, $at: new Date(1000), "@big": 2n ** 40n, "4": bytes.buffer } });
    const [row] = (await db.execute("SELECT flag, at, big, data FROM v")).rows;
    expect([row![0], row![1], row![2]]).toEqual([1, 1000, 2 ** 40]);
    expect([...new Uint8Array(row![3] as ArrayBuffer)]).toEqual([0, 1, 254, 255]);
    await db.execute({ sql: "UPDATE v SET big = ?", args: [2n ** 60n] });
    await expect(db.execute("SELECT big FROM v")).rejects.toThrow(/cannot be safely represented/);
    await expect(db.execute({ sql: "UPDATE v SET big = ?", args: [Number.NaN] })).rejects.toThrow(/finite/);
  });

  it("reports rows changed and the last row id for statements that return no rows", async () => {
    const db = client("changes.db");
    await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)");
    const inserted = await db.execute({ sql: "INSERT INTO t (x) VALUES (?), (?)", args: [1, 2] });
    expect([inserted.rowsAffected, inserted.lastInsertRowid]).toEqual([2, 2n]);
    expect((await db.execute({ sql: "UPDATE t SET x = x + 1", args: [] })).rowsAffected).toBe(2);
  });

  it("rolls a transaction back on the same connection, and runs statements after it", async () => {
    const db = client("transactions.db");
    await db.execute("CREATE TABLE t (x INTEGER)");
    const tx = await db.transaction("deferred");
    await tx.execute({ sql: "INSERT INTO t VALUES (?)", args: [1] });
    await tx.rollback();
    expect(tx.closed).toBe(true);
    await expect(tx.execute("SELECT 1")).rejects.toThrow(/closed/);
    const committed = await db.transaction();
    await committed.execute({ sql: "INSERT INTO t VALUES (?)", args: [2] });
    await committed.commit();
    expect((await db.execute("SELECT x FROM t")).rows.map((row) => row[0])).toEqual([2]);
  });

  it("reads file: URLs as the driver reads them", () => {
    expect(sqliteFilePath("file:/srv/epoch/epoch.db")).toBe("/srv/epoch/epoch.db");
    expect(sqliteFilePath("file:./data/epoch.db")).toBe("./data/epoch.db");
    expect(sqliteFilePath("file:///srv/epoch.db")).toBe("/srv/epoch.db");
    expect(sqliteFilePath("file://localhost/srv/my%20db.db?mode=rwc")).toBe("/srv/my db.db");
    expect(sqliteFilePath(":memory:")).toBe(":memory:");
    expect(() => sqliteFilePath("file://elsewhere/srv/epoch.db")).toThrow(/one slash/);
  });
});

describe("Prisma on the SQLite file client", () => {
  it("still reads constraint errors as the driver reported them, and the client stays usable after them", async () => {
    const db = await prisma("prisma.db");
    await db.$executeRawUnsafe('CREATE TABLE "T" (id TEXT PRIMARY KEY)');
    await db.$executeRaw`INSERT INTO "T" (id) VALUES (${"a"})`;
    await expect(db.$executeRaw`INSERT INTO "T" (id) VALUES (${"a"})`).rejects.toMatchObject({
      meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint: { fields: ["id"] }, originalCode: "1555" } } },
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "T" (id) VALUES (${"b"})`;
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.$queryRaw<{ id: string }[]>`SELECT id FROM "T" ORDER BY id`).toEqual([{ id: "a" }]);
  });
});
