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
  expect(report.endToEnd.map((row) => row.wrong)).toEqual(report.endToEnd.map(() => 0));
  expect(report.endToEnd.every((row) => row.graded > 0)).toBe(true);
}, 300_000);
