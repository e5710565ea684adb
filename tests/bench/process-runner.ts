/**
 * The benchmark's process-per-submission grader: a fresh Node process receives one job, runs it
 * directly (no sandbox inside; the process is the isolation, as in container and Jobe-style
 * graders), answers and exits.
 */
import { runDirect } from "./direct-exec.ts";
import type { SandboxJob } from "../../grader/sandbox/protocol.ts";

process.once("message", (job: SandboxJob) => {
  process.send!(runDirect(job), () => process.exit(0));
});
