/**
 * Loaded into the web server by the bench only (`node --expose-gc --import`): on SIGUSR2 it runs
 * a full garbage collection and writes the live heap and resident memory to
 * `$EPOCH_BENCH_HEAP_DIR/<pid>.json`. Resident memory alone cannot tell a leak from a heap V8
 * keeps large while allocation is fast; the heap that survives a full collection can.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.EPOCH_BENCH_HEAP_DIR;
const collect = (globalThis as { gc?: () => void }).gc;
let reading = 0;

if (dir && collect) {
  process.on("SIGUSR2", () => {
    // Twice: objects with finalizers or weak references need a second pass to go.
    collect();
    collect();
    const { heapUsed, rss } = process.memoryUsage();
    writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ reading: ++reading, heapUsedMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 }));
  });
}
