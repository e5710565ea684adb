/**
 * The grader host: a process apart from the web server that takes queued submissions from the
 * database, grades them in its sandbox pool and writes the results back. Any number of hosts,
 * on any machines, may share one PostgreSQL database: each claims work under a lease that it
 * renews while grading (prisma/queue.ts), so a host that dies leaves nothing stuck.
 *
 * npm run grader   (npm start runs one beside the web server)
 */
import { existsSync, unlinkSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { availableParallelism, hostname } from "node:os";
import { databaseUrl, env } from "../../config.ts";
import { createDatabase, providerOf, urlOf, type Database } from "../../prisma/client.ts";
import { PostgresWakeUps } from "../../prisma/wakeups.ts";
import { channelPath, encodeMessage, messageReader } from "../../prisma/channel.ts";
import { gradeSubmission } from "../engine/grade.ts";
import { JOBS_IN_FLIGHT_PER_SANDBOX, SandboxPool } from "../sandbox/pool.ts";
import { checkExercise } from "../engine/check-solutions.ts";
import { exerciseVersion, findCalculation, getExercise, listExercises } from "../../exercises/registry.ts";
import type { Exercise } from "../../exercises/spec/define.ts";
import { gradeAnswers } from "../engine/calculation.ts";
import { exerciseForGrading, refreshContent, refreshContentIfStale } from "../../prisma/content.ts";
import {
  claimQueued,
  claimQueuedRegrades,
  completeSubmission,
  releaseHostClaims,
  releaseRegrades,
  releaseSubmission,
  renewLeases,
  type ClaimedRegrade,
  type ClaimedSubmission,
} from "../../prisma/queue.ts";
import { RegradeWriter } from "./regrade-writer.ts";
import type { GradeResult } from "../engine/result.ts";
import { parseLanguage } from "../../exercises/spec/languages.ts";
import { startConfiguredMailer } from "./mail/outbox.ts";

/**
 * Grades a stored submission. A calculation's answers are graded here, without the pool
 * (the web app grades them at once on Submit; the host sees them in regrades).
 */
async function gradeStored(
  pool: SandboxPool,
  row: Pick<ClaimedSubmission, "exerciseId" | "code" | "language" | "seed" | "kind">,
  loadExercise: () => Promise<Exercise>,
): Promise<GradeResult> {
  const calculation = findCalculation(row.exerciseId);
  if (calculation) return gradeAnswers({ calculation, answers: row.code, seed: row.seed });
  return gradeSubmission(pool, {
    exercise: await loadExercise(),
    source: row.code,
    language: parseLanguage(row.language),
    seed: row.seed,
    mode: row.kind === "run" ? "run" : "submit",
  });
}

/** How often an idle host looks for new work when no wake-up comes (the channel is a hint). */
const DEFAULT_IDLE_POLL_MS = 100;
/** The grader's own failures are retried this many times before the failure is recorded. */
const MAX_GRADING_ATTEMPTS = 3;
/** A claim lasts this long unless renewed (GRADER_LEASE_SECONDS). */
const DEFAULT_LEASE_MS = 15_000;
/** With no regrade in sight, the regrade queue is looked at this often (a wake-up looks at once). */
const REGRADE_IDLE_CHECK_MS = 1000;

export interface GraderHostOptions {
  readonly poolSize?: number;
  readonly log?: (message: string) => void;
  /** Run `exercises:check` for the bank page when starting (default true). */
  readonly checkExercises?: boolean;
  /** Start a Python interpreter in every sandbox process at once, so no student waits for one (default false; the host's command sets it from GRADER_PREPARE_PYTHON). */
  readonly preparePython?: boolean;
  /**
   * Unix socket for wake-ups from and to the web server on this machine (see channel.ts); none
   * when omitted. On PostgreSQL, wake-ups go through LISTEN/NOTIFY instead (wakeups.ts).
   */
  readonly channelPath?: string;
  /** This host's name in logs and on the submissions it grades (default hostname:pid). */
  readonly name?: string;
  /** How long a claim lasts unless renewed; the host renews its claims every third of it. */
  readonly leaseMs?: number;
  /** How often the queue is looked at without a wake-up (default 100 ms). */
  readonly idlePollMs?: number;
}

export class GraderHost {
  readonly #db: Database;
  readonly #pool: SandboxPool;
  readonly #capacity: number;
  readonly #poolSize: number;
  readonly #inFlight = new Set<Promise<void>>();
  /** What this host holds a lease on (submission or regrade entry id): renewed by the heartbeat, released on stop. */
  readonly #held = new Map<string, ClaimedSubmission | ClaimedRegrade>();
  readonly name: string;
  readonly #leaseMs: number;
  readonly #idlePollMs: number;
  /** Claims made (statements run against the students' queue), for tests and status. */
  claims = 0;
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #beating = false;
  /** When the leases were last renewed: a renewal later than a lease lasts is worth a line in the log. */
  #renewedAt = Date.now();
  readonly #log: (message: string) => void;
  readonly #checkExercises: boolean;
  #stopping = false;
  #loop: Promise<void> | null = null;
  readonly #channelPath: string | undefined;
  #channel: Server | null = null;
  #postgresWakeUps: PostgresWakeUps | null = null;
  readonly #listeners = new Set<Socket>();
  #wake: () => void = () => {};
  #regradesCheckedAt = 0;
  /** Whether the last look at the regrade queue found work: then the next look comes at once. */
  #regradesFound = false;
  /**
   * Regrade entries claimed (a batch per round trip) but not yet handed to the pool: they go in
   * only when students' submissions leave room, so a regrade never makes a student wait.
   */
  readonly #regradeBacklog: ClaimedRegrade[] = [];
  readonly #regradeBatch: number;
  /** Set by a wake-up: the students' queue is looked at on the next turn of the loop, regrade or not. */
  #studentsMayWait = true;
  #studentsCheckedAt = 0;
  readonly #regradeWriter: RegradeWriter;
  graded = 0;

  constructor(db: Database, options: GraderHostOptions = {}) {
    this.#db = db;
    const size = options.poolSize ?? availableParallelism();
    this.#pool = new SandboxPool({ size, preparePython: options.preparePython ?? false });
    this.#capacity = size * JOBS_IN_FLIGHT_PER_SANDBOX;
    this.#regradeBatch = Math.max(64, this.#capacity * 16);
    this.name = options.name ?? `${hostname()}:${process.pid}`;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#idlePollMs = options.idlePollMs ?? DEFAULT_IDLE_POLL_MS;
    this.#poolSize = size;
    this.#log = options.log ?? ((message) => console.warn(`[grader ${this.name}] ${message}`));
    this.#checkExercises = options.checkExercises ?? true;
    this.#channelPath = options.channelPath;
    this.#regradeWriter = new RegradeWriter(db, {
      persist: (what, write) => this.#persist(what, write),
      // Held (and renewed) until written: a result waiting for its write is still this host's.
      onWritten: (claims) => {
        for (const claim of claims) this.#held.delete(`regrade:${claim.entryId}`);
      },
    });
  }

  /** Listens for "queued" from web servers and tells them "graded". */
  async #openChannel(path: string): Promise<void> {
    if (existsSync(path)) {
      // Another host on this machine may serve the line (the web server talks to one host);
      // this one then polls. Otherwise the socket was left by a host that did not stop cleanly.
      if (await answers(path)) {
        this.#log("another grader host serves the wake-up line here; this one polls");
        return;
      }
      unlinkSync(path);
    }
    const server = createServer((socket) => {
      this.#listeners.add(socket);
      socket.on(
        "data",
        messageReader((message) => message.type === "queued" && this.#wakeUp()),
      );
      socket.on("close", () => this.#listeners.delete(socket));
      socket.on("error", () => socket.destroy());
    });
    server.on("error", (error) => this.#log(`the wake-up channel failed (${error.message}); polling instead`));
    server.listen(path);
    this.#channel = server;
  }

  #announceGraded(id: string): void {
    this.#postgresWakeUps?.notifyGraded(id);
    const line = encodeMessage({ type: "graded", id });
    for (const socket of this.#listeners) socket.write(line);
  }

  async start(): Promise<void> {
    // Only this host's own leftovers (same name, an earlier run): other hosts' work is theirs
    // until their leases lapse.
    const released = await releaseHostClaims(this.#db, this.name);
    if (released > 0) this.#log(`released ${released} submission(s) this host held when it last stopped`);
    const now = new Date();
    await this.#db.graderHost.upsert({
      where: { name: this.name },
      create: { name: this.name, poolSize: this.#poolSize, startedAt: now, heartbeatAt: now },
      update: { poolSize: this.#poolSize, startedAt: now, heartbeatAt: now, stoppedAt: null, graded: 0 },
    });
    if (providerOf(this.#db) === "postgresql") {
      this.#postgresWakeUps = new PostgresWakeUps(urlOf(this.#db), { onQueued: () => this.#wakeUp(), log: this.#log });
      await this.#postgresWakeUps.ready();
    } else if (this.#channelPath) await this.#openChannel(this.#channelPath);
    this.#renewedAt = Date.now();
    this.#heartbeat = setInterval(() => void this.#beat(), Math.max(100, this.#leaseMs / 3));
    // Course content synced so far, so the checks below cover it too.
    await refreshContent(this.#db).catch((error: unknown) => this.#log(`loading course content failed: ${error instanceof Error ? error.message : String(error)}`));
    this.#loop = this.#run();
    if (this.#checkExercises) void this.#recordExerciseChecks();
  }

  /** Wake-ups reach this host: it serves the local line (SQLite) or listens on PostgreSQL. */
  #hearsWakeUps(): boolean {
    return this.#channel !== null || this.#postgresWakeUps !== null;
  }

  /** Something was queued: a submission, or a regrade (whose queue is then looked at without waiting). */
  #wakeUp(): void {
    this.#regradesCheckedAt = 0;
    this.#studentsMayWait = true;
    this.#wake();
  }

  /** Renews the leases this host holds and says it is alive. */
  async #beat(): Promise<void> {
    // A slow database must not pile beats up.
    if (this.#beating) return;
    this.#beating = true;
    try {
      const held = [...this.#held.entries()];
      // Claims made together share a token.
      const renewed = await renewLeases(this.#db, [...new Set(held.map(([, claim]) => claim.claimToken))], this.#leaseMs);
      const sinceLastRenewal = Date.now() - this.#renewedAt;
      this.#renewedAt = Date.now();
      if (held.length > 0 && sinceLastRenewal > this.#leaseMs)
        this.#log(`leases renewed ${sinceLastRenewal} ms apart, longer than a lease (${this.#leaseMs} ms): is this machine overloaded?`);
      // What finished meanwhile was not renewed, rightly.
      const stillHeld = held.filter(([key]) => this.#held.has(key)).length;
      if (renewed < stillHeld) this.#log(`${stillHeld - renewed} lease(s) lapsed and were taken over by another host`);
      await this.#db.graderHost.updateMany({ where: { name: this.name }, data: { heartbeatAt: new Date(), graded: this.graded } });
    } catch (error) {
      this.#log(`heartbeat failed: ${error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error)}`);
    } finally {
      this.#beating = false;
    }
  }

  /** Checks every exercise through this host's pool and stores the reports for the bank page. */
  async #recordExerciseChecks(): Promise<void> {
    for (const exercise of listExercises()) {
      if (this.#stopping) return;
      try {
        const report = await checkExercise(this.#pool, exercise);
        await this.#db.exerciseCheck.upsert({
          where: { exerciseId: exercise.id },
          create: { exerciseId: exercise.id, ok: report.ok, report: JSON.stringify({ problems: report.problems, passed: report.passed }) },
          update: { ok: report.ok, report: JSON.stringify({ problems: report.problems, passed: report.passed }), checkedAt: new Date() },
        });
        if (!report.ok) this.#log(`exercise ${exercise.id} fails exercises:check: ${report.problems.map((p) => p.message).join("; ")}`);
      } catch (error) {
        if (!this.#stopping) this.#log(`could not check exercise ${exercise.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let claimed: ClaimedSubmission[] = [];
      // A claim is a write, and SQLite has one writer at a time (the web server's inserts wait for
      // it). So once a claim has found fewer than it asked for, the queue is looked at again only
      // when a wake-up says something was queued, or every idle poll (a wake-up is a hint), busy or
      // not, rather than after every finished job. A host that hears no wake-ups looks every turn.
      const lookForStudents = this.#studentsMayWait || !this.#hearsWakeUps() || Date.now() - this.#studentsCheckedAt >= this.#idlePollMs;
      try {
        const limit = this.#capacity - this.#inFlight.size;
        if (lookForStudents && limit > 0) {
          this.#studentsMayWait = false;
          this.#studentsCheckedAt = Date.now();
          this.claims++;
          claimed = await claimQueued(this.#db, { host: this.name, limit, leaseMs: this.#leaseMs });
          // A full batch: more may be waiting.
          if (claimed.length === limit) this.#studentsMayWait = true;
        }
      } catch (error) {
        this.#log(`could not read the queue: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(500);
      }
      for (const claim of claimed) {
        this.#held.set(`submission:${claim.id}`, claim);
        const task: Promise<void> = this.#grade(claim).finally(() => {
          this.#inFlight.delete(task);
          this.#held.delete(`submission:${claim.id}`);
        });
        this.#inFlight.add(task);
      }
      // Regrades use only what students leave free: students were claimed first, up to capacity.
      let regradesStarted = 0;
      if (this.#inFlight.size < this.#capacity) {
        if (this.#regradeBacklog.length === 0 && (this.#regradesFound || Date.now() - this.#regradesCheckedAt > REGRADE_IDLE_CHECK_MS)) await this.#claimRegrades();
        while (this.#inFlight.size < this.#capacity && this.#regradeBacklog.length > 0 && !this.#stopping) {
          const claim = this.#regradeBacklog.shift()!;
          const task: Promise<void> = this.#regrade(claim).finally(() => this.#inFlight.delete(task));
          this.#inFlight.add(task);
          regradesStarted++;
        }
      }
      if ((claimed.length === 0 && regradesStarted === 0) || this.#inFlight.size >= this.#capacity) {
        const woken = new Promise<void>((resolve) => (this.#wake = resolve));
        await Promise.race([sleep(this.#idlePollMs), woken, ...(this.#inFlight.size >= this.#capacity ? this.#inFlight : [])]);
      }
    }
  }

  async #grade(claim: ClaimedSubmission): Promise<void> {
    let result: GradeResult;
    try {
      // The version recorded when it was submitted, loaded from the database if this host lacks it.
      result = await gradeStored(this.#pool, claim, async () => (await exerciseForGrading(this.#db, claim.exerciseId, claim.exerciseVersion)).exercise);
    } catch (error) {
      this.#log(`grading ${claim.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (this.#stopping) return; // released by stop()
      if (claim.gradingAttempts < MAX_GRADING_ATTEMPTS) {
        await this.#persist(`releasing ${claim.id}`, () => releaseSubmission(this.#db, claim));
        return;
      }
      result = internalErrorResult(claim, error);
    }
    if (result.verdict === "internal_error" && claim.gradingAttempts < MAX_GRADING_ATTEMPTS && !this.#stopping) {
      await this.#persist(`releasing ${claim.id}`, () => releaseSubmission(this.#db, claim));
      return;
    }
    const stored = await this.#persist(`storing the result of ${claim.id}`, () => completeSubmission(this.#db, claim, result));
    if (stored === true) {
      this.graded++;
      this.#announceGraded(claim.id);
    } else if (stored === false) this.#log(`submission ${claim.id} was claimed elsewhere; result discarded`);
  }

  /**
   * A database write the host must not lose: retried with backoff while the host runs. If the
   * host stops first, the submission is still "running" and its lease lapses or is released.
   */
  async #persist<T>(what: string, write: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        this.#log(`${what} failed (attempt ${attempt + 1}): ${error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error)}`);
        if (this.#stopping) return undefined;
        await sleep(Math.min(5000, 50 * 2 ** attempt));
      }
    }
  }

  /** Claims a batch of regrade entries into the backlog; their leases are renewed from now on. */
  async #claimRegrades(): Promise<void> {
    this.#regradesCheckedAt = Date.now();
    try {
      const claims = await claimQueuedRegrades(this.#db, this.#regradeBatch, this.#leaseMs);
      this.#regradesFound = claims.length > 0;
      for (const claim of claims) {
        this.#held.set(`regrade:${claim.entryId}`, claim);
        this.#regradeBacklog.push(claim);
      }
    } catch (error) {
      this.#regradesFound = false;
      this.#log(`could not read the regrade queue: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Grades one regrade entry; the writer stores its result with others finished meanwhile. */
  async #regrade(claim: ClaimedRegrade): Promise<void> {
    const { submission } = claim;
    try {
      // A regrade uses the version served now: that is what a regrade is for. Answers to a
      // calculation have no version: calculations are built in.
      await refreshContentIfStale(this.#db);
      const version = findCalculation(submission.exerciseId) ? null : exerciseVersion(submission.exerciseId);
      const result = await gradeStored(this.#pool, submission, async () => getExercise(submission.exerciseId));
      this.#regradeWriter.add(claim, result, version);
    } catch (error) {
      // Left "running": no longer renewed, its lease lapses and a host takes it over.
      this.#held.delete(`regrade:${claim.entryId}`);
      this.#log(`regrading ${submission.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Stops claiming, lets work in progress finish (for up to `graceMs`, leases still renewed),
   * puts back in the queue what did not finish, so other hosts take it at once, and shuts the
   * pool down.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopping = true;
    this.#wake();
    await this.#loop;
    await Promise.race([Promise.all(this.#inFlight).then(() => this.#regradeWriter.drained()), sleep(graceMs)]);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    const unfinished = [...this.#held.values()];
    this.#held.clear();
    this.#regradeBacklog.length = 0;
    try {
      await releaseRegrades(
        this.#db,
        unfinished.filter((claim) => "entryId" in claim),
      );
      for (const claim of unfinished) if (!("entryId" in claim)) await releaseSubmission(this.#db, claim);
      if (unfinished.length > 0) this.#log(`released ${unfinished.length} unfinished claim(s) for other hosts`);
      await this.#db.graderHost.updateMany({ where: { name: this.name }, data: { stoppedAt: new Date(), heartbeatAt: new Date(), graded: this.graded } });
    } catch (error) {
      this.#log(`could not release claims on stop (their leases will lapse): ${error instanceof Error ? error.message : String(error)}`);
    }
    this.#channel?.close();
    for (const socket of this.#listeners) socket.destroy();
    await this.#postgresWakeUps?.close();
    await this.#pool.close();
  }
}

function internalErrorResult(claim: ClaimedSubmission, error: unknown): GradeResult {
  return {
    exerciseId: claim.exerciseId,
    seed: claim.seed,
    mode: claim.kind === "run" ? "run" : "submit",
    verdict: "internal_error",
    score: 0,
    maxScore: 0,
    summary: "The grader failed on this submission",
    error: { message: error instanceof Error ? error.message : String(error) },
    tests: [],
    hidden: { total: 0, passed: 0 },
    timing: { totalMs: 0 },
    redacted: false,
  };
}

/** Whether something listens on the Unix socket at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });
}

/** A database URL fit for a log: without its password. */
function redactedUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const db = await createDatabase(databaseUrl(), { poolSize: env().DATABASE_POOL_SIZE });
  const host = new GraderHost(db, {
    poolSize: env().GRADER_POOL_SIZE,
    channelPath: channelPath(env().EPOCH_DATA_DIR),
    name: env().GRADER_HOST_NAME,
    leaseMs: env().GRADER_LEASE_SECONDS * 1000,
    checkExercises: env().GRADER_CHECK_EXERCISES,
    preparePython: env().GRADER_PREPARE_PYTHON,
  });
  await host.start();
  console.warn(`[grader ${host.name}] grading submissions from ${redactedUrl(databaseUrl())}`);
  const mailer = startConfiguredMailer(db, (message) => console.warn(`[grader ${host.name}] ${message}`));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.warn(`[grader ${host.name}] ${signal}: no new claims; finishing work in progress`);
    void host
      .stop()
      .then(() => mailer?.stop())
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

if (import.meta.main) await main();
