/**
 * Server restarts: submissions queued while no grader runs, the web server stopped and started
 * again with work queued and in flight, the grader host stopped mid-grading. None may be lost.
 *
 * npm run load:restart                    # 200 submissions
 * npm run load:restart -- --submissions 40
 */
import { parseArgs } from "node:util";
import { startApp } from "../support/app-server.ts";
import { buildApp } from "../support/e2e-setup.ts";
import { createStudents, lossReport, payload, printReport, randomStream, signInAll, submitAndWait, type LossReport, type Outcome } from "./workload.ts";

export interface RestartReport extends LossReport {
  readonly webRestarts: number;
  readonly graderRestarts: number;
  readonly queuedAtFirstRestart: number;
}

export async function serverRestart(options: { submissions: number }): Promise<RestartReport> {
  // No grader at first: everything submitted now stays queued through the restart.
  const app = await startApp({ graderPoolSize: 2, startGrader: false });
  try {
    const sessions = await signInAll(app.baseUrl, await createStudents(app.databaseUrl, Math.max(1, Math.ceil(options.submissions / 4)), "restart"));
    const random = randomStream(11);
    const half = Math.floor(options.submissions / 2);
    const acknowledged: string[] = [];
    const waiting: Promise<Outcome>[] = [];
    const submit = (i: number) =>
      waiting.push(submitAndWait(sessions[i % sessions.length]!, payload(random, { correct: 0.7, wrong: 0.3, slowHostile: 0 }), 300_000, (id) => acknowledged.push(id)));

    for (let i = 0; i < half; i++) submit(i);
    while (acknowledged.length < half) await new Promise((r) => setTimeout(r, 50));
    const queuedAtFirstRestart = acknowledged.length;

    // 1. Restart the web server with everything queued and the clients long-polling.
    await app.stopWeb();
    await app.startWeb();
    // 2. The grader starts; more submissions arrive; the grader is killed mid-grading and restarted.
    app.startGrader();
    for (let i = half; i < options.submissions; i++) submit(i);
    // Every submission acknowledged before the next restart: one still being sent when the web
    // server stops was never acknowledged, so it proves nothing either way.
    while (acknowledged.length < options.submissions && waiting.length === options.submissions) {
      const settled = await Promise.race([Promise.all(waiting).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 50))]);
      if (settled) break;
    }
    await new Promise((r) => setTimeout(r, 1000));
    await app.stopGrader("SIGKILL");
    app.startGrader();
    // 3. The web server restarts once more while grading is under way.
    await new Promise((r) => setTimeout(r, 500));
    await app.stopWeb();
    await app.startWeb();

    const outcomes = await Promise.all(waiting);
    return { ...(await lossReport(app.databaseUrl, outcomes)), webRestarts: 2, graderRestarts: 1, queuedAtFirstRestart };
  } finally {
    await app.stop();
  }
}

export function printRestart(report: RestartReport, options: { submissions: number }): void {
  printReport(`Server restarts: ${options.submissions} submissions`, {
    "queued at the first restart": report.queuedAtFirstRestart,
    "web server restarts": report.webRestarts,
    "grader host kills": report.graderRestarts,
    acknowledged: report.acknowledged,
    graded: report.graded,
    lost: report.lost,
    "correct code not passed": report.wrongVerdicts,
    "claims per submission": JSON.stringify(report.claims),
  });
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { submissions: { type: "string", default: "200" } } });
  const options = { submissions: Number(values.submissions) };
  buildApp();
  const report = await serverRestart(options);
  printRestart(report, options);
  process.exit(report.lost === 0 && report.wrongVerdicts === 0 ? 0 : 1);
}
