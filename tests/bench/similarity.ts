/**
 * The cost of a similarity report: 500 submissions (by default) to one exercise, each a
 * different program built from random statements in the shape students write (loops, branches,
 * array methods, arithmetic), a tenth of them in Python, with a few renamed copies planted.
 * Times the ranking over all of them, the side-by-side regions of the top pairs, and the whole
 * server call (read from a SQLite file, rank, write the audit entry), and checks the planted
 * copies rank first.
 *
 * npm run bench:similarity
 * npm run bench:similarity -- --submissions 1000 --copies 20
 */
import { parseArgs } from "node:util";
import { exerciseFiles } from "../../exercises/registry.ts";
import { loadSolution } from "../../exercises/fixtures.ts";
import { matchingRegions, similarityReport, type SimilarityInput } from "../../grader/engine/similarity/report.ts";
import { printReport } from "../load/workload.ts";

const { values } = parseArgs({
  options: { submissions: { type: "string", default: "500" }, copies: { type: "string", default: "10" }, runs: { type: "string", default: "3" } },
});
const SUBMISSIONS = Number(values.submissions);
const COPIES = Number(values.copies);
const RUNS = Number(values.runs);

/** A small deterministic generator (mulberry32), so every run times the same programs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ["points", "centroids", "best", "total", "d", "i", "j", "c", "sum", "count", "members", "mean", "dist", "acc", "row", "value", "k", "n", "out", "tmp"];
const OPS = ["+", "-", "*", "/"];

function scriptProgram(rand: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const expr = (depth = 0): string => {
    const r = rand();
    if (depth > 2 || r < 0.3) return rand() < 0.5 ? pick(NAMES) : String(Math.floor(rand() * 10));
    if (r < 0.5) return `${pick(NAMES)}[${expr(depth + 1)}]!`;
    if (r < 0.65) return `Math.${pick(["sqrt", "abs", "min", "max"])}(${expr(depth + 1)})`;
    if (r < 0.8) return `${pick(NAMES)}.${pick(["reduce((s, x) => s + x, 0)", "length", "map((x) => x * 2)", "filter((x) => x > 0)"])}`;
    return `(${expr(depth + 1)} ${pick(OPS)} ${expr(depth + 1)})`;
  };
  const statement = (depth: number, indent: string): string[] => {
    const r = rand();
    if (depth < 2 && r < 0.2) return [`${indent}for (let ${pick(NAMES)} = 0; ${pick(NAMES)} < ${expr()}; ${pick(NAMES)}++) {`, ...block(depth + 1, indent + "  "), `${indent}}`];
    if (depth < 2 && r < 0.35) return [`${indent}if (${expr()} < ${expr()}) {`, ...block(depth + 1, indent + "  "), `${indent}}`];
    if (depth < 2 && r < 0.45) return [`${indent}for (const ${pick(NAMES)} of ${pick(NAMES)}) {`, ...block(depth + 1, indent + "  "), `${indent}}`];
    if (r < 0.7) return [`${indent}const ${pick(NAMES)}${Math.floor(rand() * 9)} = ${expr()};`];
    if (r < 0.9) return [`${indent}${pick(NAMES)} ${pick(["=", "+=", "-="])} ${expr()};`];
    return [`${indent}${pick(NAMES)}.push(${expr()});`];
  };
  const block = (depth: number, indent: string): string[] => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => statement(depth, indent)).flat();
  const body = Array.from({ length: 8 + Math.floor(rand() * 10) }, () => statement(0, "  ")).flat();
  return [`export function kmeansStep(points: number[][], centroids: number[][]) {`, ...body, `  return { assignments: out, centroids: mean };`, `}`, ""].join("\n");
}

function pythonProgram(rand: () => number): string {
  // The same statements, written the Python way: indentation for braces, no declarations.
  return scriptProgram(rand)
    .split("\n")
    .filter((line) => line.trim() !== "}")
    .map((line) =>
      line
        .replace(/^export function kmeansStep\(.*\) \{$/, "def kmeans_step(points, centroids):")
        .replace(/for \(let (\w+) = 0; \w+ < (.*); \w+\+\+\) \{$/, "for $1 in range($2):")
        .replace(/for \(const (\w+) of (\w+)\) \{$/, "for $1 in $2:")
        .replace(/if \((.*)\) \{$/, "if $1:")
        .replace(/const |;$|!/g, "")
        .replace(/Math\.(\w+)/g, "$1")
        .replace(/\.push\(/g, ".append(")
        .replace(/return \{ assignments: out, centroids: mean \}/, 'return {"assignments": out, "centroids": mean}'),
    )
    .join("\n");
}

/** A copy with every name changed and the layout squeezed: the copier's usual disguise. */
function disguise(code: string): string {
  return code.replace(/\b(points|centroids|best|total|sum|count|members|mean|dist|acc|row|value|out|tmp)\b/g, (name) => `${name}_v2`).replace(/\n\s+/g, "\n");
}

