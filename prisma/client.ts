/** The one way Epoch opens its database: Prisma's client on the libSQL driver adapter. */
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client.ts";

export type Database = PrismaClient;

/**
 * Opens the database. For the embedded SQLite file, the web server and the grader host write
 * to it at the same time: WAL lets readers and one writer proceed together, and the busy
 * timeout makes a writer wait for the lock instead of failing.
 */
export async function createDatabase(url: string): Promise<Database> {
  const db = new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
  if (url.startsWith("file:")) {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  }
  return db;
}
