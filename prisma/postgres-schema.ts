/**
 * Epoch keeps one data model, written for SQLite in prisma/schema.prisma. A Prisma schema file
 * names one provider, so PostgreSQL gets its own file, derived from that one: the same models,
 * only the generator's output folder and the datasource differ. A test fails when the committed
 * file is not what this derives (the two drifted); `npm run db:schema` writes it again.
 *
 * npm run db:schema
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PRISMA_DIR = dirname(fileURLToPath(import.meta.url));
export const SQLITE_SCHEMA = join(PRISMA_DIR, "schema.prisma");
export const POSTGRES_SCHEMA = join(PRISMA_DIR, "postgres", "schema.prisma");

const HEADER = `// Derived from prisma/schema.prisma by prisma/postgres-schema.ts (npm run db:schema): edit that
// file, not this one. A test fails when this file is not what the script derives from it.
`;

/** Replaces the one block `kind name { ... }` of a schema, failing loudly if it is not there exactly once. */
function replaceBlock(schema: string, opening: string, replacement: string): string {
  const start = schema.indexOf(`${opening} {`);
  if (start < 0 || schema.indexOf(`${opening} {`, start + 1) >= 0) throw new Error(`expected exactly one "${opening}" block in ${SQLITE_SCHEMA}`);
  const end = schema.indexOf("\n}", start);
  if (end < 0) throw new Error(`unterminated "${opening}" block in ${SQLITE_SCHEMA}`);
  return `${schema.slice(0, start)}${replacement}${schema.slice(end + 2)}`;
}

/**
 * Column types PostgreSQL needs spelled out. SQLite's INTEGER holds 64 bits, PostgreSQL's
 * integer only 31 bits and a sign: a variant seed is an unsigned 32-bit hash, so it is stored
 * as `oid` (unsigned 32-bit), and the client still reads and writes a number.
 */
const NATIVE_TYPES: Record<string, { readonly field: RegExp; readonly attribute: string }> = {
  Submission: { field: /^( {2}seed\s+Int)$/m, attribute: "@db.Oid" },
};

function withNativeTypes(schema: string): string {
  let result = schema;
  for (const [model, { field, attribute }] of Object.entries(NATIVE_TYPES)) {
    const start = result.indexOf(`model ${model} {`);
    const end = result.indexOf("\n}", start);
    if (start < 0 || end < 0 || !field.test(result.slice(start, end))) throw new Error(`prisma/postgres-schema.ts: ${model} no longer has the field ${field}; update NATIVE_TYPES`);
    result = `${result.slice(0, start)}${result.slice(start, end).replace(field, `$1 ${attribute}`)}${result.slice(end)}`;
  }
  return result;
}

/** The PostgreSQL schema for a given SQLite schema text. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  let schema = withNativeTypes(sqliteSchema);
  schema = replaceBlock(
    schema,
    "generator client",
    `generator client {
  provider            = "prisma-client"
  output              = "./generated"
  engineType          = "client"
  runtime             = "nodejs"
  moduleFormat        = "esm"
  importFileExtension = "ts"
}`,
  );
  schema = replaceBlock(
    schema,
    "datasource db",
    `datasource db {
  provider = "postgresql"
  // The app connects through the pg driver adapter with DATABASE_URL; this url only keeps
  // \`prisma generate\` from fetching a query engine.
  url      = "postgresql://localhost/epoch"
}`,
  );
  return HEADER + schema;
}

if (import.meta.main) {
  writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  console.warn(`wrote ${POSTGRES_SCHEMA}`);
}
