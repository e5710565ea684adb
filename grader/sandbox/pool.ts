/**
 * A pool of warm sandbox processes. Each process runs one job at a time in a fresh isolate;
 * the pool watches every job with a wall-clock watchdog, kills a process that overruns or
 * grows too large, replaces any process that dies, and retries a job once when its process
 * died for a reason the job may not have caused. A process that finishes a job holding on to
 * too much memory, or whose TypeScript type remover broke, is replaced (recycled) without
 * blaming the job.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { JobOutcome, SandboxJob, SandboxToHost } from "./protocol.ts";

export interface PoolOptions {
  /** Number of sandbox processes; defaults to the machine's available parallelism. */
  readonly size?: number;
  /** Extra wall-clock time a job gets beyond its time limit before its process is killed. */
  readonly graceMs?: number;
  /** A sandbox process whose resident memory exceeds this while it runs a job is killed (the job is blamed). */
  readonly maxRssMb?: number;
  /**
   * A sandbox process still holding more resident memory than this when a job finishes is
   * replaced, and the job keeps its result. A fresh process holds about 100 MB; memory some
   * submissions leave behind (thousands of `Intl` formatters, say) is not given back to the
   * system when their isolate is disposed. Default 300.
   */
  readonly recycleAboveRssMb?: number;
  /**
   * The same two ceilings for a process that hosts Python (from its first Python job on): the
   * interpreter's snapshot, a restored spare and the code of the WebAssembly interpreter keep
   * such a process near 300 MB at rest, and a job may grow its interpreter's heap to its cap
   * (128 MB by default). Defaults 768 and 640.
   */
  readonly pythonMaxRssMb?: number;
  readonly pythonRecycleAboveRssMb?: number;
  /**
   * Extra wall-clock time for a Python job: restoring a fresh interpreter (after a test that
   * timed out or ended its interpreter) is the grader's time, not the student's. Default 8000.
   */
  readonly pythonGraceMs?: number;
  /** Extra wall-clock time for the first Python job of a process, which starts the interpreter (snapshot and spare). Default 30000. */
  readonly pythonStartMs?: number;
  /**
   * Start the Python interpreter in every process as soon as the process starts, so no Python
   * submission waits for it (each process then holds about 200 MB more). Without this a process
   * starts it on its first Python job; from the pool's first Python job on, every process
   * (and every replacement) starts it right away anyway. Default false.
   */
  readonly preparePython?: boolean;
  /** Replace a process after this many jobs, so slow leaks cannot accumulate. */
  readonly recycleAfterJobs?: number;
  /** How many times a job whose process died is run again before the death is blamed on it. */
  readonly retriesAfterCrash?: number;
}

export interface PoolStats {
  readonly size: number;
  readonly busy: number;
  readonly queued: number;
  readonly jobsCompleted: number;
  readonly processesStarted: number;
  readonly crashes: number;
  readonly watchdogKills: number;
  /** Processes replaced in good order: too much memory left after a job, a broken type remover, or recycleAfterJobs. */
  readonly recycles: number;
  /** Processes with a restored Python interpreter waiting for a Python job. */
  readonly pythonSpares: number;
}

interface Task {
  readonly job: SandboxJob;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
  /** Id of the current attempt's message, so a late answer from a replaced process is ignored. */
  messageId: number;
}

interface Slot {
  process: ChildProcess;
  ready: boolean;
  task: Task | null;
  jobsRun: number;
  watchdog: NodeJS.Timeout | null;
  /** The current job's wall-clock budget, in ms. */
  watchdogMs: number;
  /** The process has been given a Python job or asked to prepare Python, so it holds a Python runtime (or is starting one). */
  hostsPython: boolean;
  /** Its Python runtime has started (it has reported a restored interpreter at least once). */
  pythonStarted: boolean;
  /** A restored interpreter waits there (as last reported; a hint for dispatch, never a guarantee). */
  pythonSpare: boolean;
  /** Why the pool itself killed this process, if it did. */
  killedFor: "watchdog" | "memory" | "recycle" | null;
  catastrophic: string | null;
}

const WORKER_PATH = fileURLToPath(new URL("./worker.ts", import.meta.url));

/**
 * Node's flags for a sandbox process. --no-sparkplug: V8's baseline compiler compiles, on a
 * background thread, functions that ran a few times; an isolate lives for one submission, so
 * that work is mostly thrown away, and the thread competes for the cores. Hot student code still
 * reaches the optimizing tiers (a 150×150 matrix product took the same time); CPU per submission
 * fell by about a tenth. (Maglev stays: without it a 30×30 matrix product took 40% longer.)
 */
export const SANDBOX_EXEC_ARGV: readonly string[] = ["--no-node-snapshot", "--no-sparkplug", "--disable-warning=ExperimentalWarning"];

/**
 * Jobs to keep in flight per sandbox process (a grader host's claims): one running, one waiting
 * here, so a process that finishes starts the next at once instead of idling while its caller
 * claims more, without hoarding claims other hosts could take.
 */
