/**
 * Where a server's CPU time goes, from a V8 profile written by `node --cpu-prof`: self time
 * summed by category (the script a sampled function comes from, or the function's name for
 * V8's own entries).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds on the monotonic clock that process.hrtime reads, in every process of the machine. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** First match wins: the bundled app's chunks name the packages they hold. */
const CATEGORIES: readonly [string, (url: string, fn: string) => boolean][] = [
  ["idle", (url, fn) => fn === "(idle)"],
  ["garbage collection", (url, fn) => fn === "(garbage collector)"],
  ["module loading (start-up)", (url, fn) => url.startsWith("node:internal/modules") || /^(wrapSafe|compileSourceTextModule|instantiateModule)$/.test(fn)],
  // Bundled into the app's chunks, Auth.js shows as its key derivation (HKDF) and decryption.
  ["Auth.js session (JWT/JWE, crypto)", (url) => /next-auth|@auth[/_+]core|[/_+]jose[/_+]|oauth4webapi/.test(url) || url.startsWith("node:internal/crypto")],
  ["Prisma + database driver", (url) => /prisma|libsql|@libsql|[/_+]pg[/_+]/.test(url)],
  ["JSON", (url, fn) => url === "" && /^(parse|stringify)$|JSON/.test(fn)],
  ["React rendering", (url) => /react-dom|react-server|[/_+]react[/_+]|scheduler/.test(url)],
  ["zod validation", (url, fn) => /[/_+]zod[/_+]/.test(url) || fn.includes("_zod")],
  ["Next.js routing and request handling", (url) => /next[/_+]dist|node_modules[/_+]next[/_+]/.test(url)],
  ["the app's bundled code (routes, server modules)", (url) => /\.next[/]server|app[/_+]/.test(url)],
  ["Node.js (HTTP, web streams, events)", (url) => url.startsWith("node:")],
  ["V8 (compiling, runtime)", (url, fn) => url === "" && /^\((program|root)\)$/.test(fn)],
  ["native (socket and string I/O, microtasks)", (url) => url === ""],
];

export interface ProfileSummary {
  /** Milliseconds of CPU (not idle) in the profile. */
  readonly busyMs: number;
  /** Categories by self time, most first, idle left out. */
  readonly categories: readonly { readonly name: string; readonly ms: number; readonly share: number }[];
}

function categoryOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  for (const [name, matches] of CATEGORIES) if (matches(url, functionName)) return name;
  return "other";
}

/** Microseconds on the clock a profile's times use (the same in every process of a machine). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The profile's self time by category; with `window` (monotonicMicros), only samples taken within it. */
export function summariseProfile(path: string, window?: { readonly fromUs: number; readonly toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const category = new Map(profile.nodes.map((node) => [node.id, categoryOf(node)]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const name = category.get(id) ?? "other";
    totals.set(name, (totals.get(name) ?? 0) + delta / 1000);
  });
  totals.delete("idle");
  const busyMs = [...totals.values()].reduce((a, b) => a + b, 0);
  const categories = [...totals.entries()].map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 })).sort((a, b) => b.ms - a.ms);
  return { busyMs, categories };
}
