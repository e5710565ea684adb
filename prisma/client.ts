/**
 * The one way Epoch opens its database: Prisma's client on the libSQL driver adapter for the
 * embedded SQLite file, or on the pg driver adapter for a PostgreSQL server. Both clients are
 * generated from the same data model (prisma/postgres-schema.ts), so they share one API.
 */
import type { Client, Config, InStatement, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { SqliteFileClient, sqliteFilePath } from "./sqlite-file-client.ts";
import pg from "pg";
import { databaseProvider, type DatabaseProvider } from "../config.ts";
import { PrismaClient } from "./generated/client.ts";
import { PrismaClient as PostgresPrismaClient } from "./postgres/generated/client.ts";

export type Database = PrismaClient;
export type { DatabaseProvider };

export interface DatabaseOptions {
  /** PostgreSQL connections this process may open (default 10). */
  readonly poolSize?: number;
}

/** How long a writer waits for the lock another process holds before SQLite gives up. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Settings of the connection, not of the file: the busy timeout (the web server and the grader
 * host write to the same SQLite file, and SQLite makes a writer wait for the lock only with one)
 * and `synchronous = NORMAL` (in WAL mode, commits without an fsync each; a power cut may lose
 * the last commits, never corrupt the file).
 */
const FILE_CONNECTION_SETTINGS = [`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, "PRAGMA synchronous = NORMAL"];

/**
 * A local file gets Epoch's own client (one connection, statements kept prepared); a libSQL
 * server (libsql:, https:) the driver's, with the same busy timeout on each of its connections.
 */
class ConfiguredLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    if (config.url.startsWith("file:") || config.url === ":memory:") return new SqliteFileClient(sqliteFilePath(config.url), FILE_CONNECTION_SETTINGS);
    return withBusyTimeout(super.createClient(config));
  }
}

/** The driver's client opens a new connection after every transaction: the setting goes on each. */
function withBusyTimeout(client: Client): Client {
  let fresh = true;
  const ready = async () => {
    if (!fresh) return;
    fresh = false;
    await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "execute") return async (statement: InStatement) => (await ready(), target.execute(statement));
      if (property === "batch") return async (statements: InStatement[], mode?: TransactionMode) => (await ready(), target.batch(statements, mode));
      if (property === "executeMultiple") return async (sql: string) => (await ready(), target.executeMultiple(sql));
      if (property === "transaction") {
        // As SqliteFileClient's: every transaction writes, so it takes the lock at BEGIN.
        return async () => {
          await ready();
          const transaction = await target.transaction("write");
          fresh = true;
          return transaction;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const opened = new WeakMap<Database, { readonly provider: DatabaseProvider; readonly url: string }>();

/** Which database `db` talks to, for the few statements written once per provider. */
export function providerOf(db: Database): DatabaseProvider {
  return opened.get(db)?.provider ?? "sqlite";
}

/** The URL `db` was opened with (the PostgreSQL wake-up line opens its own connection to it). */
export function urlOf(db: Database): string {
  const entry = opened.get(db);
  if (!entry) throw new Error("this client was not opened by createDatabase");
  return entry.url;
}

/**
 * Opens the database. The SQLite file runs in WAL mode so readers never wait for the writer;
 * PostgreSQL sessions run in UTC, so timestamps mean the same on every host whatever its zone.
 */
export async function createDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  const provider = databaseProvider(url);
  let db: Database;
  if (provider === "postgresql") {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, options: "-c TimeZone=UTC" });
    // An idle connection the server dropped reports here; the pool opens a new one on demand.
    pool.on("error", () => {});
    // The same data model generates both clients (a test keeps the schema files in step), so
    // the PostgreSQL client has the SQLite client's API.
    db = new PostgresPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as Database;
  } else {
    db = new PrismaClient({ adapter: new ConfiguredLibSQL({ url }) });
    // WAL is a setting of the file: once is enough.
    if (url.startsWith("file:")) await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  }
  opened.set(db, { provider, url });
  return db;
}
