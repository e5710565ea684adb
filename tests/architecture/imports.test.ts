/**
 * The layers of the house, read from the source: which folder may import which, and no import
 * cycles anywhere. The lint rules (eslint.config.js) fail a backwards import as it is written;
 * this test reads the whole graph, including dynamic imports and cycles lint cannot see.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", ".next", ".git", "data", "generated", "artifacts", "bench-results", "test-results"]);

/** Layers in the order they may be imported: each may import only the ones it lists. */
const LAYERS = {
  exercises: { files: /^exercises\//, mayImport: [] },
  config: { files: /^config\.ts$/, mayImport: [] },
  // What goes into and comes out of a sandbox process: the one part the engine and the sandbox share.
  "grader-contract": { files: /^grader\/sandbox\/protocol\.ts$/, mayImport: ["exercises"] },
  "grader-engine": { files: /^grader\/engine\//, mayImport: ["exercises", "grader-contract"] },
  "grader-sandbox": { files: /^grader\/sandbox\//, mayImport: ["exercises", "grader-contract"] },
  data: { files: /^prisma\//, mayImport: ["exercises", "config"] },
  "grader-host": { files: /^grader\/host\//, mayImport: ["exercises", "config", "data", "grader-contract", "grader-engine", "grader-sandbox"] },
  "grader-cli": { files: /^grader\/cli\//, mayImport: ["exercises", "grader-contract", "grader-engine", "grader-sandbox"] },
  app: { files: /^app\//, mayImport: ["exercises", "config", "data", "grader-engine"] },
  tooling: { files: /^(next\.config\.js|prisma\.config\.ts)$/, mayImport: ["config"] },
} as const satisfies Record<string, { files: RegExp; mayImport: readonly string[] }>;
type Layer = keyof typeof LAYERS;

function layerOf(file: string): Layer | null {
  for (const [name, layer] of Object.entries(LAYERS)) if (layer.files.test(file)) return name as Layer;
  return null;
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) found.push(relative(ROOT, path));
  }
  return found;
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = new Set<string>();
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier?.startsWith(".")) specifiers.add(specifier);
  }
  return [...specifiers].map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

const files = sourceFiles(ROOT);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe("the import graph", () => {
  it("finds the project's files and their imports", () => {
    expect(files).toContain("grader/engine/grade.ts");
    expect(graph.get("grader/engine/grade.ts")).toContain("grader/engine/result.ts");
  });

  it("has every relative import pointing at a file that exists", () => {
    const known = new Set(files);
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => /\.(ts|tsx|js|mjs)$/.test(t) && !t.endsWith(".d.ts") && !known.has(t) && !t.includes("generated/")).map((t) => `${file} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it("has no file importing a layer above its own", () => {
    const backwards: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      if (from === null) continue;
      for (const target of targets) {
        const to = layerOf(target);
        if (to === null || to === from) continue;
        if (!(LAYERS[from].mayImport as readonly string[]).includes(to)) backwards.push(`${file} (${from}) → ${target} (${to})`);
      }
    }
    expect(backwards).toEqual([]);
  });

  it("has no import cycle", () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const indices = new Map<string, number>();
    const lowlinks = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (file: string): void => {
      indices.set(file, index);
      lowlinks.set(file, index);
      index++;
      stack.push(file);
      onStack.add(file);
      for (const target of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (!indices.has(target)) {
          visit(target);
          lowlinks.set(file, Math.min(lowlinks.get(file)!, lowlinks.get(target)!));
        } else if (onStack.has(target)) {
          lowlinks.set(file, Math.min(lowlinks.get(file)!, indices.get(target)!));
        }
      }
      if (lowlinks.get(file) === indices.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
      }
    };
    for (const file of graph.keys()) if (!indices.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
