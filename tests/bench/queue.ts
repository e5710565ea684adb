/**
 * The submission queue alone, without grading: how many claims per second hosts get through
 * (claim + store a result), and on PostgreSQL how long a queued submission waits for a host
 * woken by LISTEN/NOTIFY (pickup latency). Then one real grader host (a pool of two sandbox
 * processes) draining correct TypeScript forward passes from PostgreSQL: the per-host rate that
 * sizes a deployment.
 *
 * npm run bench:queue                                   # throwaway PostgreSQL server and SQLite file
 * npm run bench:queue -- --jobs 1000 --workers 4 --graded 600
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { claimQueued, completeSubmission } from "../../prisma/queue.ts";
import { GraderHost } from "../../grader/host/host.ts";
import { PostgresWakeUps } from "../../prisma/wakeups.ts";
import { bareResult } from "../support/grade-results.ts";
import { applyPostgresMigrations, startPostgres } from "../support/postgres.ts";
import { percentile, printReport } from "../load/workload.ts";

const run = promisify(execFile);
const RESULT = bareResult("passed", 1);

async function seeded(url: string): Promise<void> {
  await run(process.execPath, ["prisma/seed.ts"], { env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" } });
}

function job(i: number, code = "export {}") {
  return { userId: "demo-student", itemId: "ml101-week1-forward-pass", exerciseId: "forward-pass", kind: "submit", language: "typescript", code, seed: i };
}

/** One grader host with a pool of `poolSize` drains `count` correct forward passes; returns graded per second. */
async function hostRate(url: string, count: number, poolSize: number): Promise<number> {
  const db = await createDatabase(url);
  await db.submission.deleteMany({});
  const code = readFileSync(join(process.cwd(), "exercises", "forward-pass", "solutions", "correct.ts"), "utf8");
  const host = new GraderHost(db, { name: "bench-host", poolSize, checkExercises: false, log: () => {} });
  await host.start();
  // Warm the pool first, so the rate is the steady one.
  await db.submission.createMany({ data: Array.from({ length: poolSize * 4 }, (_, i) => job(i, code)) });
  while ((await db.submission.count({ where: { status: "graded" } })) < poolSize * 4) await new Promise((r) => setTimeout(r, 20));
  await db.submission.deleteMany({});
  await db.submission.createMany({ data: Array.from({ length: count }, (_, i) => job(i, code)) });
  const started = performance.now();
  while ((await db.submission.count({ where: { status: "graded" } })) < count) await new Promise((r) => setTimeout(r, 20));
  const perSecond = count / ((performance.now() - started) / 1000);
  await host.stop();
  await db.$disconnect();
  return perSecond;
}

/** Drains `jobs` queued submissions with `workers` hosts, each with its own client; returns claims per second. */
async function claimsPerSecond(url: string, jobs: number, workers: number, batch: number): Promise<{ perSecond: number; doubles: number }> {
  const clients: Database[] = await Promise.all(Array.from({ length: workers }, () => createDatabase(url, { poolSize: 2 })));
  await clients[0]!.submission.deleteMany({});
  await clients[0]!.submission.createMany({ data: Array.from({ length: jobs }, (_, i) => job(i)) });
  const seen = new Set<string>();
  let doubles = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (db, w) => {
      for (;;) {
        const claims = await claimQueued(db, { host: `bench-${w}`, limit: batch, leaseMs: 60_000 });
        if (claims.length === 0) return;
        for (const claim of claims) {
          if (seen.has(claim.id)) doubles++;
          seen.add(claim.id);
          await completeSubmission(db, claim, RESULT);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((db) => db.$disconnect()));
  return { perSecond: seen.size / seconds, doubles };
}

/** Enqueues one submission at a time and measures until a LISTEN-woken host has claimed it. */
async function pickupLatency(url: string, samples: number): Promise<{ p50: number; p99: number }> {
  const producer = await createDatabase(url, { poolSize: 2 });
  const host = await createDatabase(url, { poolSize: 2 });
  await producer.submission.deleteMany({});
  let woken: () => void = () => {};
  const listener = new PostgresWakeUps(url, { onQueued: () => woken() });
  const sender = new PostgresWakeUps(url, {});
  await Promise.all([listener.ready(), sender.ready()]);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const wake = new Promise<void>((resolve) => (woken = resolve));
    const started = performance.now();
    await producer.submission.create({ data: job(i) });
    sender.notifyQueued();
    await wake;
    const claims = await claimQueued(host, { host: "bench", limit: 1, leaseMs: 60_000 });
    latencies.push(performance.now() - started);
    for (const claim of claims) await completeSubmission(host, claim, RESULT);
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all([listener.close(), sender.close(), producer.$disconnect(), host.$disconnect()]);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      jobs: { type: "string", default: "1000" },
      workers: { type: "string", default: "4" },
      samples: { type: "string", default: "200" },
      graded: { type: "string", default: "600" },
    },
  });
  const jobs = Number(values.jobs);
  const workers = Number(values.workers);
  const server = await startPostgres();
  try {
    const postgresUrl = await server.createDatabase("bench");
    await applyPostgresMigrations(postgresUrl);
    await seeded(postgresUrl);
    const sqliteUrl = `file:${join(mkdtempSync(join(tmpdir(), "epoch-bench-")), "epoch.db")}`;
    await run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: sqliteUrl, CHECKPOINT_DISABLE: "1" } });
    await seeded(sqliteUrl);
    const postgres = await claimsPerSecond(postgresUrl, jobs, workers, 1);
    const postgresBatched = await claimsPerSecond(postgresUrl, jobs, workers, 8);
    const sqlite = await claimsPerSecond(sqliteUrl, jobs, workers, 1);
    const sqliteBatched = await claimsPerSecond(sqliteUrl, jobs, workers, 8);
    const pickup = await pickupLatency(postgresUrl, Number(values.samples));
    const graded = await hostRate(postgresUrl, Number(values.graded), 2);
    printReport(`Queue alone: ${jobs} jobs, ${workers} workers, claim + store each result (no grading)`, {
      "PostgreSQL jobs/s, 1 per claim": postgres.perSecond.toFixed(0),
      "PostgreSQL jobs/s, 8 per claim": postgresBatched.perSecond.toFixed(0),
      "PostgreSQL double claims": postgres.doubles + postgresBatched.doubles,
      "SQLite jobs/s, 1 per claim": sqlite.perSecond.toFixed(0),
      "SQLite jobs/s, 8 per claim": sqliteBatched.perSecond.toFixed(0),
      "SQLite double claims": sqlite.doubles + sqliteBatched.doubles,
      "PostgreSQL pickup p50 (LISTEN/NOTIFY)": `${pickup.p50.toFixed(1)} ms`,
      "PostgreSQL pickup p99 (LISTEN/NOTIFY)": `${pickup.p99.toFixed(1)} ms`,
      [`one grader host, pool 2: correct forward passes graded/s`]: graded.toFixed(0),
    });
  } finally {
    await server.stop();
  }
}
