import "server-only";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { refreshContentIfStale } from "../../prisma/content.ts";
import { databaseUrl, env } from "../../config.ts";

// One client per server process; kept on globalThis so development reloads do not open more.
const holder = globalThis as unknown as { epochDatabase?: Promise<Database> };

/** The database, with course content as synced: a sync by another process shows within a second (prisma/content.ts). */
export async function database(): Promise<Database> {
  holder.epochDatabase ??= createDatabase(databaseUrl(), { poolSize: env().DATABASE_POOL_SIZE });
  const db = await holder.epochDatabase;
  try {
    await refreshContentIfStale(db);
  } catch (error) {
    // Content already loaded keeps serving; the built-in bank never depends on this.
    console.error("Loading synced course content failed:", error);
  }
  return db;
}
