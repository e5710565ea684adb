/**
 * Entry point of a sandbox process: runs jobs one at a time for its parent, which watches
 * it and replaces it when it dies or hangs. Started with --no-node-snapshot (isolated-vm).
 */
import { prepareSpare, runJob, setCatastrophicErrorHandler, type JobRun } from "./run-job.ts";
import { preparePython, runPythonJob, setPythonCatastrophicErrorHandler, setPythonSpareListener } from "./run-python.ts";
import type { HostToSandbox, SandboxJob, SandboxToHost } from "./protocol.ts";

function send(message: SandboxToHost, then?: () => void): void {
  if (!process.send) throw new Error("the sandbox process must be started by the grader pool (no IPC channel)");
  // The parent may be gone (killed): nobody is left to answer, so this process ends.
  if (!process.connected) process.exit(0);
  process.send(message, undefined, undefined, (error) => {
    if (error) process.exit(0);
    then?.();
  });
}

function onCatastrophicError(message: string): void {
  // V8 has lost control of an isolate: tell the parent why, then end this process.
  send({ type: "catastrophic", message }, () => process.abort());
  setTimeout(() => process.abort(), 100).unref();
}
setCatastrophicErrorHandler(onCatastrophicError);
setPythonCatastrophicErrorHandler(onCatastrophicError);
// The pool sends Python jobs preferably to a process whose interpreter is already restored.
setPythonSpareListener(() => send({ type: "python-spare" }));

/** Python jobs run in the Python runtime, which frees its interpreters itself after each job. */
async function run(job: SandboxJob): Promise<JobRun> {
  if (job.language === "python") return { outcome: await runPythonJob(job), cleanup: () => {} };
  return runJob(job);
}

process.on("message", (message: HostToSandbox) => {
  if (message.type === "prepare-python") return preparePython();
  if (message.type !== "job") return;
  run(message.job).then(
    ({ outcome, cleanup, retire }) => {
      send({ type: "result", id: message.id, outcome, rssBytes: process.memoryUsage.rss(), ...(retire ? { retire } : {}) });
      // After answering: dispose this job's isolate, then get the next one ready. Only after a
      // moment, so that the parent, which needs the CPU to take the answer, is not slowed down.
      setTimeout(() => {
        cleanup();
        setImmediate(prepareSpare);
      }, 1);
    },
    (error: unknown) => {
      send({
        type: "result",
        id: message.id,
        outcome: { kind: "internal_error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        rssBytes: process.memoryUsage.rss(),
      });
      setImmediate(prepareSpare);
    },
  );
});

// The parent closing the channel means it is gone: do not linger as an orphan.
process.on("disconnect", () => process.exit(0));

prepareSpare();
send({ type: "ready" });
