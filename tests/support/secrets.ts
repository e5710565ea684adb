/**
 * Distinctive strings of what a student must never receive, and a reader of responses that sees
 * through the encodings a string takes on its way to the browser (HTML entities, the JSON string
 * escapes of RSC payloads and of the payload inlined in the page's scripts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { formatNumber, formatValue } from "../../exercises/spec/format.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { exerciseFiles, exercisesDirectory, getExercise, listExercises } from "../../exercises/registry.ts";
import { listSolutions, loadSolution } from "../../exercises/fixtures.ts";

export interface Secret {
  /** What it is, for the failure message. */
  readonly label: string;
  readonly text: string;
}

/** The text with JSON string escapes (up to three levels deep) and HTML entities undone, after the text as it came. */
export function readable(text: string): string {
  let decoded = text;
  for (let level = 0; level < 3; level++) {
    decoded = decoded
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      .replace(/\\n/g, "\n")
      .replace(/\\"/g, '"')
      .replace(/\\\\/g, "\\");
  }
  decoded = decoded
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return `${text}\n${decoded}`;
}

/** The secrets found in a response ("label: text"), for `expect(...).toEqual([])`. */
export function leaksIn(response: string, secrets: readonly Secret[]): string[] {
  const haystack = readable(response);
  return secrets.filter((secret) => haystack.includes(secret.text)).map((secret) => `${secret.label}: ${secret.text.slice(0, 80)}`);
}

function leafNumbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(leafNumbers);
  if (value && typeof value === "object") return Object.values(value).flatMap(leafNumbers);
  return [];
}

/**
 * A student's hidden tests of one exercise, as the grader prepares them for that student's seed:
 * each test's rendered call, each argument, the expected value, and every number of its inputs
 * and expected output that is long enough to be told apart (six characters or more), leaving
 * out whatever the student legitimately sees (visible tests, the variant, the statement).
 */
export function hiddenTestSecrets(exerciseId: string, seed: number): Secret[] {
  const exercise = getExercise(exerciseId);
  const cases = prepareCases(exercise, seed);
  const seen = [
    exerciseFiles(exerciseId).statement,
    formatValue(cases.variant, 2000),
    JSON.stringify(cases.variant),
    ...cases.visible.flatMap((c) => [c.inputText, c.expectedText, c.argsJson, JSON.stringify(c.expected)]),
  ].join("\n");
  const secrets = new Map<string, Secret>();
  const add = (label: string, text: string, minLength: number) => {
    const whole = text.split("…")[0]!;
    if (whole.length >= minLength && !seen.includes(whole) && !secrets.has(whole)) secrets.set(whole, { label, text: whole });
  };
  for (const test of cases.hidden) {
    const label = `${exerciseId} hidden test "${test.name}"`;
    add(`${label}, its call`, test.inputText, 20);
    add(`${label}, its expected value`, test.expectedText, 8);
    add(`${label}, its arguments as JSON`, test.argsJson, 12);
    test.args.forEach((arg, i) => add(`${label}, argument ${i + 1}`, formatValue(arg, 1500), 10));
    for (const n of leafNumbers(test.args)) add(`${label}, an input number`, formatNumber(n), 6);
    for (const n of leafNumbers(test.expected)) add(`${label}, an expected number`, formatNumber(n), 6);
  }
  return [...secrets.values()];
}

function codeLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length >= 30 && !/^(\/\/|\/?\*|import\b)/.test(line));
}

/**
 * Source lines (30 characters or more) of the server-side code of exercises: the numerical core,
 * each exercise's spec, its reference solution and its mistake fixtures, leaving out lines the
 * student has (the starter, the signature, the statement, the code they submitted themselves).
 */
