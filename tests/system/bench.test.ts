/** `npm run bench -- --quick` inside the suite: every runner grades every submission correctly (figures are not asserted). */
import { expect, it } from "vitest";
import { printBench, runBench } from "../bench/bench.ts";

it("the benchmark's runners and its end-to-end run all grade correctly", async () => {
  const report = await runBench({ quick: true });
  printBench(report, true);
  for (const [name, runner] of Object.entries(report.runners)) {
    expect(runner.graded, name).toBeGreaterThan(0);
    expect(runner.wrong, name).toBe(0);
  }
  expect(report.endToEnd.rows.map((row) => row.wrong)).toEqual(report.endToEnd.rows.map(() => 0));
  expect(report.endToEnd.rows.every((row) => row.graded > 0)).toBe(true);
  // The CPU and memory figures come from the real processes: a broken reading shows as 0 or NaN.
  for (const row of report.endToEnd.rows) {
    expect(row.cpuMs.web, `web CPU at ${row.concurrency}`).toBeGreaterThan(0);
    expect(row.cpuMs.graderHost + row.cpuMs.sandboxes, `grader CPU at ${row.concurrency}`).toBeGreaterThan(0);
    expect(row.rssMb.web).toBeGreaterThan(20);
    expect(row.max).toBeGreaterThanOrEqual(row.p50);
  }
  // A fresh isolate's own cost, read in a process of its own; a failed reading shows as 0 or NaN.
  expect(report.isolateFloorCpuMs).toBeGreaterThan(0.1);
  expect(report.endToEnd.memory.submissions).toBeGreaterThan(0);
  // The measured verdicts come after as many warming the servers up, whose memory is read too.
  expect(report.endToEnd.memory.warmUp.web.startMb).toBeGreaterThan(20);
  expect(report.endToEnd.memory.warmUp.web.endMb).toBe(report.endToEnd.memory.web.startMb);
  // The web server's live heap is read after a full collection (tests/bench/heap-probe.ts).
  const liveHeap = report.endToEnd.memory.webLiveHeap;
  expect(liveHeap?.startMb ?? 0).toBeGreaterThan(5);
  expect(liveHeap!.endMb).toBeLessThan(report.endToEnd.memory.web.endMb);
  expect(report.endToEnd.webProfile?.busyMs ?? 0).toBeGreaterThan(0);
}, 300_000);
