/** The one way Epoch opens its database: Prisma's client on the libSQL driver adapter. */
import type { Client, Config, InStatement, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client.ts";

export type Database = PrismaClient;

/** How long a writer waits for the lock another process holds before SQLite gives up. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The web server and the grader host write to the same SQLite file. SQLite makes a writer wait
 * for the lock only with a busy timeout, which is a setting of each connection; the libSQL
 * client opens a new connection after every transaction, so the timeout is set again on each.
 */
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
        // Epoch's transactions all write. Taking the write lock at BEGIN (IMMEDIATE) means waiting
        // for it under the busy timeout; a deferred one that reads first fails at once in WAL mode
        // when another process wrote meanwhile (SQLITE_BUSY_SNAPSHOT).
        return async () => {
          await ready();
          const transaction = await target.transaction("write");
          // The transaction keeps this connection; the next statement opens a new one.
          fresh = true;
          return transaction;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

class BusyTolerantLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return withBusyTimeout(super.createClient(config));
  }
}

/** Opens the database; for the embedded SQLite file, in WAL mode so readers never wait for the writer. */
export async function createDatabase(url: string): Promise<Database> {
  const db = new PrismaClient({ adapter: new BusyTolerantLibSQL({ url }) });
  if (url.startsWith("file:")) {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  }
  return db;
}
