import { endToEnd } from "./tests/bench/end-to-end.ts";
const rows = await endToEnd([1, 10, 100], false);
for (const r of rows) console.log(JSON.stringify({ c: r.concurrency, rate: r.rate.toFixed(0), p50: r.p50.toFixed(1), p95: r.p95.toFixed(1), p99: r.p99.toFixed(1), wrong: r.wrong }));
