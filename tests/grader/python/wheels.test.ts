/** Wheels reach an interpreter only when their sha256 matches the lock file. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPyodideAssets } from "../../../grader/sandbox/python/pyodide-assets.ts";
import { WheelVerificationError, verifyWheels } from "../../../grader/sandbox/python/wheels.ts";
import { PythonProcess, values } from "./python-process.ts";
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
