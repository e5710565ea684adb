/**
 * The few SQL spellings that differ between SQLite and PostgreSQL, behind one function each, so
 * the app's hand-written queries run on both. Fragments are Prisma.Sql values: they keep their
 * parameters and slot into a `$queryRaw` template.
 */
import { Prisma } from "./generated/client.ts";
import { providerOf, type Database } from "./client.ts";

export const sql = Prisma.sql;
export type Sql = Prisma.Sql;

/** A value for one key of a JSON object; timestamps are marked so both databases write them in UTC ISO 8601. */
export type JsonField = Sql | { readonly timestamp: Sql };

export interface JsonArrayQuery {
  /** Keys of each object and the expressions that give their values. */
  readonly fields: Readonly<Record<string, JsonField>>;
  /** The FROM clause (tables and joins, with WHERE), in the order the array should have. */
  readonly from: Sql;
  /** The order of the array's elements. SQLite keeps the order `from` produces; PostgreSQL needs it spelled out. */
  readonly orderBy: Sql;
}

/**
 * A scalar subquery giving a JSON array (as text, "[]" when there are no rows) of one object per
 * row: SQLite's `json_group_array(json_object(...))`, PostgreSQL's `json_agg(json_build_object(...))`.
 */
export function jsonArray(db: Database, query: JsonArrayQuery): Sql {
  const postgres = providerOf(db) === "postgresql";
  const pairs = Object.entries(query.fields).map(([key, field]) => {
    const value = "timestamp" in field ? utcTimestamp(postgres, field.timestamp) : field;
    return Prisma.sql`${Prisma.raw(`'${key.replace(/'/g, "''")}'`)}, ${value}`;
  });
  const object = Prisma.join(pairs, ", ");
  return postgres
    ? Prisma.sql`(SELECT COALESCE(json_agg(json_build_object(${object}) ORDER BY ${query.orderBy}), '[]')::text FROM ${query.from})`
    : Prisma.sql`(SELECT json_group_array(json_object(${object})) FROM ${query.from})`;
}

/**
 * A timestamp column as UTC ISO 8601 text. Prisma stores SQLite's as such text already;
 * PostgreSQL's `timestamp(3)` holds UTC without a zone, which is written out with a Z.
 */
function utcTimestamp(postgres: boolean, column: Sql): Sql {
  return postgres ? Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : column;
}
