/**
 * Wheels for the sandbox, checked before any byte reaches an interpreter. Pyodide's
 * `loadPackage` trusts whatever it is handed; here each wheel file must match the sha256 its
 * lock file records, or it is refused.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export interface WheelSource {
  /** Folder holding the wheel files, named as the lock file's `file_name`. */
  readonly folder: string;
  /** Packages to install in every interpreter (their `depends` come along). */
  readonly names: readonly string[];
  /** A lock file (pyodide-lock.json format) describing these wheels; defaults to Pyodide's own. */
  readonly lockFile?: string;
}

export interface VerifiedWheel {
  readonly name: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface VerifiedWheels {
  /** Pyodide's lock with the given lock's packages merged in: what the interpreter loads from. */
  readonly lockText: string;
  /** Every wheel to load, dependencies first. */
  readonly wheels: readonly VerifiedWheel[];
}

export class WheelVerificationError extends Error {
  override readonly name = "WheelVerificationError";
}

const lockPackageSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  file_name: z.string().regex(/^[\w.+-]+\.whl$/, "a wheel file name without folders"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  depends: z.array(z.string()).default([]),
});

const lockSchema = z.looseObject({
  info: z.looseObject({}),
  packages: z.record(z.string(), lockPackageSchema),
});

function parseLock(text: string, where: string): z.infer<typeof lockSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WheelVerificationError(`${where} is not JSON: ${(error as Error).message}`);
  }
  const parsed = lockSchema.safeParse(json);
  if (!parsed.success) throw new WheelVerificationError(`${where} is not a valid lock file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads and checks every wheel `source` needs; throws WheelVerificationError on the first problem. */
export function verifyWheels(source: WheelSource, pyodideLockText: string): VerifiedWheels {
  const base = JSON.parse(pyodideLockText) as { packages: Record<string, unknown> };
  const lockText = source.lockFile ? readFileSync(source.lockFile, "utf8") : pyodideLockText;
  const lock = parseLock(lockText, source.lockFile ?? "pyodide-lock.json");

  const wheels: VerifiedWheel[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string, neededBy: string | null): void => {
    const key = name.toLowerCase();
    if (done.has(key)) return;
    if (visiting.has(key)) throw new WheelVerificationError(`package "${name}" depends on itself`);
    const entry = lock.packages[key] ?? lock.packages[name];
    if (!entry) throw new WheelVerificationError(`package "${name}"${neededBy ? ` (needed by "${neededBy}")` : ""} is not in the lock file`);
    visiting.add(key);
    for (const dependency of entry.depends) visit(dependency, name);
    visiting.delete(key);
    const path = join(source.folder, entry.file_name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new WheelVerificationError(`the wheel for "${name}" (${entry.file_name}) is not in ${source.folder}`);
    }
    const actual = createHash("sha256").update(bytes).digest("hex");
    if (actual !== entry.sha256) {
      throw new WheelVerificationError(`refused ${entry.file_name}: its sha256 is ${actual}, but the lock file says ${entry.sha256}`);
    }
    wheels.push({ name: entry.name, fileName: entry.file_name, bytes: new Uint8Array(bytes) });
    done.add(key);
  };
  for (const name of source.names) visit(name, null);

  const merged = { ...(JSON.parse(pyodideLockText) as Record<string, unknown>), packages: { ...base.packages, ...lock.packages } };
  return { lockText: JSON.stringify(merged), wheels };
}
