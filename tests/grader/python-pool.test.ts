/**
 * The pool and Python interpreters: started before a Python job needs them, Python jobs sent
 * where a restored interpreter waits, and never one interpreter for two submissions.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, pythonMemoryMb } from "../../exercises/spec/limits.ts";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import type { JobOutcome, SandboxJob } from "../../grader/sandbox/protocol.ts";

const limits = { timeLimitMs: 5000, testTimeLimitMs: 2000, memoryMb: pythonMemoryMb(DEFAULT_LIMITS.memoryMb), maxOutputChars: 10_000, maxLogChars: 1000 };

function pythonJob(source: string): SandboxJob {
  return { source, language: "python", entry: "f", calls: [{ argsJson: "[]", randomSeed: 1 }], limits, fixedTime: 0 };
}

const pools: SandboxPool[] = [];
function makePool(options: ConstructorParameters<typeof SandboxPool>[0]): SandboxPool {
  const pool = new SandboxPool(options);
  pools.push(pool);
  return pool;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function waitForSpares(pool: SandboxPool, count: number): Promise<void> {
  const deadline = Date.now() + 100_000;
  while (pool.stats().pythonSpares < count) {
    if (Date.now() > deadline) throw new Error(`only ${pool.stats().pythonSpares} of ${count} Python spares became ready`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function returned(outcome: JobOutcome): unknown {
  if (outcome.kind !== "ran" || outcome.calls[0]?.status !== "returned") throw new Error(JSON.stringify(outcome));
  return outcome.calls[0].value;
}

/** Reports whether anything of an earlier submission is visible, then leaves marks of its own. */
const MARKS =
  "import os, builtins, sys, random\n" +
  "SEEN = [os.path.exists('/home/student/mark.txt'), hasattr(builtins, 'mark'), 'mark' in sys.modules, getattr(random, 'mark', False)]\n" +
  "open('/home/student/mark.txt', 'w').write('x')\nbuiltins.mark = True\nsys.modules['mark'] = sys\nrandom.mark = True\n" +
  "def f():\n    return SEEN\n";

describe("Python in the pool", () => {
  it("starts an interpreter in every process before any Python job when asked to, and sends a Python job where one is restored", async () => {
    const pool = makePool({ size: 2, preparePython: true });
    await waitForSpares(pool, 2);
    expect(returned(await pool.run(pythonJob("def f():\n    return 1\n")))).toBe(1);
    // One process is restoring the interpreter the job used; the other's is waiting, and the next job goes there.
    expect(pool.stats().pythonSpares).toBe(1);
    const next = pool.run(pythonJob("def f():\n    return 2\n"));
    expect(pool.stats().pythonSpares).toBe(0);
    expect(returned(await next)).toBe(2);
    expect(pool.stats().processesStarted).toBe(2);
  }, 120_000);

  it("starts interpreters in every process from its first Python job on, without being asked", async () => {
    const pool = makePool({ size: 2 });
    expect(returned(await pool.run({ ...pythonJob(""), language: "javascript", source: "export function f() { return 0; }" }))).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pool.stats().pythonSpares).toBe(0);
    expect(returned(await pool.run(pythonJob("def f():\n    return 1\n")))).toBe(1);
    await waitForSpares(pool, 2);
  }, 120_000);

  it("never gives two submissions one interpreter, with as many in flight as processes", async () => {
    const pool = makePool({ size: 2, preparePython: true });
    await waitForSpares(pool, 2);
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => pool.run(pythonJob(MARKS))));
    for (const outcome of outcomes) expect(returned(outcome)).toEqual([false, false, false, false]);
  }, 180_000);
});
