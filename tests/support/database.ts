/**
 * A real, migrated and seeded database in a temporary folder, for tests of server code.
 * Call before any module reads the environment (env() caches it).
 *
 * EPOCH_TEST_DATABASE=postgresql runs the same tests on a throwaway PostgreSQL server
 * (tests/support/postgres.ts), stopped when the test process exits.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { applyPostgresMigrations, startPostgres } from "./postgres.ts";

const run = promisify(execFile);

export async function useFreshDatabase(): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "epoch-test-"));
  let url = `file:${join(dir, "epoch.db")}`;
  const childEnv = { ...process.env, DATABASE_URL: url, EPOCH_DATA_DIR: dir, CHECKPOINT_DISABLE: "1" };
  if (process.env.EPOCH_TEST_DATABASE === "postgresql") {
    const server = await startPostgres();
    process.once("exit", () => void server.stop());
    url = await server.createDatabase("epoch");
    await applyPostgresMigrations(url);
  } else {
    await run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: childEnv });
  }
  await run(process.execPath, ["prisma/seed.ts"], { env: { ...childEnv, DATABASE_URL: url } });
  process.env.DATABASE_URL = url;
  process.env.EPOCH_DATA_DIR = dir;
  return { url, dir };
}
