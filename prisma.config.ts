import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseProvider, databaseUrl } from "./config.ts";

/**
 * Prisma's CLI reads PostgreSQL's catalog while migrating, and the pg adapter of Prisma 6.19
 * knows no catalog types: a `name` column (OID 19) fails with "Column type 'name' could not be
 * deserialized". Their values arrive as text anyway, so a connection that reports those columns
 * as text lets `migrate deploy` work. Only the CLI needs this: the app never reads the catalog.
 */
const CATALOG_AS_TEXT = new Map([
  [18, 25], // "char"
  [19, 25], // name
  [1002, 1009], // "char"[]
  [1003, 1009], // name[]
  ...[24, 2202, 2203, 2204, 2205, 2206, 3734, 3769, 4089, 4096].map((oid) => [oid, 25] as const), // reg* types
]);

function reportCatalogAsText(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) field.dataTypeID = CATALOG_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  }
  return result;
}

class CatalogAsTextClient extends pg.Client {
  // pg's query has many overloads (promise or callback); this wraps whichever is used.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => (last as (e: unknown, r: unknown) => void)(error, reportCatalogAsText(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const config = args[0] as { callback?: (e: unknown, r: unknown) => void } | undefined;
    if (config && typeof config === "object" && typeof config.callback === "function") {
      const callback = config.callback;
      config.callback = (error, result) => callback(error, reportCatalogAsText(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...args);
    return (pending instanceof Promise ? pending.then(reportCatalogAsText) : pending) as never;
  }
}

function migrationPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 2, Client: CatalogAsTextClient });
}

const url = databaseUrl();
const postgres = databaseProvider(url) === "postgresql";

// Prisma's JavaScript engines, so nothing is downloaded (see README: "The database"). One data
// model, two schema files (prisma/postgres-schema.ts derives the PostgreSQL one) and two
// migration folders: DATABASE_URL picks the pair.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations", seed: "node prisma/seed.ts" },
  adapter: async () => (postgres ? new PrismaPg(migrationPool(url)) : new PrismaLibSQL({ url })),
});
