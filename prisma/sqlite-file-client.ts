/**
 * The client Prisma's libSQL adapter talks to for the embedded SQLite file: one connection,
 * opened with Epoch's settings, whose prepared statements are kept and reused.
 *
 * `@libsql/client` prepares every statement again on each execution and opens a new connection
 * after every transaction (which then needs its settings again). Preparing was the largest single
 * cost in the web server's and the grader host's profiles (about a tenth of their CPU), and
 * Prisma sends the same few statements over and over. The adapter runs one statement at a time
 * per client and holds its lock from BEGIN to COMMIT, so one connection serves transactions and
 * everything else without interleaving.
 */
import Database from "libsql";
import type { Client, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode } from "@libsql/client";

/** Distinct statements kept prepared; Prisma's `IN (?, ?, …)` lists make a few shapes per length. */
export const STATEMENT_CACHE_SIZE = 500;

type Connection = Database.Database;
type Statement = Database.Statement;

interface Prepared {
  readonly statement: Statement;
  /** Null for statements that return no rows (INSERT, UPDATE, DELETE, BEGIN…). */
  readonly columns: readonly string[] | null;
  readonly columnTypes: readonly string[];
}

const MIN_INTEGER = -9223372036854775808n;
const MAX_INTEGER = 9223372036854775807n;

/** A JavaScript value as SQLite takes it (as `@libsql/client` converts them). */
function toSql(value: InValue | undefined): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    return value;
  }
  if (typeof value === "bigint") {
    if (value < MIN_INTEGER || value > MAX_INTEGER) throw new RangeError("bigint is too large to be represented as a 64-bit integer and passed as argument");
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** A value read from SQLite as the adapter expects it: integers as numbers when they fit exactly. */
function fromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(value);
  }
  if (Buffer.isBuffer(value)) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

function resultSet(columns: readonly string[], columnTypes: readonly string[], rows: unknown[][], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns: [...columns],
    columnTypes: [...columnTypes],
    // The adapter reads rows by index only; plain arrays spare naming every value.
    rows: rows as unknown as Row[],
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/** The path in a `file:` URL (`file:/abs`, `file:rel`, `file:///abs`, `file://localhost/abs`), or `:memory:`. */
export function sqliteFilePath(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  if (!url.startsWith("file:")) throw new Error(`not a file: URL: ${url}`);
  let rest = url.slice("file:".length).split("?")[0]!;
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const host = rest.slice(2, slash < 0 ? undefined : slash);
    if (host !== "" && host !== "localhost") throw new Error(`a file: URL with an absolute path starts with one slash (file:/path) or three (file:///path): ${url}`);
    rest = slash < 0 ? "" : rest.slice(slash);
  }
  return decodeURIComponent(rest);
}

export class SqliteFileClient implements Client {
  closed = false;
  readonly protocol = "file";
  readonly #db: Connection;
  readonly #statements = new Map<string, Prepared>();

  /** `settings`: statements run once on the connection (PRAGMAs). */
  constructor(path: string, settings: readonly string[] = []) {
    this.#db = new Database(path);
    // Through a statement, not exec(): a PRAGMA that sets a value also returns it.
    for (const statement of settings) this.#db.prepare(statement).all([]);
  }

  /** How many statements are kept prepared now. */
  get preparedStatements(): number {
    return this.#statements.size;
  }

  #prepared(sql: string): Prepared {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Most recently used last, so the oldest is evicted first.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare(sql);
    statement.safeIntegers(true);
    let prepared: Prepared;
    if (statement.reader) {
      statement.raw(true);
      const definitions = statement.columns();
      prepared = { statement, columns: definitions.map((c) => c.name), columnTypes: definitions.map((c) => c.type ?? "") };
    } else {
      prepared = { statement, columns: null, columnTypes: [] };
    }
    this.#statements.set(sql, prepared);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    return prepared;
  }

  /** Runs one statement now (synchronously, as the driver does). */
  run(statement: InStatement): ResultSet {
    this.#checkOpen();
    const sql = typeof statement === "string" ? statement : statement.sql;
    const given = typeof statement === "string" ? [] : (statement.args ?? []);
    let args: unknown;
    if (Array.isArray(given)) {
      args = given.map(toSql);
    } else {
      const named: Record<string, unknown> = {};
      // SQLite's parameter prefixes are not part of the names the driver binds.
      for (const [name, value] of Object.entries(given)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
      args = named;
    }
    const { statement: prepared, columns, columnTypes } = this.#prepared(sql);
    if (columns !== null) {
      const rows = (prepared.all(args) as unknown[][]).map((row) => row.map(fromSql));
      return resultSet(columns, columnTypes, rows, 0, undefined);
    }
    const info = prepared.run(args);
    return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
  }

  async execute(statement: InStatement): Promise<ResultSet> {
    return this.run(statement);
  }

  async batch(statements: InStatement[], mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
    this.#checkOpen();
    this.#db.exec(beginStatement(mode));
    try {
      const results = statements.map((statement) => this.run(statement));
      this.#db.exec("COMMIT");
      return results;
    } finally {
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
    }
  }

  /**
   * Always BEGIN IMMEDIATE, whatever mode is asked for (the adapter asks for "deferred"): Epoch's
   * transactions all write, and taking the write lock at BEGIN means waiting for it under the
   * busy timeout, where a deferred one that reads first fails at once in WAL mode when another
   * process wrote meanwhile (SQLITE_BUSY_SNAPSHOT).
   */
  async transaction(_requested?: TransactionMode): Promise<Transaction> {
    this.#checkOpen();
    this.#db.exec(beginStatement("write"));
    return new SqliteFileTransaction(this, this.#db);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    try {
      this.#db.exec(sql);
    } finally {
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
    }
  }

  async sync(): Promise<void> {
    throw new Error("sync() is for embedded replicas of a remote database; this is a local file");
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#statements.clear();
    this.#db.close();
  }

  #checkOpen(): void {
    if (this.closed) throw new Error("The database client is closed");
  }
}

class SqliteFileTransaction implements Transaction {
  readonly #client: SqliteFileClient;
  readonly #db: Connection;

  constructor(client: SqliteFileClient, db: Connection) {
    this.#client = client;
    this.#db = db;
  }

  get closed(): boolean {
    return !this.#db.inTransaction;
  }

  async execute(statement: InStatement): Promise<ResultSet> {
    this.#checkOpen();
    return this.#client.run(statement);
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    return statements.map((statement) => {
      this.#checkOpen();
      return this.#client.run(statement);
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    this.#db.exec(sql);
  }

  async commit(): Promise<void> {
    this.#checkOpen();
    this.#db.exec("COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
  }

  close(): void {
    if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
  }

  #checkOpen(): void {
    if (this.closed) throw new Error("The transaction is closed");
  }
}

function beginStatement(mode: TransactionMode): string {
  if (mode === "write") return "BEGIN IMMEDIATE";
  if (mode === "read") return "BEGIN TRANSACTION READONLY";
  return "BEGIN DEFERRED";
}
