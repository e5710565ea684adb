/**
 * Regrade at course scale: seeds 1,000 graded Submits of one exercise (a student each, a mix of
 * correct and mistaken solutions), asks for a regrade of the exercise the way the regrade page
 * does, and times it until every entry is graded again, with one grader host of the default
 * pool size beside it in its own process, as in production (warmed first, as a running host is).
 * Target: under 10 s on 2 cores. Then the same grading through a bare sandbox pool: the ceiling.
 *
 * npm run bench:regrade                                 # SQLite file in a temporary folder
 * npm run bench:regrade -- --submissions 200
 * EPOCH_TEST_DATABASE=postgresql npm run bench:regrade  # a throwaway PostgreSQL server
 */
import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { useFreshDatabase } from "../support/database.ts";
import { solution } from "../support/solutions.ts";

const { values } = parseArgs({ options: { submissions: { type: "string", default: "1000" }, "pool-size": { type: "string" } } });
const COUNT = Number(values.submissions);
const TARGET_MS = 10_000;
const COURSE = "ml101";
const ITEM = "ml101-week1-forward-pass";
const EXERCISE = "forward-pass";

const { url, dir } = await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { requestRegrade, regradeRun } = await import("../../app/_server/staff/regrade.ts");
const { SandboxPool } = await import("../../grader/sandbox/pool.ts");
const { gradeSubmission } = await import("../../grader/engine/grade.ts");
const { getExercise } = await import("../../exercises/registry.ts");

const db = await database();
const instructor = { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing" };
// Mistakes and correct work, as a real class hands in.
const codes = ["correct", "transposed-weights", "missing-bias", "correct", "step-strict-inequality", "no-activation"].map((name) => solution(EXERCISE, name));

async function seedSubmissions(prefix: string, count: number): Promise<void> {
  const users = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, email: `${prefix}-${i}@bench.test`, name: `Student ${prefix} ${i}`, passwordHash: "x" }));
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await db.user.createMany({ data: chunk });
    await db.enrollment.createMany({ data: chunk.map((u) => ({ userId: u.id, courseId: COURSE, role: "student" })) });
    await db.submission.createMany({
      data: chunk.map((u, k) => ({
        userId: u.id,
        itemId: ITEM,
        exerciseId: EXERCISE,
        kind: "submit",
        language: "typescript",
        code: codes[(i + k) % codes.length]!,
        seed: i + k,
        status: "graded",
        verdict: "failed",
        score: 0,
        maxScore: 1,
      })),
    });
  }
}

/** Requests a regrade of every graded Submit of the exercise and waits until it is ready; returns ms and the run. */
async function timedRegrade(onProgress?: (done: number, total: number) => void) {
  const started = performance.now();
  const { runId } = await requestRegrade(instructor, COURSE, { exerciseId: EXERCISE });
  const requestedMs = performance.now() - started;
  for (;;) {
    const run = await db.regradeRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
    if (run.status === "ready") break;
    const done = await db.regradeEntry.count({ where: { runId, status: "done" } });
    onProgress?.(done, COUNT);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { ms: performance.now() - started, requestedMs, runId };
}

// The demo's own forward-pass submits are part of the exercise too: take them out, so the count is exact.
await db.submission.deleteMany({ where: { exerciseId: EXERCISE } });
// The demo's queued work (some of it Python) would be graded first, students before regrades: not what is measured here.
await db.submission.deleteMany({ where: { status: "queued" } });
const host = spawn(process.execPath, ["grader/host/host.ts"], {
  env: {
    ...process.env,
    DATABASE_URL: url,
    EPOCH_DATA_DIR: dir,
    GRADER_CHECK_EXERCISES: "false",
    GRADER_HOST_NAME: "bench-host",
    ...(values["pool-size"] ? { GRADER_POOL_SIZE: values["pool-size"] } : {}),
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const hostExited = new Promise((resolve) => host.once("exit", resolve));
// If the bench fails, its host must not go on grading (and holding the terminal) without it.
process.once("exit", () => host.kill("SIGKILL"));

// Warm the host's pool with a small regrade, as a host that has been running has.
await seedSubmissions("warm", 8);
const warm = await timedRegrade();
await db.regradeRun.update({ where: { id: warm.runId }, data: { status: "discarded" } });
await db.submission.deleteMany({ where: { exerciseId: EXERCISE } });

await seedSubmissions("bench", COUNT);
let lastPrinted = 0;
const { ms, requestedMs, runId } = await timedRegrade((done, total) => {
  if (performance.now() - lastPrinted < 1000) return;
  lastPrinted = performance.now();
  process.stdout.write(`  ${done} of ${total} graded\n`);
});
const view = await regradeRun(instructor, runId);
host.kill("SIGTERM");
await hostExited;
await db.$disconnect();

/**
 * The same grading through a bare pool of the same size, nothing else: the ceiling the regrade
 * is measured against (on a busy machine both move together; their ratio is the host's overhead).
 */
async function poolAloneMs(count: number, size: number | undefined): Promise<number> {
  const pool = new SandboxPool({ size: size ?? availableParallelism() });
  const exercise = getExercise(EXERCISE);
  const grade = (i: number) => gradeSubmission(pool, { exercise, source: codes[i % codes.length]!, language: "typescript", seed: i, mode: "submit" });
  await Promise.all(Array.from({ length: 8 }, (_, i) => grade(i)));
  const started = performance.now();
  let next = 0;
  // Keep twice the pool's size in flight, as the host does.
  await Promise.all(
    Array.from({ length: 2 * pool.stats().size }, async () => {
      while (next < count) await grade(next++);
    }),
  );
  const ms = performance.now() - started;
  await pool.close();
  return ms;
}
const aloneMs = await poolAloneMs(COUNT, values["pool-size"] ? Number(values["pool-size"]) : undefined);

const perSecond = (COUNT / ms) * 1000;
process.stdout.write(
  `${[
    `Regrade of ${COUNT} submissions (${process.env.EPOCH_TEST_DATABASE === "postgresql" ? "PostgreSQL" : "SQLite"}, one grader host):`,
    `  requested in ${requestedMs.toFixed(0)} ms; every entry graded after ${(ms / 1000).toFixed(2)} s (${perSecond.toFixed(0)} submissions/s)`,
    `  ${view.changed} of ${view.total} would change`,
    `  the same grading in a bare pool: ${(aloneMs / 1000).toFixed(2)} s (${((COUNT / aloneMs) * 1000).toFixed(0)}/s); the regrade runs at ${((aloneMs / ms) * 100).toFixed(0)}% of it`,
    `  load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${availableParallelism()} cores (other work on the machine slows both alike)`,
    `  target: under ${TARGET_MS / 1000} s for 1,000 → ${COUNT >= 1000 ? (ms < TARGET_MS ? "met" : "MISSED") : `projected ${((1000 / perSecond) * 1).toFixed(1)} s for 1,000`}`,
  ].join("\n")}\n`,
);
if (view.done !== COUNT) {
  console.error(`only ${view.done} of ${COUNT} entries were graded`);
  process.exitCode = 1;
}
