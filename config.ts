/**
 * Epoch's configuration: environment settings, read and validated once, for every process
 * (the web app, the grader host, the seed, Prisma's CLI). Everything has a default that works
 * on a fresh clone: an embedded SQLite file under data/, and an auth secret generated there on
 * first use. A postgres:// DATABASE_URL switches every process to PostgreSQL (the production
 * mode). Parts that take settings (the grader's pool, the data layer) receive them as
 * arguments from their entry points rather than importing this module.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a SQLite URL such as file:./data/epoch.db or a PostgreSQL URL such as postgres://user@host/epoch")
    .default("file:./data/epoch.db")
    .describe("Where the database lives: a file: URL is the embedded SQLite file, a postgres:// URL a PostgreSQL server."),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe("PostgreSQL connections each process may open (ignored for SQLite)."),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional().describe("Signs session cookies; generated under data/ when unset."),
  EPOCH_DATA_DIR: z.string().default("data").describe("Folder for the database file and generated secrets."),
  GRADER_HOST_NAME: z
    .string()
    .regex(/^[\w.:@-]{1,100}$/, "GRADER_HOST_NAME: letters, digits and . : @ - _ only")
    .optional()
    .describe("This grader host's name in logs and on the submissions it grades; defaults to hostname:pid."),
  GRADER_LEASE_SECONDS: z.coerce
    .number()
    .min(1)
    .max(600)
    .default(15)
    .describe("How long a grader host's claim on a submission lasts unless renewed; another host takes over a lapsed one."),
  GRADER_POOL_SIZE: z.coerce.number().int().min(1).max(64).optional().describe("Sandbox processes in the grader pool; defaults to the number of cores."),
  SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10).describe("Submit presses allowed per student per minute."),
  RUNS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(30).describe("Run presses allowed per student per minute."),
  GRADER_CHECK_EXERCISES: z.stringbool().default(true).describe("Whether a grader host runs exercises:check on the whole bank when it starts (the bank page shows the reports)."),
  EPOCH_CONTENT_DIRS: z
    .string()
    .default("")
    .transform((value) => value.split(":").filter((path) => path.trim() !== ""))
    .pipe(z.array(z.string().regex(/^\//, "EPOCH_CONTENT_DIRS: each folder must be an absolute path (folders are separated by ':')")).max(20))
    .describe(
      "The course's content folders, separated by ':'; each holds one folder per exercise (README: \"Write your first exercise\"). Synced by npm run content:sync or the bank page.",
    ),
  GRADER_PREPARE_PYTHON: z
    .stringbool()
    .default(true)
    .describe("Whether a grader host starts a Python interpreter in each sandbox process when it starts (about 100 MB each), so the first Python student does not wait for one."),
  EPOCH_PYTHON_SNAPSHOT_DIR: z
    .string()
    .optional()
    .describe(
      "Where a grader host's sandbox processes share the prepared Python snapshot (default: a folder of this user's under the system's temporary folder); 'off' makes each process prepare its own.",
    ),
  GRADER_PYTHON_PACKAGES_DIR: z
    .string()
    .regex(/^\//, "GRADER_PYTHON_PACKAGES_DIR must be an absolute path")
    .optional()
    .describe("A folder of Pyodide wheels (and its pyodide-lock.json) that grader hosts install in every Python interpreter, each verified against its sha256 first."),
  GRADER_PYTHON_PACKAGES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "GRADER_PYTHON_PACKAGES: package names separated by commas")).max(50))
    .describe("The packages of GRADER_PYTHON_PACKAGES_DIR to install, by name, comma-separated (their dependencies come along), e.g. numpy."),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
    .optional()
    .describe("Where notification emails go; unset (with SMTP_HOST unset): no email, notifications stay in the app."),
  SMTP_HOST: z.string().min(1).optional().describe("The SMTP server, when not given as SMTP_URL."),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional().describe("The SMTP port (default 587, or 465 with SMTP_SECURE)."),
  SMTP_SECURE: z.stringbool().optional().describe("TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it."),
  SMTP_USER: z.string().optional().describe("SMTP login (AUTH PLAIN), if the server wants one."),
  SMTP_PASS: z.string().optional().describe("SMTP password."),
  SMTP_FROM: z
    .string()
    .regex(/^[^\s<>@]+@[^\s<>@]+$/, "SMTP_FROM must be an address such as epoch@example.edu")
    .default("epoch@localhost")
    .describe("The sender address of notification emails."),
  PUBLIC_URL: z.url().default("http://localhost:3000").describe("The app's address as users reach it, for the links in emails."),
  TRUST_PROXY: z.stringbool().default(false).describe("Set to 1 only behind a reverse proxy that writes X-Forwarded-Host itself: the same-origin check then reads it."),
});

const CheckedEnvSchema = EnvSchema.refine((value) => value.GRADER_PYTHON_PACKAGES.length === 0 || value.GRADER_PYTHON_PACKAGES_DIR !== undefined, {
  message: "GRADER_PYTHON_PACKAGES names packages, but GRADER_PYTHON_PACKAGES_DIR (the folder of their wheels) is not set",
  path: ["GRADER_PYTHON_PACKAGES"],
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | null = null;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Validates a set of environment variables (process.env for env()). */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const parsed = CheckedEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return parsed.data;
}

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a URL names: a postgres:// or postgresql:// URL is PostgreSQL, anything else SQLite (libSQL). */
export function databaseProvider(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** The database URL, with a relative file: path resolved against the project root. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url.startsWith("file:")) return url;
  // Runtime data, not part of the app: the bundler must not try to trace it.
  const path = resolve(/*turbopackIgnore: true*/ process.cwd(), url.slice("file:".length));
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}

/** AUTH_SECRET, or a random secret kept in the data folder so sessions survive restarts. */
export function authSecret(): string {
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = join(resolve(/*turbopackIgnore: true*/ process.cwd(), env().EPOCH_DATA_DIR), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

/** How to reach the SMTP server, or null when email is off (the default). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (smtps, port 465); otherwise STARTTLS when offered. */
  readonly secure: boolean;
  readonly user: string | null;
  readonly pass: string | null;
  readonly from: string;
}

/** SMTP_URL, or SMTP_HOST with its companions; null when neither is set. */
export function smtpSettings(settings: Env = env()): SmtpSettings | null {
  if (settings.SMTP_URL) {
    const url = new URL(settings.SMTP_URL);
    const secure = url.protocol === "smtps:";
    return {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      user: url.username ? decodeURIComponent(url.username) : null,
      pass: url.password ? decodeURIComponent(url.password) : null,
      from: settings.SMTP_FROM,
    };
  }
  if (!settings.SMTP_HOST) return null;
  const secure = settings.SMTP_SECURE ?? false;
  return {
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: settings.SMTP_USER ?? null,
    pass: settings.SMTP_PASS ?? null,
    from: settings.SMTP_FROM,
  };
}
