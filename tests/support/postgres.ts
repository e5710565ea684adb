/**
 * A throwaway PostgreSQL server for tests: initdb into a temporary folder, a free port and a
 * socket folder of its own (so parallel runs stay apart), trust authentication, no fsync.
 * Start one per test file and stop it after. PostgreSQL refuses to run as root, so as root the
 * server's programs run as the `postgres` user; on a machine without PostgreSQL, root installs
 * Debian's package first (as CI does on a fresh machine).
 */
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  readonly port: number;
  /** A URL for `database` on this server. */
  url(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

function ensureBinaries(): string {
  const found = binDir();
  if (found) return found;
  if (!asRoot) throw new Error("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): install Debian's postgresql package");
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "ignore", env: aptEnv });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], { stdio: "ignore", env: aptEnv });
  const installed = binDir();
  if (!installed) throw new Error("installing postgresql did not provide /usr/lib/postgresql/*/bin/initdb");
  return installed;
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

/** One of the server's programs as a command line, run as `postgres` when this process is root. */
function serverCommand(bin: string, program: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]] : [join(bin, program), args];
}

function runServerProgram(bin: string, program: string, args: string[]): void {
  const [command, commandArgs] = serverCommand(bin, program, args);
  execFileSync(command, commandArgs, { stdio: "pipe" });
}

/**
 * Stops the server and removes its folder once this process is gone, however it ends: test
 * runners may kill their workers without running exit handlers, and a server left behind
 * would run until the machine stops.
 */
function stopWhenGone(bin: string, data: string, dir: string): () => void {
  const quote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;
  const [command, args] = serverCommand(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${[command, ...args].map(quote).join(" ")} >/dev/null 2>&1; rm -rf ${quote(dir)}`;
  const watcher = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  watcher.unref();
  return () => watcher.kill();
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = ensureBinaries();
  const dir = mkdtempSync(join(tmpdir(), "epoch-pg-"));
  if (asRoot) {
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim()));
    chownSync(dir, uid!, gid!);
  }
  const data = join(dir, "data");
  runServerProgram(bin, "initdb", ["-D", data, "-A", "trust", "--no-sync", "-U", "postgres", "-E", "UTF8"]);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      // fsync off: a test server's data need not survive a crash of the machine.
      runServerProgram(bin, "pg_ctl", [
        "-D",
        data,
        "-l",
        join(dir, "log"),
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
        "-w",
        "start",
      ]);
      break;
    } catch (error) {
      // Another process took the port between the check and the start: try another.
      if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${readFileSync(join(dir, "log"), "utf8").slice(-2000)}`, { cause: error });
    }
  }
  const forgetWatcher = stopWhenGone(bin, data, dir);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      if (!/^\w+$/.test(name)) throw new Error(`unusable database name ${name}`);
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      forgetWatcher();
      try {
        runServerProgram(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Applies the committed PostgreSQL migrations straight through pg (much faster than Prisma's
 * CLI, which one test runs for real). The files hold no `;` inside strings or bodies, as the
 * adapter requires, so the whole file runs as one script.
 */
export async function applyPostgresMigrations(url: string): Promise<void> {
  const dir = join(import.meta.dirname, "..", "..", "prisma", "postgres", "migrations");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of readdirSync(dir)
      .filter((n) => /^\d+_/.test(n))
      .sort())
      await client.query(readFileSync(join(dir, name, "migration.sql"), "utf8"));
  } finally {
    await client.end();
  }
}
