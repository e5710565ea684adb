/** The benchmark's end-to-end part: simulated students submitting to the production server on loopback. */
import { startApp } from "../support/app-server.ts";
import { createStudents, percentile, signInAll, submitAndWait, type Payload } from "../load/workload.ts";
import { readSolution } from "../../exercises/fixtures.ts";

export interface EndToEndRow {
  readonly concurrency: number;
  readonly rate: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly graded: number;
  readonly wrong: number;
}

const CORRECT: Payload = {
  kind: "correct",
  exerciseId: "backprop-warmup",
  itemId: "ml101-week1-backprop-warmup",
  code: readSolution("backprop-warmup", "correct"),
  expected: "passed",
};

export async function endToEnd(levels: readonly number[], quick: boolean): Promise<EndToEndRow[]> {
  // Rate limits would throttle simulated students that submit back to back; lift them here.
  const app = await startApp({ extraEnv: { SUBMISSIONS_PER_MINUTE: "1000", RUNS_PER_MINUTE: "1000" } });
  try {
    const sessions = await signInAll(app.baseUrl, await createStudents(app.databaseUrl, Math.max(...levels), "bench"));
    // Let the grader host finish its start-up work (the demo classmates' submissions, exercise checks).
    await new Promise((r) => setTimeout(r, quick ? 3000 : 10_000));
    const rows: EndToEndRow[] = [];
    for (const concurrency of levels) {
      const perUser = quick ? 3 : Math.max(5, Math.ceil(600 / concurrency));
      const latencies: number[] = [];
      let wrong = 0;
      const started = performance.now();
      await Promise.all(
        sessions.slice(0, concurrency).map(async (session, u) => {
          for (let i = 0; i < perUser; i++) {
            const outcome = await submitAndWait(session, { ...CORRECT, code: `${CORRECT.code}\n// user ${u} try ${i}\n` }, 60_000);
            if (outcome.latencyMs !== null) latencies.push(outcome.latencyMs);
            if (outcome.verdict !== "passed") wrong++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      rows.push({
        concurrency,
        rate: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        graded: latencies.length,
        wrong,
      });
    }
    return rows;
  } finally {
    await app.stop();
  }
}
