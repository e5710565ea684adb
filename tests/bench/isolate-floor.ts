/**
 * Run by the bench in a process started as a sandbox process is (the pool's flags): the CPU one
 * fresh isolate costs, made ready as a job receives it and disposed unused. No grader can pay
 * less per submission while it keeps a fresh isolate for each, so this bounds its share of the
 * limit's rate. Prints the CPU ms per isolate as JSON on stdout.
 */
import { prepareAndDisposeUnused } from "../../grader/sandbox/run-job.ts";

const count = Number(process.argv[2] ?? 1000);
// Warm up: the snapshot is made on the first isolate, and the process's own code gets compiled.
for (let i = 0; i < 100; i++) prepareAndDisposeUnused();
const before = process.cpuUsage();
for (let i = 0; i < count; i++) prepareAndDisposeUnused();
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ cpuMsPerIsolate: (used.user + used.system) / 1000 / count }));