export function serverSourceSecrets(studentCode: readonly string[] = []): Secret[] {
  const root = exercisesDirectory();
  const seen = new Set<string>(studentCode.flatMap((code) => code.split("\n").map((line) => line.trim())));
  // Exercise folders are the ones with a spec (not core/, spec/, calculation/ or content/).
  const exerciseIds = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory() && existsSync(join(root, n, "spec.ts")));
  for (const id of exerciseIds) {
    const files = exerciseFiles(id);
    for (const line of [files.starter, files.signature, files.statement].flatMap((t) => t.split("\n"))) seen.add(line.trim());
  }
  const secrets: Secret[] = [];
  // A spec's quoted strings are its title, tags and hints, which pages show; its code is not.
  const addSource = (label: string, source: string, skipQuoted = false) => {
    for (const line of codeLines(source)) if (!seen.has(line) && !(skipQuoted && /["'`]/.test(line))) secrets.push({ label, text: line });
  };
  const addFile = (label: string, path: string, skipQuoted = false) => addSource(label, readFileSync(path, "utf8"), skipQuoted);
  for (const name of readdirSync(join(root, "core")).filter((n) => n.endsWith(".ts"))) addFile(`exercises/core/${name}`, join(root, "core", name));
  for (const id of exerciseIds) {
    addFile(`exercises/${id}/spec.ts`, join(root, id, "spec.ts"), true);
    // Whole sources, a mistake's change applied: its lines taken from correct.ts are secret too.
    for (const name of listSolutions(id, root)) {
      const fixture = loadSolution(id, name, root);
      addSource(`exercises/${id}/${fixture.file}`, fixture.source);
    }
  }
  // A calculation's spec holds its reference (solve); its statement and labels are shown.
  const calculations = join(root, "calculation", "bank");
  for (const id of readdirSync(calculations).filter((n) => existsSync(join(calculations, n, "spec.ts")))) {
    addFile(`exercises/calculation/bank/${id}/spec.ts`, join(calculations, id, "spec.ts"), true);
  }
  return secrets;
}

/**
 * What survives minification of server-side exercise code if a client bundle took it in: the
 * names the core exports (bundlers keep export names) and its long string literals.
 */
export function serverCodeBundleSecrets(): Secret[] {
  const core = join(exercisesDirectory(), "core");
  // The functions students write share names with some of the core's; those names are public.
  const entries = new Set(listExercises().map((exercise) => exercise.entry));
  const secrets: Secret[] = [];
  for (const name of readdirSync(core).filter((n) => n.endsWith(".ts"))) {
    const source = readFileSync(join(core, name), "utf8");
    // camelCase names of ten letters or more: "numericalGradient", not a plain word like "activation".
    for (const [, exported] of source.matchAll(/export (?:async )?(?:function|const) (\w{10,})/g))
      if (/[a-z][A-Z]/.test(exported!) && !entries.has(exported!)) secrets.push({ label: `exercises/core/${name} export`, text: exported! });
    for (const [, literal] of source.matchAll(/"([^"\\\n]{24,})"/g)) secrets.push({ label: `exercises/core/${name} string`, text: literal! });
    // The fixed parts of template literals (the core's shape messages) survive minification too.
    for (const [, template] of source.matchAll(/`([^`]*)`/g)) {
      for (const part of template!.split(/\$\{[^}]*\}/))
        if (part.trim().length >= 16 && !part.includes("\\")) secrets.push({ label: `exercises/core/${name} template`, text: part });
    }
  }
  return secrets;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:([^'";]*?)\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** Whether an import is erased at compile time: `import type …` or `import { type A, type B } …`. */
function typeOnly(keyword: string | undefined, clause: string | undefined): boolean {
  if (keyword) return true;
  const named = /^\{([^}]*)\}$/.exec(clause?.trim() ?? "");
  return named !== null && named[1]!.split(",").every((part) => part.trim() === "" || part.trim().startsWith("type "));
}

/**
 * The source files a client bundle can contain: every module under app/ marked "use client" and
 * everything it imports for its value (type-only imports are erased; server actions stay on the
 * server), relative to the project root.
 * Minification renames and reshapes code, so what a bundle took in is checked here, in its sources.
 */
export function clientModuleGraph(root = process.cwd()): Set<string> {
  const appFiles: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) appFiles.push(path);
    }
  };
  walk(join(root, "app"));
  const pending = appFiles.filter((file) => /^\s*["']use client["']/.test(readFileSync(file, "utf8")));
  const reached = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    const source = readFileSync(file, "utf8");
    // A client module calls a server action by reference; the action's code stays on the server.
    if (/^\s*["']use server["']/.test(source)) continue;
    reached.add(file);
    for (const match of source.matchAll(IMPORT)) {
      const [, , keyword, clause, specifier, dynamicSpecifier] = match;
      if (specifier && typeOnly(keyword, clause)) continue;
      const target = resolveImport(file, (specifier ?? dynamicSpecifier)!);
      if (target) pending.push(target);
    }
  }
  return new Set([...reached].map((file) => relative(root, file)));
}

/** Every text file the production build serves to browsers (.next/static). */
export function clientAssets(root = ".next/static"): { file: string; text: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|json|css|html|txt|map)$/.test(name)) files.push(path);
    }
  };
  walk(root);
  return files.map((file) => ({ file, text: readFileSync(file, "utf8") }));
}
