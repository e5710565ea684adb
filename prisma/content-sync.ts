/**
 * npm run content:sync [-- --dir <content folder> ...]: validates the content folders
 * (EPOCH_CONTENT_DIRS unless --dir names others) and stores what passes; the running web servers
 * and grader hosts serve it within a second, without a restart. Exits with 1 when an exercise is
 * broken (its last good version keeps serving) or a deletion is refused.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, env } from "../config.ts";
import { createDatabase } from "./client.ts";
import { describeSyncReport, syncContent, syncSucceeded } from "./content.ts";

const { values } = parseArgs({ options: { dir: { type: "string", multiple: true }, json: { type: "boolean" } } });
const folders = (values.dir ?? env().EPOCH_CONTENT_DIRS).map((folder) => resolve(folder));
if (folders.length === 0) {
  process.stderr.write("content:sync: no content folder: set EPOCH_CONTENT_DIRS (absolute paths separated by ':') or pass --dir <folder>\n");
  process.exit(2);
}
const db = await createDatabase(databaseUrl(), { poolSize: 1 });
try {
  const report = await syncContent(db, folders);
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`Synced ${folders.join(", ")}\n${describeSyncReport(report).join("\n")}\n`);
  if (!syncSucceeded(report)) process.exitCode = 1;
} finally {
  await db.$disconnect();
}
