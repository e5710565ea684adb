/**
 * Shared pieces of the load and fault scripts: simulated students with real accounts and real
 * sign-ins, a mix of correct, wrong and hostile code, and the figures the scripts print.
 */
import { availableParallelism, totalmem } from "node:os";
import { hashPassword } from "../../prisma/passwords.ts";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { HttpSession } from "../support/http-session.ts";
import { readSolution } from "../../exercises/fixtures.ts";

export const ITEMS = ["forward-pass", "backprop-warmup", "mlp-parameter-count", "activation-derivatives"].map((exerciseId) => ({
  itemId: `ml101-week1-${exerciseId}`,
  exerciseId,
}));

export type Kind = "correct" | "wrong" | "hostile";

export interface Payload {
  readonly kind: Kind;
  readonly exerciseId: string;
  readonly itemId: string;
  readonly code: string;
  /** The verdict this payload must get, when it is certain. */
  readonly expected: string | null;
}

const fixture = (exerciseId: string, name: string) => readSolution(exerciseId, name);
const MISTAKES: Record<string, string[]> = {
  "forward-pass": ["missing-bias", "transposed-weights", "no-activation"],
  "backprop-warmup": ["local-gradients-only", "dz-is-z"],
  "mlp-parameter-count": ["ignores-include-bias", "counts-units"],
  "activation-derivatives": ["sigmoid-derivative-is-sigmoid", "relu-derivative-one-at-zero"],
};

/** Hostile code that fails fast, and (rarer) code that burns its whole time limit or kills V8. */
const HOSTILE_FAST = [
  "export function f( {",
  "export function forward() { throw new Error('boom'); }",
  "export function gradients() { return process.env; }",
  "export function countParameters() { return new Array(5e6).fill(1); }",
  "export function activate() { const o = {}; o.o = o; return o; }",
  "import fs from 'node:fs'; export function forward() { return []; }",
];
const HOSTILE_SLOW = ["export function gradients() { for (;;) {} }", "export function countParameters() { return '1'.repeat(0x7ffffff).split(''); }"];

/** A deterministic random sequence, so a run can be repeated. */
export function randomStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function payload(random: () => number, shares = { correct: 0.6, wrong: 0.3, slowHostile: 0.01 }): Payload {
  const item = ITEMS[Math.floor(random() * ITEMS.length)]!;
  const roll = random();
  if (roll < shares.correct) return { kind: "correct", ...item, code: fixture(item.exerciseId, "correct"), expected: "passed" };
  if (roll < shares.correct + shares.wrong) {
    const options = MISTAKES[item.exerciseId]!;
    return { kind: "wrong", ...item, code: fixture(item.exerciseId, options[Math.floor(random() * options.length)]!), expected: null };
  }
  const pool = random() < shares.slowHostile / Math.max(1e-9, 1 - shares.correct - shares.wrong) ? HOSTILE_SLOW : HOSTILE_FAST;
  return { kind: "hostile", ...item, code: pool[Math.floor(random() * pool.length)]!, expected: null };
}

/** Students with real accounts in ML-101, created straight in the database (one password hash for all). */
export async function createStudents(databaseUrl: string, count: number, prefix: string): Promise<string[]> {
  const db = await createDatabase(databaseUrl);
  const passwordHash = await hashPassword("load-test-password");
  const emails: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, i) => ({
      id: `${prefix}-${start + i}`,
      email: `${prefix}-${start + i}@load.epoch.test`,
      name: `Load ${start + i}`,
      passwordHash,
    }));
    await db.user.createMany({ data: batch });
    await db.enrollment.createMany({ data: batch.map((u) => ({ userId: u.id, courseId: "ml101", role: "student" })) });
    emails.push(...batch.map((u) => u.email));
  }
  await db.$disconnect();
  return emails;
}

/** Signs every student in through Auth.js, a few at a time. */
export async function signInAll(baseUrl: string, emails: readonly string[], concurrency = 8): Promise<HttpSession[]> {
  const sessions: HttpSession[] = new Array(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < emails.length) {
        const index = next++;
        // Each simulated student has a browser's connections of their own.
        sessions[index] = await new HttpSession(baseUrl, { ownConnections: true }).signIn(emails[index]!, "load-test-password");
      }
    }),
  );
  return sessions;
}

export interface Outcome {
  readonly payload: Payload;
  /** Set when the server acknowledged the submission (202). */
  readonly id: string | null;
  readonly acknowledgedStatus: number;
  readonly verdict: string | null;
  /** From pressing Submit to the verdict reaching the client, in ms. */
  readonly latencyMs: number | null;
}

type SubmissionReply = { submission: { id: string; status: string; result: { verdict: string } | null } };

