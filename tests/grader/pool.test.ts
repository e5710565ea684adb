/** Faults around the sandbox processes: killed, frozen, crashing. */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { SandboxPool } from "../../grader/sandbox/pool.ts";
import type { SandboxJob } from "../../grader/sandbox/protocol.ts";

const limits = { timeLimitMs: 1000, testTimeLimitMs: 1000, memoryMb: 64, maxOutputChars: 10_000, maxLogChars: 1000 };

function job(source: string, calls = 1): SandboxJob {
  return {
    source,
    language: "javascript",
    entry: "f",
    calls: Array.from({ length: calls }, (_, i) => ({ argsJson: JSON.stringify([i]), randomSeed: i })),
    limits,
    fixedTime: 0,
  };
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

async function waitForBusy(pool: SandboxPool): Promise<void> {
  while (pool.stats().busy === 0) await new Promise((r) => setTimeout(r, 1));
}

describe("SandboxPool", () => {
  it("runs jobs and returns every call's raw output", async () => {
    const pool = makePool({ size: 1 });
    const outcome = await pool.run(job("export function f(i) { return i * 2; }", 3));
    expect(outcome.kind).toBe("ran");
    if (outcome.kind === "ran") expect(outcome.calls.map((c) => (c.status === "returned" ? c.value : null))).toEqual([0, 2, 4]);
  });

  it("runs a job again when its process is killed mid-job, and the job still completes once", async () => {
    const pool = makePool({ size: 1 });
    // Slow enough (a busy wait per call) to be killed while it runs.
    const pending = pool.run(job("export function f(i) { let s = 0; for (let k = 0; k < 2e5; k++) s += k; return i; }", 400));
    await waitForBusy(pool);
    await new Promise((r) => setTimeout(r, 30));
    process.kill(pool.pids()[0]!, "SIGKILL");
    const outcome = await pending;
    expect(outcome.kind).toBe("ran");
    if (outcome.kind === "ran") {
      expect(outcome.calls).toHaveLength(400);
      expect(outcome.calls.every((c, i) => c.status === "returned" && c.value === i)).toBe(true);
    }
    expect(pool.stats()).toMatchObject({ crashes: 1, jobsCompleted: 1 });
  });

  it("kills a process that stops answering and reports the job as timed out", async () => {
    const pool = makePool({ size: 1, graceMs: 200 });
    const pending = pool.run(job("export function f(i) { return i; }", 1));
    await waitForBusy(pool);
    const frozen = pool.pids()[0]!;
    process.kill(frozen, "SIGSTOP");
    const started = Date.now();
    const outcome = await pending;
    expect(outcome).toMatchObject({ kind: "crashed", reason: "killed_after_timeout" });
    expect(Date.now() - started).toBeLessThan(limits.timeLimitMs + 200 + 1000);
    expect(pool.stats().watchdogKills).toBe(1);
    // A new process takes over.
    const next = await pool.run(job("export function f(i) { return i + 1; }"));
    expect(next.kind).toBe("ran");
    expect(pool.pids()).not.toContain(frozen);
  });

  it("blames a job whose process dies on every attempt, and keeps serving others", async () => {
    const pool = makePool({ size: 1 });
    const outcome = await pool.run(job('export function f() { return "1".repeat(0x7ffffff).split(""); }'));
    expect(outcome.kind === "crashed" || (outcome.kind === "ran" && outcome.calls[0]!.status !== "returned")).toBe(true);
    const next = await pool.run(job("export function f(i) { return i + 1; }"));
    expect(next.kind).toBe("ran");
  });

  it("spreads concurrent jobs over its processes", async () => {
    const pool = makePool({ size: 2 });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.run(job(`export function f() { return ${i}; }`))));
    expect(outcomes.map((o) => (o.kind === "ran" && o.calls[0]!.status === "returned" ? o.calls[0]!.value : null))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(pool.stats().jobsCompleted).toBe(20);
  });

  it("replaces a process that keeps too much memory after a job, without blaming the job or counting a crash", async () => {
    const probe = makePool({ size: 1 });
    await probe.run(job("export function f(i) { return i; }"));
    const freshMb = residentMb(probe.pids()[0]!);
    await probe.close();

    const pool = makePool({ size: 1, recycleAboveRssMb: freshMb + 40 });
    await pool.run(job("export function f(i) { return i; }"));
    expect(pool.stats().recycles).toBe(0);
    const before = pool.pids()[0]!;
    // ICU's formatters live outside the isolate's heap, and their memory stays with the process.
    const formatters = [
      "const keep = [];",
      'const locales = ["en-US", "de-DE", "fr-FR", "ja-JP", "ar-EG", "zh-CN", "ru-RU", "hi-IN", "es-ES", "pt-BR", "ko-KR", "it-IT"];',
      "export function f(i) {",
      "  for (let k = 0; k < 2500; k++) {",
      "    const locale = locales[k % locales.length];",
      '    keep.push(new Intl.NumberFormat(locale, { style: "currency", currency: ["USD", "EUR", "JPY"][k % 3], minimumFractionDigits: k % 4 }));',
      '    keep.push(new Intl.DateTimeFormat(locale, { timeZone: ["UTC", "Asia/Tokyo", "America/New_York"][k % 3], dateStyle: "full" }));',
      "    keep.push(new Intl.Collator(locale), new Intl.PluralRules(locale));",
      "  }",
      "  return keep.length + i;",
      "}",
    ].join("\n");
    const heavy = await pool.run({ ...job(formatters), limits: { ...limits, timeLimitMs: 4000, testTimeLimitMs: 4000 } });
    expect(heavy).toMatchObject({ kind: "ran", calls: [{ status: "returned", value: 10_000 }] });
    expect(pool.stats()).toMatchObject({ recycles: 1, crashes: 0, watchdogKills: 0 });
    const next = await pool.run(job("export function f(i) { return i + 1; }"));
    expect(next).toMatchObject({ kind: "ran", calls: [{ status: "returned", value: 1 }] });
    expect(pool.pids()).not.toContain(before);
  });

  it("refuses new jobs once closed", async () => {
    const pool = makePool({ size: 1 });
    await pool.close();
    await expect(pool.run(job("export function f() {}"))).rejects.toThrow("closed");
  });
});

function residentMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match![1]) / 1024;
}
