/** Wheels reach an interpreter only when their sha256 matches the lock file. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPyodideAssets } from "../../../grader/sandbox/python/pyodide-assets.ts";
import { WheelVerificationError, verifyWheels } from "../../../grader/sandbox/python/wheels.ts";
import { PythonProcess, values } from "./python-process.ts";
import { SandboxPool } from "../../../grader/sandbox/pool.ts";
import { pythonPackagesFromEnvironment } from "../../../grader/sandbox/run-python.ts";
import { DEFAULT_LIMITS, pythonMemoryMb } from "../../../exercises/spec/limits.ts";
import { parseEnv } from "../../../config.ts";
import { buildWheel } from "./wheel-builder.ts";

const wheel = buildWheel("epoch_layers", "1.0.0", "def relu(xs):\n    return [max(0.0, x) for x in xs]\n");
let folder: string;
let lockFile: string;
const processes: PythonProcess[] = [];

function writeLock(entries: Record<string, unknown>): string {
  const path = join(folder, `lock-${Object.keys(entries).join("-") || "empty"}.json`);
  writeFileSync(path, JSON.stringify({ info: { version: loadPyodideAssets().version }, packages: entries }));
  return path;
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "epoch-wheels-"));
  writeFileSync(join(folder, wheel.fileName), wheel.bytes);
  lockFile = writeLock({ "epoch-layers": wheel.lockEntry });
});
afterAll(() => {
  for (const process of processes) process.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("verified wheels", () => {
  it("install in every interpreter once their sha256 matches the lock file", async () => {
    const python = new PythonProcess({ spares: 1, packages: { folder, names: ["epoch-layers"], lockFile } });
    processes.push(python);
    const source = "from epoch_layers import relu\ndef f(xs):\n    return relu(xs)\n";
    const outcome = await python.run({ source, calls: [{ argsJson: "[[-1, 2, -3.5, 4]]", randomSeed: 1 }] });
    expect(values(outcome)).toEqual([[0, 2, 0, 4]]);
    // The next submission's fresh interpreter has the package too.
    expect(values(await python.run({ source: "import epoch_layers\ndef f():\n    return epoch_layers.relu([-2, 3])\n" }))).toEqual([[0, 3]]);
  });

  it("refuse a wheel whose sha256 differs from the lock file, before any interpreter starts", async () => {
    const tampered = buildWheel("epoch_layers", "1.0.0", "import os\ndef relu(xs):\n    return xs\n");
    const own = mkdtempSync(join(folder, "tampered-"));
    writeFileSync(join(own, wheel.fileName), tampered.bytes);
    const source = { folder: own, names: ["epoch-layers"], lockFile };
    expect(() => verifyWheels(source, loadPyodideAssets().lockText)).toThrow(WheelVerificationError);
    expect(() => verifyWheels(source, loadPyodideAssets().lockText)).toThrow(`refused ${wheel.fileName}: its sha256 is ${tampered.sha256}, but the lock file says ${wheel.sha256}`);
    const python = new PythonProcess({ packages: source });
    processes.push(python);
    await expect(python.ready).rejects.toThrow(/WheelVerificationError: refused epoch_layers-1\.0\.0-py3-none-any\.whl/);
  });

  it("refuse a package the lock file does not list, or whose wheel is not in the folder", () => {
    const lockText = loadPyodideAssets().lockText;
    expect(() => verifyWheels({ folder, names: ["epoch-missing"], lockFile }, lockText)).toThrow('package "epoch-missing" is not in the lock file');
    const elsewhere = mkdtempSync(join(folder, "empty-"));
    expect(() => verifyWheels({ folder: elsewhere, names: ["epoch-layers"], lockFile }, lockText)).toThrow(
      `the wheel for "epoch-layers" (${wheel.fileName}) is not in ${elsewhere}`,
    );
  });

  it("check the wheels a package depends on as well", () => {
    const helper = buildWheel("epoch_helper", "0.1.0", "ONE = 1\n");
    const dependent = buildWheel("epoch_model", "0.1.0", "from epoch_helper import ONE\n");
    const own = mkdtempSync(join(folder, "deps-"));
    writeFileSync(join(own, dependent.fileName), dependent.bytes);
    writeFileSync(join(own, helper.fileName), Buffer.concat([helper.bytes, Buffer.from(" ")]));
    const lock = writeLock({ "epoch-helper": helper.lockEntry, "epoch-model": { ...dependent.lockEntry, depends: ["epoch-helper"] } });
    expect(() => verifyWheels({ folder: own, names: ["epoch-model"], lockFile: lock }, loadPyodideAssets().lockText)).toThrow(`refused ${helper.fileName}`);
    writeFileSync(join(own, helper.fileName), helper.bytes);
    const verified = verifyWheels({ folder: own, names: ["epoch-model"], lockFile: lock }, loadPyodideAssets().lockText);
    expect(verified.wheels.map((w) => w.fileName)).toEqual([helper.fileName, dependent.fileName]);
  });
});

describe("a deployment's package folder", () => {
  it("is read from GRADER_PYTHON_PACKAGES_DIR and GRADER_PYTHON_PACKAGES, with the folder's own pyodide-lock.json", () => {
    const deployment = mkdtempSync(join(folder, "deployment-"));
    expect(pythonPackagesFromEnvironment({ GRADER_PYTHON_PACKAGES_DIR: deployment, GRADER_PYTHON_PACKAGES: " epoch-layers , other " })).toEqual({
      folder: deployment,
      names: ["epoch-layers", "other"],
    });
    writeFileSync(join(deployment, "pyodide-lock.json"), "{}");
    expect(pythonPackagesFromEnvironment({ GRADER_PYTHON_PACKAGES_DIR: deployment, GRADER_PYTHON_PACKAGES: "epoch-layers" })?.lockFile).toBe(join(deployment, "pyodide-lock.json"));
    // Nothing named, or no folder: nothing installed.
    expect(pythonPackagesFromEnvironment({ GRADER_PYTHON_PACKAGES_DIR: deployment })).toBeUndefined();
    expect(pythonPackagesFromEnvironment({ GRADER_PYTHON_PACKAGES: "epoch-layers" })).toBeUndefined();
  });

  it("is validated with the rest of the configuration", () => {
    expect(() => parseEnv({ GRADER_PYTHON_PACKAGES: "numpy" })).toThrow(/GRADER_PYTHON_PACKAGES_DIR/);
    expect(() => parseEnv({ GRADER_PYTHON_PACKAGES_DIR: "wheels", GRADER_PYTHON_PACKAGES: "numpy" })).toThrow(/absolute path/);
    expect(() => parseEnv({ GRADER_PYTHON_PACKAGES_DIR: "/srv/wheels", GRADER_PYTHON_PACKAGES: "numpy; rm -rf" })).toThrow(/package names/);
    expect(parseEnv({ GRADER_PYTHON_PACKAGES_DIR: "/srv/wheels", GRADER_PYTHON_PACKAGES: "numpy,scipy" }).GRADER_PYTHON_PACKAGES).toEqual(["numpy", "scipy"]);
  });

  it("is installed in every interpreter of a grader's pool once verified, so students can import the package", async () => {
    const deployment = mkdtempSync(join(folder, "pool-"));
    writeFileSync(join(deployment, wheel.fileName), wheel.bytes);
    writeFileSync(join(deployment, "pyodide-lock.json"), JSON.stringify({ info: { version: loadPyodideAssets().version }, packages: { "epoch-layers": wheel.lockEntry } }));
    const saved = { dir: process.env.GRADER_PYTHON_PACKAGES_DIR, names: process.env.GRADER_PYTHON_PACKAGES, snapshots: process.env.EPOCH_PYTHON_SNAPSHOT_DIR };
    // The pool's processes inherit the host's environment.
    process.env.GRADER_PYTHON_PACKAGES_DIR = deployment;
    process.env.GRADER_PYTHON_PACKAGES = "epoch-layers";
    process.env.EPOCH_PYTHON_SNAPSHOT_DIR = "off";
    const pool = new SandboxPool({ size: 1 });
    try {
      const limits = { timeLimitMs: 5000, testTimeLimitMs: 2000, memoryMb: pythonMemoryMb(DEFAULT_LIMITS.memoryMb), maxOutputChars: 10_000, maxLogChars: 1000 };
      const outcome = await pool.run({
        source: "from epoch_layers import relu\ndef f(xs):\n    return relu(xs)\n",
        language: "python",
        entry: "f",
        calls: [{ argsJson: "[[-1, 2]]", randomSeed: 1 }],
        limits,
        fixedTime: 0,
      });
      expect(outcome.kind === "ran" && outcome.calls[0]?.status === "returned" ? outcome.calls[0].value : outcome).toEqual([0, 2]);
    } finally {
      await pool.close();
      for (const [key, value] of [
        ["GRADER_PYTHON_PACKAGES_DIR", saved.dir],
        ["GRADER_PYTHON_PACKAGES", saved.names],
        ["EPOCH_PYTHON_SNAPSHOT_DIR", saved.snapshots],
      ] as const) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
    }
  }, 120_000);
});
