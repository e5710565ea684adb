/**
 * A real, migrated and seeded database file in a temporary folder, for tests of server code.
 * Call before any module reads the environment (env() caches it).
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function useFreshDatabase(): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "epoch-test-"));
  const url = `file:${join(dir, "epoch.db")}`;
  const childEnv = { ...process.env, DATABASE_URL: url, EPOCH_DATA_DIR: dir, CHECKPOINT_DISABLE: "1" };
  await run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: childEnv });
  await run(process.execPath, ["prisma/seed.ts"], { env: childEnv });
  process.env.DATABASE_URL = url;
  process.env.EPOCH_DATA_DIR = dir;
  return { url, dir };
}