/**
 * Submits like the exercise page does: POST with `?wait` (answered when graded, or stored and
 * answered 202 after the wait), then long-poll until the verdict arrives (or `giveUpMs`).
 * With `onAcknowledged`, the POST does not wait, so the caller learns the id at once.
 */
export async function submitAndWait(session: HttpSession, work: Payload, giveUpMs = 180_000, onAcknowledged?: (id: string) => void): Promise<Outcome> {
  const started = performance.now();
  let response;
  try {
    const wait = onAcknowledged ? "" : "?wait=5000";
    response = await session.request("POST", `/api/submissions${wait}`, { json: { itemId: work.itemId, kind: "submit", language: "typescript", code: work.code } });
  } catch {
    return { payload: work, id: null, acknowledgedStatus: 0, verdict: null, latencyMs: null };
  }
  if (response.status !== 202 && response.status !== 200) return { payload: work, id: null, acknowledgedStatus: response.status, verdict: null, latencyMs: null };
  const first = response.json<SubmissionReply>().submission;
  const id = first.id;
  if (first.status === "graded") return { payload: work, id, acknowledgedStatus: response.status, verdict: first.result?.verdict ?? null, latencyMs: performance.now() - started };
  onAcknowledged?.(id);
  while (performance.now() - started < giveUpMs) {
    try {
      const poll = await session.request("GET", `/api/submissions/${id}?wait=10000`, { timeoutMs: 15_000 });
      if (poll.status === 200) {
        const submission = poll.json<SubmissionReply>().submission;
        if (submission.status === "graded")
          return { payload: work, id, acknowledgedStatus: 202, verdict: submission.result?.verdict ?? null, latencyMs: performance.now() - started };
      }
    } catch {
      // The server may be restarting: the submission is stored, keep asking.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { payload: work, id, acknowledgedStatus: 202, verdict: null, latencyMs: null };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface LossReport {
  readonly acknowledged: number;
  readonly graded: number;
  /** Acknowledged but never graded: must be 0. */
  readonly lost: number;
  /** A correct solution that did not pass: must be 0. */
  readonly wrongVerdicts: number;
  /**
   * Submissions by how many times a grader host claimed them. Each claim writes at most one
   * result (the write is conditional on holding the claim), so 1 everywhere means "graded once".
   */
  readonly claims: Record<number, number>;
  /** Submissions claimed more than once (a host died, or the grader failed and retried). */
  readonly claimedTwice: number;
  /** Submissions in the database still queued or running after every client stopped waiting: must be 0. */
  readonly leftUnfinished: number;
  /** Graded submissions by the grader host that graded them. */
  readonly gradedBy: Record<string, number>;
}

/** Reads the truth from the database: every acknowledged submission graded, once, with the right verdict. */
export async function lossReport(databaseUrl: string, outcomes: readonly Outcome[]): Promise<LossReport> {
  const db: Database = await createDatabase(databaseUrl);
  const acknowledged = outcomes.filter((o) => o.id !== null);
  const rows = await db.submission.findMany({
    where: { id: { in: acknowledged.map((o) => o.id!) } },
    select: { id: true, status: true, verdict: true, gradingAttempts: true, graderHost: true },
  });
  const leftUnfinished = await db.submission.count({ where: { status: { in: ["queued", "running"] } } });
  await db.$disconnect();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const claims: Record<number, number> = {};
  for (const row of rows) claims[row.gradingAttempts] = (claims[row.gradingAttempts] ?? 0) + 1;
  const graded = rows.filter((r) => r.status === "graded" && r.verdict !== null);
  const gradedBy: Record<string, number> = {};
  for (const row of graded) gradedBy[row.graderHost ?? "unknown"] = (gradedBy[row.graderHost ?? "unknown"] ?? 0) + 1;
  const wrongVerdicts = acknowledged.filter((o) => o.payload.expected !== null && byId.get(o.id!)?.verdict !== o.payload.expected).length;
  return {
    acknowledged: acknowledged.length,
    graded: graded.length,
    lost: acknowledged.length - graded.length,
    wrongVerdicts,
    claims,
    claimedTwice: rows.filter((r) => r.gradingAttempts > 1).length,
    leftUnfinished,
    gradedBy,
  };
}

export function latencySummary(outcomes: readonly Outcome[]): { p50: number; p95: number; p99: number; max: number } {
  const values = outcomes.map((o) => o.latencyMs).filter((v): v is number => v !== null);
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: percentile(values, 100) };
}

export function machine(): string {
  return `${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

export function printReport(title: string, lines: Record<string, string | number>): void {
  process.stdout.write(`\n== ${title} (${new Date().toISOString().slice(0, 10)}, ${machine()})\n`);
  for (const [key, value] of Object.entries(lines)) process.stdout.write(`  ${key.padEnd(28)} ${value}\n`);
}
