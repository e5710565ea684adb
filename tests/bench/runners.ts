import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { JobRunner } from "../../grader/engine/grade.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import type { JobOutcome } from "../../grader/sandbox/protocol.ts";
import { runDirect } from "./direct-exec.ts";

/** One submission of the bench's mix, with whether it should pass. */
export interface BenchSubmission {
  readonly exerciseId: string;
  readonly source: string;
  readonly seed: number;
  readonly shouldPass: boolean;
}

export interface BenchRunner extends JobRunner {
  readonly name: string;
  /** Process ids whose memory counts toward this runner's peak (besides this process). */
  pids(): number[];
  close(): Promise<void>;
}

export interface LimitRunner extends BenchRunner {
  /**
   * Grades a batch with direct calls spread over `threads` worker threads (one per core: direct
   * calls in one thread use one core); resolves with how many were graded as expected. The
   * threads start on the first batch and stay, warm, for the next, as a pool's processes do:
   * a batch's time is grading only, never a thread's start or its loading of the grader.
   */
  gradeInThreads(batch: readonly BenchSubmission[], threads: number): Promise<number>;
}

/** Limit: the student's function called directly in this process. */
export function limitRunner(): LimitRunner {
  const workers: Worker[] = [];
  const gradeShare = (worker: Worker, share: readonly BenchSubmission[]) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once("error", onError);
      worker.once("message", (m: { correct: number }) => {
        worker.off("error", onError);
        resolve(m.correct);
      });
      worker.postMessage(share);
    });
  return {
    name: "limit (direct call, no sandbox)",
    run: async (job) => runDirect(job),
    gradeInThreads: async (batch, threads) => {
      while (workers.length < threads) workers.push(new Worker(new URL("./limit-thread.ts", import.meta.url)));
      const shares = workers.slice(0, threads).map((worker, t) =>
        gradeShare(
          worker,
          batch.filter((_, i) => i % threads === t),
        ),
      );
      return (await Promise.all(shares)).reduce((a, b) => a + b, 0);
    },
    pids: () => [],
    close: async () => {
      await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
    },
  };
}

/** Epoch: the production sandbox pool. */
export function epochRunner(size: number): BenchRunner {
  const pool = new SandboxPool({ size });
  return { name: "epoch (warm pool, fresh isolate)", run: (job) => pool.run(job), pids: () => pool.pids(), close: () => pool.close() };
}

const PROCESS_RUNNER = fileURLToPath(new URL("./process-runner.ts", import.meta.url));

/** A fresh `node` process per submission. */
export function processRunner(): BenchRunner {
  const live = new Set<number>();
  return {
    name: "process per submission",
    run: (job) =>
      new Promise<JobOutcome>((resolve, reject) => {
        const child = fork(PROCESS_RUNNER, [], { stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv: ["--disable-warning=ExperimentalWarning"] });
        if (child.pid) live.add(child.pid);
        child.once("message", (outcome: JobOutcome) => resolve(outcome));
        child.once("error", reject);
        child.once("exit", (code) => {
          if (child.pid) live.delete(child.pid);
          if (code !== 0) reject(new Error(`runner exited with ${code}`));
        });
        child.send(job);
      }),
    pids: () => [...live],
    close: async () => {},
  };
}
