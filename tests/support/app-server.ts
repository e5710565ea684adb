/**
 * Starts Epoch the way production runs it — `next start` on a built app plus grader hosts —
 * on a fresh database and a free port, for browser and HTTP tests. With `databaseUrl` (an empty
 * PostgreSQL database), it migrates and seeds that one instead.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { useFreshDatabase } from "./database.ts";

export interface RunningApp {
  readonly baseUrl: string;
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** Process ids of the web server and the grader hosts (`grader` is the first; for fault injection). */
  pids(): { web: number | null; grader: number | null; graders: (number | null)[] };
  /** Stops (SIGTERM, then SIGKILL after 10 s) or starts processes; the others keep running. */
  stopWeb(): Promise<void>;
  startWeb(): Promise<void>;
  /** Stops grader host `index`, or every one when omitted. */
  stopGrader(signal?: NodeJS.Signals, index?: number): Promise<void>;
  /** Starts grader host `index` (or every stopped one), under `name` if given (default grader-<index>). */
  startGrader(index?: number, name?: string): void;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** Migrates and seeds a database the caller provides (e.g. an empty PostgreSQL database). */
async function useGivenDatabase(url: string): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "epoch-app-"));
  const childEnv = { ...process.env, DATABASE_URL: url, EPOCH_DATA_DIR: dir, CHECKPOINT_DISABLE: "1" };
  await run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: childEnv });
  await run(process.execPath, ["prisma/seed.ts"], { env: childEnv });
  return { url, dir };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => process.env.EPOCH_TEST_VERBOSE && process.stderr.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  return child;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the web server did not answer at ${baseUrl} within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess | null, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Expects `next build` to have run (the e2e global setup does it). */
export async function startApp(
  options: {
    graderPoolSize?: number;
    extraEnv?: Record<string, string>;
    /** Environment for the web server alone (e.g. the bench's NODE_OPTIONS for it). */
    webEnv?: Record<string, string>;
    startGrader?: boolean;
    databaseUrl?: string;
    graderHosts?: number;
  } = {},
): Promise<RunningApp> {
  const { url, dir } = options.databaseUrl ? await useGivenDatabase(options.databaseUrl) : await useFreshDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    EPOCH_DATA_DIR: dir,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    GRADER_POOL_SIZE: String(options.graderPoolSize ?? 2),
    // No test reads the bank's check reports, and checking every exercise in every language at
    // each start would compete with the tests for the two cores.
    GRADER_CHECK_EXERCISES: "0",
    ...options.extraEnv,
  };
  let web: ChildProcess | null = null;
  const graders: (ChildProcess | null)[] = Array.from({ length: Math.max(1, options.graderHosts ?? 1) }, () => null);
  const indexes = (index?: number) => (index === undefined ? graders.map((_, i) => i) : [index]);
  const app: RunningApp = {
    baseUrl,
    databaseUrl: url,
    dataDir: dir,
    pids: () => ({ web: web?.pid ?? null, grader: graders[0]?.pid ?? null, graders: graders.map((g) => g?.pid ?? null) }),
    async startWeb() {
      // As `npm run serve` starts it (see its keep-alive note in the README).
      web = start(
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1", "--keepAliveTimeout", "65000"],
        { ...env, ...options.webEnv },
        "web",
      );
      await waitForHealth(baseUrl, web, 60_000);
    },
    async stopWeb() {
      await stopProcess(web);
      web = null;
    },
    startGrader(index?: number, name?: string) {
      for (const i of indexes(index)) {
        if (graders[i]) continue;
        // A fixed name per slot: a host restarted under its name takes back its own claims at once.
        const hostName = name ?? `grader-${i}`;
        graders[i] = start(process.execPath, ["grader/host/host.ts"], { ...env, GRADER_HOST_NAME: hostName }, hostName);
      }
    },
    async stopGrader(signal: NodeJS.Signals = "SIGTERM", index?: number) {
      await Promise.all(
        indexes(index).map(async (i) => {
          await stopProcess(graders[i] ?? null, signal);
          graders[i] = null;
        }),
      );
    },
    async stop() {
      await Promise.all([app.stopWeb(), app.stopGrader()]);
    },
  };
  await app.startWeb();
  if (options.startGrader ?? true) app.startGrader();
  return app;
}
