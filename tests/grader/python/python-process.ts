/** A real sandbox-like child process running the Python runtime, for tests and measurements. */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PythonRuntimeOptions, PythonRuntimeStats } from "../../../grader/sandbox/python/runtime.ts";
import type { TestWorkerReply, TestWorkerRequest } from "../../../grader/sandbox/python/test-worker.ts";
import type { PythonJob, PythonJobOutcome, PythonLimits } from "../../../grader/sandbox/python/types.ts";

const WORKER_PATH = fileURLToPath(new URL("../../../grader/sandbox/python/test-worker.ts", import.meta.url));

/** 2026-03-01T12:00:00Z */
export const FIXED_TIME = Date.UTC(2026, 2, 1, 12);

export const DEFAULT_LIMITS: PythonLimits = { testTimeoutMs: 2000, timeLimitMs: 20_000, memoryMb: 256, maxOutputChars: 100_000, maxLogChars: 2000 };

export class PythonProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<{ stats: PythonRuntimeStats; rssMb: number }>;
  #nextId = 1;
  readonly #waiting = new Map<number, (reply: TestWorkerReply) => void>();
  readonly #failing = new Map<number, (error: Error) => void>();

  constructor(options: Omit<PythonRuntimeOptions, "onCatastrophicError"> = {}) {
    this.child = fork(WORKER_PATH, [JSON.stringify(options)], {
      execArgv: ["--no-node-snapshot", "--disable-warning=ExperimentalWarning"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.once("exit", (code, signal) => {
        const ended = new Error(`the Python process ended (${code ?? signal})`);
        reject(ended);
        for (const fail of this.#failing.values()) fail(ended);
      });
      this.child.on("message", (reply: TestWorkerReply) => {
        if (reply.type === "ready") resolve({ stats: reply.stats, rssMb: reply.rssMb });
        else if (reply.type === "failed") reject(new Error(reply.message));
        else this.#waiting.get(reply.id)?.(reply);
      });
    });
    this.ready.catch(() => {});
  }

  #request(request: TestWorkerRequest): Promise<TestWorkerReply> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.id, (reply) => {
        this.#waiting.delete(request.id);
        this.#failing.delete(request.id);
        resolve(reply);
      });
      this.#failing.set(request.id, reject);
      this.child.send(request);
    });
  }

  async run(job: Partial<PythonJob> & Pick<PythonJob, "source">): Promise<PythonJobOutcome & { hostMs: number }> {
    await this.ready;
    const full: PythonJob = { entry: "f", calls: [{ argsJson: "[]", randomSeed: 1 }], limits: DEFAULT_LIMITS, fixedTime: FIXED_TIME, ...job };
    const reply = await this.#request({ type: "run", id: this.#nextId++, job: full });
    if (reply.type === "error") throw new Error(reply.message);
    if (reply.type !== "result") throw new Error(`unexpected reply ${reply.type}`);
    return { ...reply.outcome, hostMs: reply.ms };
  }

  async stats(): Promise<{ stats: PythonRuntimeStats; rssMb: number; peakRssMb: number }> {
    await this.ready;
    const reply = await this.#request({ type: "stats", id: this.#nextId++ });
    if (reply.type !== "stats") throw new Error(`unexpected reply ${reply.type}`);
    return { stats: reply.stats, rssMb: reply.rssMb, peakRssMb: reply.peakRssMb };
  }

  close(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

/** The values each call returned, or a short tag for calls that did not return. */
export function values(outcome: PythonJobOutcome): unknown[] {
  if (outcome.kind !== "ran") throw new Error(`the job did not run: ${JSON.stringify(outcome)}`);
  return outcome.calls.map((c) =>
    c.status === "returned"
      ? c.value
      : c.status === "threw"
        ? `threw ${c.error.name}`
        : c.status === "invalid"
          ? `invalid ${c.reason}`
          : c.status === "not_run"
            ? `not_run ${c.reason}`
            : c.status,
  );
}
