/**
 * Grader faults: while students submit, sandbox processes are killed with SIGKILL in the middle of
 * grading, and whole grader hosts a few times. With several hosts, the others keep grading and
 * take over the killed host's leases once they lapse (the killed host comes back under a new
 * name, as a replacement machine would). Every acknowledged submission must still end with a
 * verdict, written once.
 *
 * npm run load:faults                          # 300 submissions, 20 sandbox kills, 2 host kills
 * npm run load:faults -- --submissions 60 --kills 5 --host-kills 1
 * npm run load:faults -- --database-url postgres://…/empty_db --grader-hosts 2 --lease-seconds 5
 */
import { parseArgs } from "node:util";
import { startApp } from "../support/app-server.ts";
import { buildApp } from "../support/e2e-setup.ts";
import { childPids, isRunning } from "./processes.ts";
import { createStudents, latencySummary, lossReport, payload, printReport, randomStream, signInAll, submitAndWait, type LossReport, type Outcome } from "./workload.ts";

export interface FaultOptions {
  readonly submissions: number;
  readonly sandboxKills: number;
  readonly hostKills: number;
  readonly windowSeconds: number;
  readonly databaseUrl?: string;
  readonly graderHosts?: number;
  /** GRADER_LEASE_SECONDS for the hosts: how long a killed host's work waits for a taker. */
  readonly leaseSeconds?: number;
}

export interface FaultReport extends LossReport {
  readonly sandboxKills: number;
  readonly killedWhileGrading: number;
  readonly hostKills: number;
  readonly latency: { p50: number; p95: number; p99: number; max: number };
}

export async function graderFaults(options: FaultOptions): Promise<FaultReport> {
  const hosts = Math.max(1, options.graderHosts ?? 1);
  const app = await startApp({
    graderPoolSize: 2,
    graderHosts: hosts,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    extraEnv: { GRADER_LEASE_SECONDS: String(options.leaseSeconds ?? 5) },
  });
  try {
    const students = Math.max(1, Math.ceil(options.submissions / 5));
    const sessions = await signInAll(app.baseUrl, await createStudents(app.databaseUrl, students, "fault"));
    const random = randomStream(7);
    let finished = false;
    let sandboxKills = 0;
    let killedWhileGrading = 0;
    let hostKills = 0;

    // The fault injector: kills a busy sandbox process at intervals across the window.
    const injector = (async () => {
      const interval = (options.windowSeconds * 1000) / (options.sandboxKills + options.hostKills + 1);
      const hostKillAt = new Set(Array.from({ length: options.hostKills }, (_, i) => Math.round(((i + 1) * (options.sandboxKills + 1)) / (options.hostKills + 1))));
      for (let round = 1; !finished && (sandboxKills < options.sandboxKills || hostKills < options.hostKills); round++) {
        await new Promise((r) => setTimeout(r, interval));
        // Hosts take turns: the sandbox victim comes from one, the next host kill hits another.
        const target = round % hosts;
        const grader = app.pids().graders[target] ?? null;
        if (grader === null) continue;
        if (hostKillAt.has(round) && hostKills < options.hostKills) {
          hostKills++;
          await app.stopGrader("SIGKILL", target);
          // Alone, it comes back under its own name and takes its claims back at once. With
          // others running, a replacement with a new name joins and the others take over the
          // dead host's leases when they lapse.
          if (hosts === 1) app.startGrader(target);
          else setTimeout(() => app.startGrader(target, `grader-${target}-after-kill-${hostKills}`), 1000);
          continue;
        }
        if (sandboxKills >= options.sandboxKills) continue;
        // Wait (briefly) for a process that is running code right now: that is the fault to test.
        let workers = childPids(grader);
        let busy = workers.filter(isRunning);
        for (let waited = 0; busy.length === 0 && waited < 1000 && !finished; waited += 2) {
          await new Promise((r) => setTimeout(r, 2));
          workers = childPids(grader);
          busy = workers.filter(isRunning);
        }
        const victim = (busy.length > 0 ? busy : workers)[Math.floor(random() * (busy.length || workers.length))];
        if (victim === undefined) continue;
        if (busy.length > 0) killedWhileGrading++;
        try {
          process.kill(victim, "SIGKILL");
          sandboxKills++;
        } catch {
          // it ended by itself
        }
      }
    })();

    const outcomes: Outcome[] = await Promise.all(
      Array.from({ length: options.submissions }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i / options.submissions) * options.windowSeconds * 1000));
        const work = payload(random, { correct: 0.7, wrong: 0.25, slowHostile: 0.01 });
        // A third of the work keeps a sandbox busy for a while (a long but finite loop when the
        // module loads), so that kills land in the middle of grading, not between jobs.
        const slow = random() < 0.35 ? { ...work, code: `${work.code}\nfor (let spin = 0; spin < 4e7; spin++) {}\n` } : work;
        return submitAndWait(sessions[i % sessions.length]!, slow);
      }),
    );
    finished = true;
    await injector;
    return { ...(await lossReport(app.databaseUrl, outcomes)), sandboxKills, killedWhileGrading, hostKills, latency: latencySummary(outcomes) };
  } finally {
    await app.stop();
  }
}

export function printFaults(report: FaultReport, options: FaultOptions): void {
  const where = `${options.databaseUrl ? "PostgreSQL" : "SQLite"}, ${options.graderHosts ?? 1} grader host(s), lease ${options.leaseSeconds ?? 5} s`;
  printReport(`Grader faults: ${options.submissions} submissions over ${options.windowSeconds} s (${where})`, {
    "sandbox processes killed": `${report.sandboxKills} (${report.killedWhileGrading} while running code)`,
    "grader host killed": report.hostKills,
    acknowledged: report.acknowledged,
    graded: report.graded,
    lost: report.lost,
    "correct code not passed": report.wrongVerdicts,
    "left queued/running": report.leftUnfinished,
    "claims per submission": JSON.stringify(report.claims),
    "graded by host": JSON.stringify(report.gradedBy),
    "submit → verdict p50": `${report.latency.p50.toFixed(0)} ms`,
    "submit → verdict p99": `${report.latency.p99.toFixed(0)} ms`,
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      submissions: { type: "string", default: "300" },
      kills: { type: "string", default: "20" },
      "host-kills": { type: "string", default: "2" },
      window: { type: "string", default: "40" },
      "database-url": { type: "string" },
      "grader-hosts": { type: "string", default: "1" },
      "lease-seconds": { type: "string", default: "5" },
    },
  });
  const options: FaultOptions = {
    submissions: Number(values.submissions),
    sandboxKills: Number(values.kills),
    hostKills: Number(values["host-kills"]),
    windowSeconds: Number(values.window),
    graderHosts: Number(values["grader-hosts"]),
    leaseSeconds: Number(values["lease-seconds"]),
    ...(values["database-url"] ? { databaseUrl: values["database-url"] } : {}),
  };
  buildApp();
  const report = await graderFaults(options);
  printFaults(report, options);
  process.exit(report.lost === 0 && report.wrongVerdicts === 0 && report.leftUnfinished === 0 ? 0 : 1);
}