export const JOBS_IN_FLIGHT_PER_SANDBOX = 2;

export class SandboxPool {
  readonly #size: number;
  readonly #graceMs: number;
  readonly #maxRssBytes: number;
  readonly #recycleAboveRssBytes: number;
  readonly #pythonMaxRssBytes: number;
  readonly #pythonRecycleAboveRssBytes: number;
  readonly #pythonGraceMs: number;
  readonly #pythonStartMs: number;
  readonly #recycleAfterJobs: number;
  readonly #retriesAfterCrash: number;
  readonly #slots = new Set<Slot>();
  readonly #queue: Task[] = [];
  readonly #memoryTimer: NodeJS.Timeout;
  /** Python is wanted: every process prepares its interpreter as soon as it is ready. */
  #pythonWanted: boolean;
  #nextJobId = 1;
  #closed = false;
  #stats = { jobsCompleted: 0, processesStarted: 0, crashes: 0, watchdogKills: 0, recycles: 0 };

  constructor(options: PoolOptions = {}) {
    this.#size = Math.max(1, options.size ?? availableParallelism());
    this.#graceMs = options.graceMs ?? 1000;
    this.#maxRssBytes = (options.maxRssMb ?? 512) * 1024 * 1024;
    this.#recycleAboveRssBytes = (options.recycleAboveRssMb ?? 300) * 1024 * 1024;
    this.#pythonMaxRssBytes = (options.pythonMaxRssMb ?? 768) * 1024 * 1024;
    this.#pythonRecycleAboveRssBytes = (options.pythonRecycleAboveRssMb ?? 640) * 1024 * 1024;
    this.#pythonGraceMs = options.pythonGraceMs ?? 8000;
    this.#pythonStartMs = options.pythonStartMs ?? 30_000;
    this.#recycleAfterJobs = options.recycleAfterJobs ?? 5000;
    this.#retriesAfterCrash = options.retriesAfterCrash ?? 1;
    this.#pythonWanted = options.preparePython ?? false;
    for (let i = 0; i < this.#size; i++) this.#spawn();
    this.#memoryTimer = setInterval(() => void this.#checkMemory(), 200);
    this.#memoryTimer.unref();
  }

  /** Runs a job; resolves with its outcome whatever the code did. Rejects only when the pool is closed. */
  run(job: SandboxJob): Promise<JobOutcome> {
    if (this.#closed) return Promise.reject(new Error("the grader pool is closed"));
    if (job.language === "python" && !this.#pythonWanted) {
      this.#pythonWanted = true;
      for (const slot of this.#slots) if (slot.ready) this.#preparePython(slot);
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject, attempts: 0, messageId: 0 });
      this.#dispatch();
    });
  }

