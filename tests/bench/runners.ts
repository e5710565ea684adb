import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { JobRunner } from "../../grader/engine/grade.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import type { JobOutcome } from "../../grader/sandbox/protocol.ts";
import { runDirect } from "./direct-exec.ts";

export interface BenchRunner extends JobRunner {
  readonly name: string;
  /** Process ids whose memory counts toward this runner's peak (besides this process). */
  pids(): number[];
  close(): Promise<void>;
}

/** Limit: the student's function called directly in this process. */
export function limitRunner(): BenchRunner {
  return {
    name: "limit (direct call, no sandbox)",
    run: async (job) => runDirect(job),
    pids: () => [],
    close: async () => {},
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
