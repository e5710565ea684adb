/**
 * Measures the Python runtime in real sandbox processes: snapshot, restore, memory per spare,
 * a forward pass, and resident memory over many submissions.
 * Run: node --no-node-snapshot tests/grader/python/measure.ts [submissions]
 */
import { setTimeout as sleep } from "node:timers/promises";
import { PythonProcess, values } from "./python-process.ts";

const submissions = Number(process.argv[2] ?? 200);
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const round = (n: number): number => Math.round(n * 10) / 10;

const FORWARD = `
import math

def forward(x, layers):
    for layer in layers:
        w, b = layer["w"], layer["b"]
        x = [sum(wi * xi for wi, xi in zip(row, x)) + bi for row, bi in zip(w, b)]
        if layer["act"] == "relu":
            x = [max(0.0, v) for v in x]
        else:
            m = max(x)
            e = [math.exp(v - m) for v in x]
            s = sum(e)
            x = [v / s for v in e]
    return x
`;

function layer(inputs: number, outputs: number, act: string, seed: number): unknown {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  return { w: Array.from({ length: outputs }, () => Array.from({ length: inputs }, next)), b: Array.from({ length: outputs }, next), act };
}

const one = new PythonProcess({ spares: 1 });
const ready = await one.ready;
out(
  `snapshot prepared in ${round(ready.stats.snapshotMs)} ms (${round(ready.stats.snapshotBytes / 2 ** 20)} MiB); first spare restored in ${round(ready.stats.lastRestoreMs)} ms; RSS ${round(ready.rssMb)} MiB`,
);

const layers = [layer(64, 32, "relu", 1), layer(32, 10, "softmax", 2)];
const calls = Array.from({ length: 10 }, (_, i) => ({ argsJson: JSON.stringify([Array.from({ length: 64 }, (_, k) => Math.sin(i + k)), layers]), randomSeed: i }));
for (let attempt = 0; attempt < 3; attempt++) {
  await sleep(3000); // the spare is restored and waiting
  const outcome = await one.run({ source: FORWARD, entry: "forward", calls });
  if (outcome.kind !== "ran") throw new Error(JSON.stringify(outcome));
  const callMs = outcome.calls.map((c) => ("ms" in c ? c.ms : 0));
  const sum = values(outcome).map((v) => (Array.isArray(v) ? (v as number[]).reduce((a, b) => a + b, 0) : v));
  out(
    `forward pass 64→32→10, 10 calls on a ready spare: job ${round(outcome.hostMs)} ms (load + calls), calls ${callMs.map(round).join(", ")} ms; softmax sums ${round(Number(sum[0]))}`,
  );
}

const beforeBomb = await one.stats();
const bomb = await one.run({
  source: "def forward(x, layers):\n    hoard = []\n    while True:\n        hoard.append(bytearray(1 << 20))\n",
  entry: "forward",
  calls: calls.slice(0, 1),
});
await sleep(2000);
const afterBomb = await one.stats();
out(
  `memory bomb (256 MiB cap): ${values(bomb).join()} in ${round(bomb.hostMs)} ms; peak RSS ${round(beforeBomb.peakRssMb)} → ${round(afterBomb.peakRssMb)} MiB, RSS afterwards ${round(afterBomb.rssMb)} MiB`,
);

const rss: string[] = [];
const started = performance.now();
const jobMs: number[] = [];
for (let i = 1; i <= submissions; i++) {
  const source = i % 2 === 0 ? FORWARD : `import random\nhoard = [random.random() for _ in range(${20_000 + i})]\ndef forward(x, layers):\n    return sum(hoard)\n`;
  const outcome = await one.run({ source, entry: "forward", calls: calls.slice(0, 3) });
  jobMs.push(outcome.hostMs);
  if (i % 20 === 0 || i === 1) rss.push(`${i}:${round((await one.stats()).rssMb)}`);
}
const after = await one.stats();
jobMs.sort((a, b) => a - b);
out(
  `${submissions} submissions back to back in ${round((performance.now() - started) / 1000)} s; job p50 ${round(jobMs[Math.floor(jobMs.length / 2)]!)} ms, p90 ${round(jobMs[Math.floor(jobMs.length * 0.9)]!)} ms (each waits for its interpreter's restore when none is ready)`,
);
out(`restores: ${after.stats.restores}, mean ${round(after.stats.totalRestoreMs / after.stats.restores)} ms`);
out(`RSS (MiB) by submission: ${rss.join("  ")}`);
one.close();

const many = new PythonProcess({ spares: 4 });
const manyReady = await many.ready;
await sleep(1000);
const manyRss = (await many.stats()).rssMb;
out(
  `RSS with 1 spare ${round(ready.rssMb)} MiB, with 4 spares ${round(manyRss)} MiB: ${round((manyRss - ready.rssMb) / 3)} MiB per spare (restores took ${round(manyReady.stats.totalRestoreMs / manyReady.stats.restores)} ms each)`,
);
many.close();