const rand = random(2026);
const submissions: SimilarityInput[] = Array.from({ length: SUBMISSIONS }, (_, i) => {
  const python = i % 10 === 9;
  return { id: `s${i}`, language: python ? "python" : "typescript", code: python ? pythonProgram(rand) : scriptProgram(rand) };
});
// Plant copies: student s(2i+1) hands in a disguised copy of s(2i)'s TypeScript program.
const planted = new Set<string>();
for (let i = 0; i < COPIES; i++) {
  const original = submissions[i * 20]!;
  const copier = submissions[i * 20 + 1]!;
  submissions[i * 20 + 1] = { ...copier, language: original.language, code: disguise(original.code) };
  planted.add(`${original.id}+${copier.id}`);
}
const bases: Omit<SimilarityInput, "id">[] = [
  { language: "typescript", code: exerciseFiles("kmeans-step").starters.typescript },
  { language: "typescript", code: loadSolution("kmeans-step", "correct").source },
  { language: "python", code: exerciseFiles("kmeans-step").starters.python },
];

const lines = submissions.reduce((sum, s) => sum + s.code.split("\n").length, 0);
const times: number[] = [];
let report = similarityReport(submissions, bases);
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  report = similarityReport(submissions, bases);
  times.push(performance.now() - started);
}
const top = report.pairs.slice(0, COPIES).map((p) => [p.a, p.b].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))).join("+"));
const found = top.filter((key) => planted.has(key)).length;

const regionsStarted = performance.now();
const byId = new Map(submissions.map((s) => [s.id, s]));
for (const pair of report.pairs.slice(0, 20)) matchingRegions(byId.get(pair.a)!, byId.get(pair.b)!, bases);
const regionsMs = performance.now() - regionsStarted;

const server = await serverCall(submissions);

printReport("Similarity report", {
  submissions: `${SUBMISSIONS} (${submissions.filter((s) => s.language === "python").length} Python), ${Math.round(lines / SUBMISSIONS)} lines each on average`,
  "rank all pairs (median)": `${Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!)} ms over ${RUNS} runs`,
  "side by side, top 20 pairs": `${Math.round(regionsMs)} ms`,
  "whole server call": `${server.ms} ms (SQLite file: read ${server.compared} latest Submits, rank, audit entry)`,
  "pairs reported": report.pairs.length,
  "planted copies ranked first": `${found} of ${COPIES}`,
  "common fingerprints dropped": `${report.commonFingerprints.script} TypeScript/JavaScript, ${report.commonFingerprints.python} Python`,
});
if (found < COPIES) {
  console.error("Some planted copies did not rank first.");
  process.exitCode = 1;
}

/** The server's report on a fresh SQLite file holding the same submissions, one student each. */
async function serverCall(inputs: readonly SimilarityInput[]): Promise<{ ms: number; compared: number }> {
  const { useFreshDatabase } = await import("../support/database.ts");
  await useFreshDatabase();
  const { database } = await import("../../app/_server/db.ts");
  const { runSimilarityReport } = await import("../../app/_server/staff/similarity.ts");
  const db = await database();
  await db.course.create({ data: { id: "bench", code: "BENCH", title: "Bench", term: "Now" } });
  await db.user.create({ data: { id: "bench-ta", email: "bench-ta@epoch.test", name: "TA", passwordHash: "x", enrollments: { create: { courseId: "bench", role: "ta" } } } });
  await db.problemSet.create({
    data: {
      id: "bench-set",
      courseId: "bench",
      title: "Week",
      opensAt: new Date(),
      dueAt: new Date(),
      items: { create: [{ id: "bench-item", exerciseId: "kmeans-step", points: 10, position: 0 }] },
    },
  });
  await db.user.createMany({ data: inputs.map((s) => ({ id: `u-${s.id}`, email: `${s.id}@bench.test`, name: s.id, passwordHash: "x" })) });
  await db.enrollment.createMany({ data: inputs.map((s) => ({ userId: `u-${s.id}`, courseId: "bench", role: "student" })) });
  await db.submission.createMany({
    data: inputs.map((s) => ({ id: s.id, userId: `u-${s.id}`, itemId: "bench-item", exerciseId: "kmeans-step", kind: "submit", language: s.language, code: s.code, seed: 1 })),
  });
  const started = performance.now();
  const view = await runSimilarityReport({ id: "bench-ta", email: "bench-ta@epoch.test", name: "TA" }, "bench", "bench-item");
  return { ms: Math.round(performance.now() - started), compared: view.compared };
}
