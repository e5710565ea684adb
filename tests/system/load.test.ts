/** Short runs of the load and fault scripts (tests/load): the full ones print figures; these assert nothing is lost. */
import { describe, expect, it } from "vitest";
import { deadlineSpike, printSpike } from "../load/deadline-spike.ts";
import { graderFaults, printFaults } from "../load/grader-faults.ts";
import { printRestart, serverRestart } from "../load/server-restart.ts";

describe("under load and faults, nothing acknowledged is lost", () => {
  it("a deadline spike (40 students × 3 submissions in 10 s)", async () => {
    const options = { students: 40, perStudent: 3, windowSeconds: 10 };
    const report = await deadlineSpike(options);
    printSpike(report, options);
    expect(report.acknowledged).toBe(120);
    expect(report.lost).toBe(0);
    expect(report.wrongVerdicts).toBe(0);
    expect(report.claims).toEqual({ 1: 120 });
  }, 300_000);

  it("sandbox processes killed mid-grading (8 kills) and the grader host killed once", async () => {
    const options = { submissions: 60, sandboxKills: 8, hostKills: 1, windowSeconds: 15 };
    const report = await graderFaults(options);
    printFaults(report, options);
    expect(report.acknowledged).toBe(60);
    expect(report.sandboxKills).toBe(8);
    expect(report.lost).toBe(0);
    expect(report.wrongVerdicts).toBe(0);
  }, 300_000);

  it("the web server restarted twice and the grader host killed, with work queued and in flight", async () => {
    const options = { submissions: 40 };
    const report = await serverRestart(options);
    printRestart(report, options);
    expect(report.acknowledged).toBe(40);
    expect(report.lost).toBe(0);
    expect(report.wrongVerdicts).toBe(0);
  }, 300_000);
});
