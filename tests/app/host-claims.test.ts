/**
 * A grader host that hears wake-ups (the local line on SQLite, LISTEN/NOTIFY on PostgreSQL)
 * claims when something was queued, not after every job it finishes: a claim is a write, and on
 * SQLite every write waits for the one writer, the web server's inserts included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { createSubmission, readSubmissionWhenGraded } = await import("../../app/_server/submissions.ts");
const { GraderHost } = await import("../../grader/host/host.ts");
const { DEMO_USERS } = await import("../../prisma/seed.ts");
const { readSolution } = await import("../../exercises/fixtures.ts");
const { channelPath } = await import("../../prisma/channel.ts");
const { env } = await import("../../config.ts");

const student: Viewer = DEMO_USERS[0];
let host: InstanceType<typeof GraderHost>;

beforeAll(async () => {
  const db = await database();
  // The demo's classmates' submissions are queued too: out of the way.
  await db.submission.updateMany({ where: { status: "queued" }, data: { status: "graded" } });
  // Rare polling (a wake-up is a hint: the web server's first one may go out before its line is
  // up), so nearly every claim the test counts answers a wake-up or a finished job.
  host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false, channelPath: channelPath(env().EPOCH_DATA_DIR), idlePollMs: 2000 });
  await host.start();
});

afterAll(async () => {
  await host.stop();
});

describe("a grader host that hears wake-ups", () => {
  it("claims once per submission queued one at a time, not again after each job", async () => {
    const code = readSolution("backprop-warmup", "correct");
    // The start-up look at the queue has happened once the first wake-up is answered.
    const first = await createSubmission(student, { itemId: "ml101-week1-backprop-warmup", kind: "run", language: "typescript", code });
    expect((await readSubmissionWhenGraded(student, first.id, 20_000, first)).status).toBe("graded");
    const before = host.claims;
    const submissions = 8;
    for (let i = 0; i < submissions; i++) {
      const created = await createSubmission(student, { itemId: "ml101-week1-backprop-warmup", kind: "run", language: "typescript", code: `${code}\n// ${i}\n` });
      const graded = await readSubmissionWhenGraded(student, created.id, 20_000, created);
      expect([graded.status, graded.result?.verdict]).toEqual(["graded", "passed"]);
    }
    // One claim answers each wake-up (and a poll every 2 s); a claim after each finished job would double this.
    expect(host.claims - before).toBeLessThanOrEqual(submissions + 3);
    expect(host.claims - before).toBeGreaterThanOrEqual(submissions);
  });
});