  stats(): PoolStats {
    let busy = 0;
    let pythonSpares = 0;
    for (const slot of this.#slots) {
      if (slot.task) busy++;
      if (slot.pythonSpare && !slot.killedFor) pythonSpares++;
    }
    return { size: this.#size, busy, queued: this.#queue.length, ...this.#stats, pythonSpares };
  }

  /** Process ids of the sandbox processes (for fault-injection tests and benchmarks). */
  pids(): number[] {
    return [...this.#slots].map((slot) => slot.process.pid).filter((pid): pid is number => pid !== undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#memoryTimer);
    for (const task of this.#queue.splice(0)) task.reject(new Error("the grader pool is closed"));
    const exits = [...this.#slots].map(
      (slot) =>
        new Promise<void>((resolve) => {
          if (slot.process.exitCode !== null || slot.process.signalCode !== null) return resolve();
          slot.process.once("exit", () => resolve());
          slot.process.kill("SIGKILL");
        }),
    );
    for (const slot of this.#slots) {
      if (slot.watchdog) clearTimeout(slot.watchdog);
      slot.task?.reject(new Error("the grader pool is closed"));
      slot.task = null;
    }
    await Promise.all(exits);
    this.#slots.clear();
  }

  #spawn(): void {
    const child = fork(WORKER_PATH, [], {
      execArgv: [...SANDBOX_EXEC_ARGV],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      serialization: "json",
    });
    this.#stats.processesStarted++;
    const slot: Slot = {
      process: child,
      ready: false,
      task: null,
      jobsRun: 0,
      watchdog: null,
      watchdogMs: 0,
      hostsPython: false,
      pythonStarted: false,
      pythonSpare: false,
      killedFor: null,
      catastrophic: null,
    };
    this.#slots.add(slot);
    child.on("message", (message: SandboxToHost) => this.#onMessage(slot, message));
    child.on("exit", (code, signal) => this.#onExit(slot, code, signal));
    child.on("error", () => {
      // 'exit' follows and does the cleanup; without a listener the error would be thrown.
    });
  }

  #onMessage(slot: Slot, message: SandboxToHost): void {
    if (message.type === "ready") {
      slot.ready = true;
      if (this.#pythonWanted) this.#preparePython(slot);
      this.#dispatch();
    } else if (message.type === "python-spare") {
      slot.pythonStarted = true;
      slot.pythonSpare = true;
    } else if (message.type === "catastrophic") {
      slot.catastrophic = message.message;
    } else if (message.type === "result") {
      const task = slot.task;
      if (!task || task.messageId !== message.id) return;
      slot.jobsRun++;
      // Decided before the job's promise resolves, so no new job reaches this process.
      const recycleAbove = slot.hostsPython ? this.#pythonRecycleAboveRssBytes : this.#recycleAboveRssBytes;
      if (message.retire !== undefined || message.rssBytes > recycleAbove || slot.jobsRun >= this.#recycleAfterJobs) {
        slot.killedFor = "recycle";
        slot.ready = false;
        this.#stats.recycles++;
        this.#finish(slot, task, message.outcome);
        slot.process.kill("SIGKILL");
        return;
      }
      this.#finish(slot, task, message.outcome);
      this.#dispatch();
    }
  }

  #finish(slot: Slot, task: Task, outcome: JobOutcome): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
    slot.task = null;
    this.#stats.jobsCompleted++;
    task.resolve(outcome);
  }

  #onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.#slots.delete(slot);
    if (slot.watchdog) clearTimeout(slot.watchdog);
    const task = slot.task;
    slot.task = null;
    if (task && !this.#closed) {
      if (slot.killedFor === "watchdog") {
        this.#stats.watchdogKills++;
        this.#stats.jobsCompleted++;
        task.resolve({ kind: "crashed", reason: "killed_after_timeout", detail: `no answer within ${slot.watchdogMs} ms` });
      } else if (slot.killedFor === "memory") {
        this.#stats.jobsCompleted++;
        task.resolve({ kind: "crashed", reason: "memory", detail: `the sandbox process grew past ${Math.round(this.#rssLimit(slot) / 1048576)} MB` });
      } else {
        this.#stats.crashes++;
        task.attempts++;
        if (task.attempts <= this.#retriesAfterCrash) {
          // The process may have died for a reason of its own (or been killed from outside): run the job again.
          this.#queue.unshift(task);
        } else {
          this.#stats.jobsCompleted++;
          const detail = slot.catastrophic ?? `the sandbox process exited (${signal ?? `code ${code}`})`;
          task.resolve({ kind: "crashed", reason: slot.catastrophic ? "memory" : "exited", detail });
        }
      }
    }
    if (!this.#closed) {
      this.#spawn();
      this.#dispatch();
    }
  }

  #preparePython(slot: Slot): void {
    if (slot.hostsPython || slot.killedFor || !slot.process.connected) return;
    slot.hostsPython = true;
    slot.process.send({ type: "prepare-python" });
  }

  /**
   * The idle process a job goes to. A Python job prefers one whose restored interpreter waits
   * (the others may still be restoring theirs), then one whose interpreter has started; any
   * other job prefers a process that is not busy restoring an interpreter.
   */
  #pick(idle: readonly Slot[], job: SandboxJob): Slot {
    const rank = (slot: Slot): number =>
      job.language === "python" ? (slot.pythonSpare ? 0 : slot.pythonStarted ? 1 : slot.hostsPython ? 2 : 3) : !slot.hostsPython || slot.pythonSpare ? 0 : 1;
    let best = idle[0]!;
    for (const slot of idle) if (rank(slot) < rank(best)) best = slot;
    return best;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const idle = [...this.#slots].filter((slot) => slot.ready && !slot.task && !slot.killedFor);
      if (idle.length === 0) return;
      const task = this.#queue.shift()!;
      const slot = this.#pick(idle, task.job);
      slot.task = task;
      slot.killedFor = null;
      let budget = task.job.limits.timeLimitMs + this.#graceMs;
      if (task.job.language === "python") {
        budget += this.#pythonGraceMs + (slot.pythonStarted ? 0 : this.#pythonStartMs);
        slot.hostsPython = true;
        // The job takes the waiting interpreter; the process reports when the next one is restored.
        slot.pythonSpare = false;
      }
      slot.watchdogMs = budget;
      slot.watchdog = setTimeout(() => {
        slot.killedFor = "watchdog";
        slot.process.kill("SIGKILL");
      }, budget);
      task.messageId = this.#nextJobId++;
      slot.process.send({ type: "job", id: task.messageId, job: task.job });
    }
  }

  #rssLimit(slot: Slot): number {
    return slot.hostsPython ? this.#pythonMaxRssBytes : this.#maxRssBytes;
  }

  async #checkMemory(): Promise<void> {
    for (const slot of this.#slots) {
      const pid = slot.process.pid;
      if (!slot.task || pid === undefined || slot.killedFor) continue;
      const rss = await residentBytes(pid);
      if (rss !== null && rss > this.#rssLimit(slot) && slot.task) {
        slot.killedFor = "memory";
        slot.process.kill("SIGKILL");
      }
    }
  }
}

async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
