/**
 * One data model, two databases: the PostgreSQL schema file must be exactly what
 * prisma/postgres-schema.ts derives from the SQLite one, and the two migration folders must
 * build the same tables and columns. `npm run db:migrate` is run for real on both.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "../../prisma/postgres-schema.ts";
import { createDatabase } from "../../prisma/client.ts";
import { startPostgres, type PostgresServer } from "../support/postgres.ts";

const run = promisify(execFile);

function migrate(url: string): Promise<unknown> {
  return run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" } });
}

describe("the PostgreSQL schema file", () => {
  it("is the one derived from prisma/schema.prisma (run npm run db:schema after changing the model)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("differs from the SQLite one only in the generator, the datasource and native column types", () => {
    const models = (text: string) => text.slice(text.indexOf("\nmodel ")).replace(/ @db\.\w+/g, "");
    const sqlite = readFileSync(SQLITE_SCHEMA, "utf8");
    const derived = postgresSchemaFrom(sqlite);
    expect(models(derived)).toBe(models(sqlite));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output              = "./generated"');
  });

  it("refuses a model that lost a field the derivation depends on", () => {
    const sqlite = readFileSync(SQLITE_SCHEMA, "utf8").replace(/^ {2}seed\s+Int$/m, "  variantSeed Int");
    expect(() => postgresSchemaFrom(sqlite)).toThrow(/NATIVE_TYPES/);
  });
});

describe("the two migration folders", () => {
  let server: PostgresServer;
  let postgresUrl: string;
  let sqliteUrl: string;

  beforeAll(async () => {
    server = await startPostgres();
    postgresUrl = await server.createDatabase("epoch");
    sqliteUrl = `file:${join(mkdtempSync(join(tmpdir(), "epoch-schema-")), "epoch.db")}`;
    await Promise.all([migrate(postgresUrl), migrate(sqliteUrl)]);
  }, 120_000);
  afterAll(() => server?.stop());

  it("build the same tables with the same columns and nullability", async () => {
    const sqlite = await createDatabase(sqliteUrl);
    const sqliteColumns = await sqlite.$queryRawUnsafe<{ column: string; nullable: bigint | number }[]>(`
      SELECT m."name" || '.' || c."name" AS "column", CASE WHEN c."notnull" = 1 OR c."pk" > 0 THEN 0 ELSE 1 END AS "nullable"
      FROM sqlite_master m JOIN pragma_table_info(m."name") c
      WHERE m."type" = 'table' AND m."name" NOT LIKE 'sqlite_%' AND m."name" NOT LIKE '_prisma%'`);
    await sqlite.$disconnect();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    const { rows } = await client.query<{ column: string; nullable: boolean }>(`
      SELECT table_name || '.' || column_name AS "column", is_nullable = 'YES' AS "nullable"
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_prisma%'`);
    await client.end();
    const asMap = (entries: [string, boolean][]) => Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
    const fromSqlite = asMap(sqliteColumns.map((c) => [c.column, Number(c.nullable) === 1]));
    expect(Object.keys(fromSqlite)).toContain("Submission.seed");
    expect(asMap(rows.map((r) => [r.column, r.nullable]))).toEqual(fromSqlite);
  });

  it("let the PostgreSQL client store a variant seed above 2^31 (PostgreSQL's integer would overflow)", async () => {
    const db = await createDatabase(postgresUrl);
    try {
      const user = await db.user.create({ data: { email: "seed@epoch.test", name: "Seed", passwordHash: "x" } });
      const course = await db.course.create({ data: { code: "S1", title: "S", term: "T" } });
      const set = await db.problemSet.create({ data: { courseId: course.id, title: "S", opensAt: new Date(), dueAt: new Date() } });
      const item = await db.problemSetItem.create({ data: { problemSetId: set.id, exerciseId: "forward-pass", points: 1, position: 0 } });
      const seed = 4_000_000_000;
      const stored = await db.submission.create({ data: { userId: user.id, itemId: item.id, exerciseId: "forward-pass", kind: "submit", language: "typescript", code: "", seed } });
      expect(Number((await db.submission.findUniqueOrThrow({ where: { id: stored.id } })).seed)).toBe(seed);
    } finally {
      await db.$disconnect();
    }
  });
});
