/**
 * The prepared interpreter's memory snapshot, kept in a file per host so that a new sandbox
 * process restores its first interpreter in a fraction of a second instead of booting
 * CPython from scratch (about 2.5 s) to make its own.
 *
 * The file is written only by a process that has just booted an interpreter no code has run
 * in, never after a submission, and it is never trusted as found: its name and header carry a
 * key (a hash of everything the snapshot is made from), its header the sha256 of its bytes,
 * and a file that does not match both is ignored and replaced. The folder must belong to this
 * user and be closed to others, or it is not used at all.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

const MAGIC = "EPOCH-PYTHON-SNAPSHOT 1\n";
const HEADER_MAX_BYTES = 1024;
const FILE_PREFIX = "python-";
const FILE_SUFFIX = ".snapshot";
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

interface Header {
  readonly key: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The folder used when none is configured: one per user under the system's temporary folder. */
export function defaultSnapshotDirectory(): string {
  return join(tmpdir(), `epoch-python-${userInfo().uid}`);
}

/** A hash of everything a snapshot is made from; a snapshot made from anything else is stale. */
export function snapshotKey(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    // Length-prefixed, so two different lists of parts never hash alike.
    hash.update(`${bytes.byteLength}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

export function snapshotPath(directory: string, key: string): string {
  return join(directory, `${FILE_PREFIX}${key.slice(0, 32)}${FILE_SUFFIX}`);
}

/** Creates the folder if needed; false when it exists but another user could write to it (or it is a link). */
function privateDirectory(directory: string): boolean {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const status = lstatSync(directory);
    const uid = process.getuid?.();
    return status.isDirectory() && (uid === undefined || status.uid === uid) && (status.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readHeader(fd: number): { header: Header; length: number } | null {
  const head = Buffer.alloc(HEADER_MAX_BYTES);
  const read = readSync(fd, head, 0, HEADER_MAX_BYTES, 0);
  const text = head.subarray(0, read).toString("latin1");
  if (!text.startsWith(MAGIC)) return null;
  const end = text.indexOf("\n", MAGIC.length);
  if (end < 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(MAGIC.length, end));
  } catch {
    return null;
  }
  const header = parsed as Partial<Header> | null;
  if (typeof header?.key !== "string" || typeof header.sha256 !== "string" || typeof header.bytes !== "number" || !Number.isSafeInteger(header.bytes) || header.bytes <= 0)
    return null;
  return { header: { key: header.key, sha256: header.sha256, bytes: header.bytes }, length: end + 1 };
}

/**
 * The snapshot stored for `key`, or null when there is none or the file is not exactly what
 * a process wrote for this key (other key, other length, other hash): such a file is removed.
 */
export function readSnapshot(directory: string, key: string): ArrayBuffer | null {
  if (!privateDirectory(directory)) return null;
  const path = snapshotPath(directory, key);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return null;
  }
  let snapshot: ArrayBuffer | null = null;
  try {
    const found = readHeader(fd);
    if (found && found.header.key === key && fstatSync(fd).size === found.length + found.header.bytes) {
      const bytes = new Uint8Array(found.header.bytes);
      let done = 0;
      while (done < bytes.length) {
        const read = readSync(fd, bytes, done, bytes.length - done, found.length + done);
        if (read <= 0) break;
        done += read;
      }
      if (done === bytes.length && createHash("sha256").update(bytes).digest("hex") === found.header.sha256) snapshot = bytes.buffer;
    }
  } catch {
    snapshot = null;
  } finally {
    closeSync(fd);
  }
  if (!snapshot) removeSnapshot(directory, key);
  return snapshot;
}

/**
 * Stores a snapshot for `key` (written aside, then renamed into place, so a reader never sees
 * half a file) and removes old snapshots stored for other keys. Best effort: a folder that cannot
 * be written only means the next process makes its own snapshot.
 */
export function writeSnapshot(directory: string, key: string, snapshot: ArrayBuffer): boolean {
  if (!privateDirectory(directory)) return false;
  const bytes = new Uint8Array(snapshot);
  const header: Header = { key, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength };
  const path = snapshotPath(directory, key);
  const temporary = join(directory, `.${FILE_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}.partial`);
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + "\n", "latin1"), bytes]), { mode: 0o600, flag: "wx" });
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
  try {
    // Snapshots of other versions (or settings) not written for a day are left from upgrades.
    // Fresher ones may serve processes of another configuration on this host: they stay.
    for (const name of readdirSync(directory)) {
      const other = join(directory, name);
      if (name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX) && other !== path && Date.now() - statSync(other).mtimeMs > STALE_AFTER_MS) rmSync(other, { force: true });
    }
  } catch {
    // Old snapshots left behind cost disk space only.
  }
  return true;
}

/** Removes the file stored for `key` (found wanting: it is made again from scratch). */
export function removeSnapshot(directory: string, key: string): void {
  try {
    rmSync(snapshotPath(directory, key), { force: true });
  } catch {
    // Nothing to remove, or a folder we cannot write: the file is refused when read anyway.
  }
}
