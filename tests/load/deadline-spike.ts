/**
 * Deadline spike: many students, each submitting a few times within one window (mixed correct,
 * wrong and hostile code), against the real server on loopback.
 *
 * npm run load:spike                         # 500 students × 3 submissions within 60 s
 * npm run load:spike -- --students 50 --window 10
 * npm run load:spike -- --database-url postgres://…/empty_db --grader-hosts 2
 *
 * Exits non-zero when a submission is lost or left queued/running, a correct one did not pass,
 * or any submission was claimed twice (no host dies here, so every claim should be the last).
 */
import { parseArgs } from "node:util";
import { startApp } from "../support/app-server.ts";
import { buildApp } from "../support/e2e-setup.ts";
import { createStudents, latencySummary, lossReport, payload, printReport, randomStream, signInAll, submitAndWait, type LossReport, type Outcome } from "./workload.ts";

export interface SpikeOptions {
  readonly students: number;
  readonly perStudent: number;
  readonly windowSeconds: number;
  readonly graderPoolSize?: number;
  /** An empty database on a running PostgreSQL server (migrated here); default a fresh SQLite file. */
  readonly databaseUrl?: string;
  readonly graderHosts?: number;
}

export interface SpikeReport extends LossReport {
  readonly submitted: number;
  readonly refused: Record<number, number>;
  readonly latency: { p50: number; p95: number; p99: number; max: number };
  readonly wallSeconds: number;
}

export async function deadlineSpike(options: SpikeOptions): Promise<SpikeReport> {
  const app = await startApp({
    ...(options.graderPoolSize ? { graderPoolSize: options.graderPoolSize } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    graderHosts: options.graderHosts ?? 1,
  });
  try {
    const emails = await createStudents(app.databaseUrl, options.students, "spike");
    const sessions = await signInAll(app.baseUrl, emails);
    const random = randomStream(42);
    const plan = sessions.flatMap((session) => Array.from({ length: options.perStudent }, () => ({ session, at: random() * options.windowSeconds * 1000, work: payload(random) })));
    const started = performance.now();
    const outcomes: Outcome[] = await Promise.all(
      plan.map(async ({ session, at, work }) => {
        await new Promise((r) => setTimeout(r, at));
        return submitAndWait(session, work);
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const report = await lossReport(app.databaseUrl, outcomes);
    const refused: Record<number, number> = {};
    for (const o of outcomes) if (o.id === null) refused[o.acknowledgedStatus] = (refused[o.acknowledgedStatus] ?? 0) + 1;
    return { ...report, submitted: outcomes.length, refused, latency: latencySummary(outcomes), wallSeconds };
  } finally {
    await app.stop();
  }
}

export function printSpike(report: SpikeReport, options: SpikeOptions): void {
  const where = `${options.databaseUrl ? "PostgreSQL" : "SQLite"}, ${options.graderHosts ?? 1} grader host(s)`;
  printReport(`Deadline spike: ${options.students} students × ${options.perStudent} submissions within ${options.windowSeconds} s (${where})`, {
    submitted: report.submitted,
    acknowledged: report.acknowledged,
    "refused (status: count)": JSON.stringify(report.refused),
    graded: report.graded,
    lost: report.lost,
    "correct code not passed": report.wrongVerdicts,
    "left queued/running": report.leftUnfinished,
    "claims per submission": JSON.stringify(report.claims),
    "claimed twice": report.claimedTwice,
    "graded by host": JSON.stringify(report.gradedBy),
    "submit → verdict p50": `${report.latency.p50.toFixed(0)} ms`,
    "submit → verdict p95": `${report.latency.p95.toFixed(0)} ms`,
    "submit → verdict p99": `${report.latency.p99.toFixed(0)} ms`,
    "submit → verdict max": `${report.latency.max.toFixed(0)} ms`,
    "wall time": `${report.wallSeconds.toFixed(1)} s`,
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      students: { type: "string", default: "500" },
      "per-student": { type: "string", default: "3" },
      window: { type: "string", default: "60" },
      "database-url": { type: "string" },
      "grader-hosts": { type: "string", default: "1" },
    },
  });
  const options: SpikeOptions = {
    students: Number(values.students),
    perStudent: Number(values["per-student"]),
    windowSeconds: Number(values.window),
    graderHosts: Number(values["grader-hosts"]),
    ...(values["database-url"] ? { databaseUrl: values["database-url"] } : {}),
  };
  buildApp();
  const report = await deadlineSpike(options);
  printSpike(report, options);
  process.exit(report.lost === 0 && report.wrongVerdicts === 0 && report.leftUnfinished === 0 && report.claimedTwice === 0 ? 0 : 1);
}
