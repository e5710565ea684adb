/**
 * A child process that grades Python jobs for its parent, one at a time: the entry tests and
 * measurements fork (with --no-node-snapshot, as isolated-vm requires) so that the runtime runs
 * exactly as it will in a sandbox process. The grading flow's own worker calls PythonRuntime
 * directly.
 *
 * argv[2] (optional): JSON of PythonRuntimeOptions without the callback.
 */
import { PythonRuntime, type PythonRuntimeOptions, type PythonRuntimeStats } from "./runtime.ts";
import type { PythonJob, PythonJobOutcome } from "./types.ts";

export type TestWorkerRequest = { readonly type: "run"; readonly id: number; readonly job: PythonJob } | { readonly type: "stats"; readonly id: number };

export type TestWorkerReply =
  | { readonly type: "ready"; readonly stats: PythonRuntimeStats; readonly rssMb: number }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "result"; readonly id: number; readonly outcome: PythonJobOutcome; readonly ms: number }
  | { readonly type: "stats"; readonly id: number; readonly stats: PythonRuntimeStats; readonly rssMb: number; readonly peakRssMb: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

function send(message: TestWorkerReply): void {
  if (!process.send || !process.connected) process.exit(0);
  process.send(message);
}

const rssMb = (): number => process.memoryUsage.rss() / 2 ** 20;
const options = JSON.parse(process.argv[2] ?? "{}") as Omit<PythonRuntimeOptions, "onCatastrophicError">;

PythonRuntime.create({
  ...options,
  onCatastrophicError: (message) => {
    send({ type: "failed", message: `catastrophic: ${message}` });
    process.abort();
  },
}).then(
  (runtime) => {
    let queue = Promise.resolve();
    process.on("message", (request: TestWorkerRequest) => {
      queue = queue.then(async () => {
        if (request.type === "stats") {
          send({ type: "stats", id: request.id, stats: runtime.stats(), rssMb: rssMb(), peakRssMb: process.resourceUsage().maxRSS / 1024 });
          return;
        }
        const started = performance.now();
        try {
          const outcome = await runtime.run(request.job);
          send({ type: "result", id: request.id, outcome, ms: performance.now() - started });
        } catch (error) {
          send({ type: "error", id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        }
      });
    });
    send({ type: "ready", stats: runtime.stats(), rssMb: rssMb() });
  },
  (error: unknown) => {
    send({ type: "failed", message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    process.exit(1);
  },
);

process.on("disconnect", () => process.exit(0));
