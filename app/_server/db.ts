import "server-only";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { databaseUrl, env } from "../../config.ts";

// One client per server process; kept on globalThis so development reloads do not open more.
const holder = globalThis as unknown as { epochDatabase?: Promise<Database> };

export function database(): Promise<Database> {
  holder.epochDatabase ??= createDatabase(databaseUrl(), { poolSize: env().DATABASE_POOL_SIZE });
  return holder.epochDatabase;
}
