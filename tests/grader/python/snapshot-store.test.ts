/**
 * The prepared snapshot shared by the sandbox processes of a host: made once, stored, restored
 * by the next process, and never trusted as found.
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PythonProcess, values } from "./python-process.ts";

const folders: string[] = [];
const processes: PythonProcess[] = [];
afterAll(() => {
  for (const process of processes) process.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), "epoch-snapshots-"));
  folders.push(made);
  return made;
}

async function start(directory: string): Promise<{ python: PythonProcess; source: "file" | "built" }> {
  const python = new PythonProcess({ snapshotDirectory: directory });
  processes.push(python);
  const { stats } = await python.ready;
  return { python, source: stats.snapshotSource };
}

/** A new folder holding a copy of the snapshot the first test stored. */
let made = "";
function seeded(): string {
  const directory = folder();
  copyFileSync(made, join(directory, made.slice(made.lastIndexOf("/") + 1)));
  return directory;
}

const stored = (directory: string): string[] => readdirSync(directory).filter((name) => name.endsWith(".snapshot"));
const storedPath = (directory: string): string => join(directory, stored(directory)[0]!);
const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** The file's header line and its payload. */
function split(path: string): { magic: string; header: { key: string; sha256: string; bytes: number }; payload: Buffer } {
  const bytes = readFileSync(path);
  const first = bytes.indexOf(10);
  const second = bytes.indexOf(10, first + 1);
  return { magic: bytes.subarray(0, first + 1).toString("latin1"), header: JSON.parse(bytes.subarray(first + 1, second).toString("latin1")), payload: bytes.subarray(second + 1) };
}

function join3(magic: string, header: object, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(magic + JSON.stringify(header) + "\n", "latin1"), payload]);
}

/** What a submission could leave behind for the next one, and the random state it starts with. */
const PROBE =
  "import os, builtins, sys, random\ndef f():\n    return [os.path.exists('/home/student/left.txt'), hasattr(builtins, 'left'), 'left' in sys.modules, random.random()]\n";
const LEAVES_STATE =
  "import os, builtins, sys, random\nopen('/home/student/left.txt', 'w').write('x')\nbuiltins.left = 1\nsys.modules['left'] = sys\nrandom.seed(99)\ndef f():\n    return 1\n";

describe("the shared Python snapshot", () => {
  it("is made by the first process, stored, and restored by the next; what a submission leaves reaches neither the file nor the next process", async () => {
    const directory = folder();
    const first = await start(directory);
    expect(first.source).toBe("built");
    expect(stored(directory)).toHaveLength(1);
    const before = sha256(readFileSync(storedPath(directory)));

    expect(values(await first.python.run({ source: LEAVES_STATE }))).toEqual([1]);
    const clean = values(await first.python.run({ source: PROBE }));
    expect((clean[0] as unknown[]).slice(0, 3)).toEqual([false, false, false]);
    expect(sha256(readFileSync(storedPath(directory)))).toBe(before);

    const second = await start(directory);
    expect(second.source).toBe("file");
    expect(values(await second.python.run({ source: PROBE }))).toEqual(clean);
    expect(stored(directory)).toHaveLength(1);
    made = storedPath(directory);
  }, 180_000);

  it("is refused and made again when its bytes are corrupted", async () => {
    const directory = seeded();
    const path = storedPath(directory);
    const bytes = readFileSync(path);
    bytes[bytes.length - 1000] = bytes[bytes.length - 1000]! ^ 0xff;
    writeFileSync(path, bytes);

    const next = await start(directory);
    expect(next.source).toBe("built");
    expect(values(await next.python.run({ source: "def f():\n    return 42\n" }))).toEqual([42]);
    const { header, payload } = split(storedPath(directory));
    expect(sha256(payload)).toBe(header.sha256);
    expect((await start(directory)).source).toBe("file");
  }, 180_000);

  it("is refused when it was made from other inputs (stale), or is cut short", async () => {
    const directory = seeded();
    const path = storedPath(directory);
    const { magic, header, payload } = split(path);
    writeFileSync(path, join3(magic, { ...header, key: header.key.slice(0, 32) + "0".repeat(32) }, payload));
    expect((await start(directory)).source).toBe("built");

    writeFileSync(path, readFileSync(path).subarray(0, 5000));
    expect((await start(directory)).source).toBe("built");
  }, 240_000);

  it("is removed and made again when it passes the checks but does not restore", async () => {
    const directory = seeded();
    const path = storedPath(directory);
    const { magic, header } = split(path);
    const garbage = new Uint8Array(header.bytes).fill(7);
    writeFileSync(path, join3(magic, { ...header, sha256: sha256(garbage) }, garbage));

    const next = await start(directory);
    expect(next.source).toBe("built");
    expect(values(await next.python.run({ source: "def f():\n    return 42\n" }))).toEqual([42]);
    expect(split(storedPath(directory)).header.sha256).not.toBe(sha256(garbage));
  }, 180_000);

  it("is not used from a folder other users could write to", async () => {
    const directory = folder();
    chmodSync(directory, 0o777);
    const python = await start(directory);
    expect(python.source).toBe("built");
    expect(readdirSync(directory)).toEqual([]);
  }, 120_000);
});
