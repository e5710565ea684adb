/**
 * Loads a content exercise's spec.ts in this process (the app server, the grader host or the
 * check), never in a student's sandbox: content is trusted instructor code. A module hook lets
 * content import exactly two things: the authoring module, by its public name, and files of its
 * own exercise folder. Anything else (another Epoch module, a package, node:fs, another
 * exercise's folder) is refused with a message that says what to import instead.
 */
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AUTHORING_MODULE } from "../authoring.ts";

/** A content import that is not allowed; the message names the importing file and the fix. */
export class ContentImportError extends Error {
  override name = "ContentImportError";
  /** The importing file, from the content folder (`<id>/spec.ts`). */
  readonly importer: string;
  readonly specifier: string;
  constructor(importer: string, specifier: string) {
    super(`${importer} imports "${specifier}": content may import only "${AUTHORING_MODULE}" and files of its own exercise folder`);
    this.importer = importer;
    this.specifier = specifier;
  }

  /** What to do instead. */
  get fix(): string {
    return `Import what you need from "${AUTHORING_MODULE}" (spec helpers, Rng, the numerical core), or copy the helper into this exercise's folder.`;
  }
}

// Loaded through process.getBuiltinModule so no bundler tries to follow these requires: they load
// files that exist only at run time.
const nodeModule = process.getBuiltinModule("node:module");

/** Folders that hold content exercise folders (`<root>/<exercise id>/spec.ts`). */
const contentRoots = new Set<string>();
let hooksInstalled = false;

/** The authoring module's file; the app, the grader host and the CLIs all run from the project root. */
function authoringFile(): string {
  return join(process.cwd(), "exercises", "authoring.ts");
}

/** The root and exercise folder a file belongs to, when it is content. */
function contentFolderOf(path: string): { root: string; exerciseFolder: string } | null {
  for (const root of contentRoots) {
    const inside = relative(root, path);
    if (inside === "" || inside.startsWith("..") || inside.startsWith(sep) || !inside.includes(sep)) continue;
    return { root, exerciseFolder: join(root, inside.split(sep)[0]!) };
  }
  return null;
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL?.startsWith("file:") ? fileURLToPath(context.parentURL) : null;
      const where = parent ? contentFolderOf(parent) : null;
      if (!parent || !where) return nextResolve(specifier, context);
      const importer = relative(where.root, parent).split(sep).join("/");
      if (specifier === AUTHORING_MODULE) return { url: pathToFileURL(authoringFile()).href, format: "module-typescript", shortCircuit: true };
      if (specifier.startsWith("./") || specifier.startsWith("../")) {
        const target = resolve(parent, "..", specifier);
        const inside = relative(where.exerciseFolder, target);
        if (!inside.startsWith("..") && !inside.startsWith(sep)) return nextResolve(specifier, context);
      }
      throw new ContentImportError(importer, specifier);
    },
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      // Content folders have no package.json saying "module": their .ts files are ES modules.
      if (url.startsWith("file:") && url.endsWith(".ts") && contentFolderOf(fileURLToPath(url))) return { ...loaded, format: "module-typescript" };
      return loaded;
    },
  });
}

/**
 * Loads `<root>/<id>/spec.ts` and returns its default export. Synchronous (Node's require of an
 * ES module), so lookups stay synchronous; each file is loaded once per process.
 */
export function importContentSpec(root: string, id: string): unknown {
  installHooks();
  const absoluteRoot = resolve(root);
  contentRoots.add(absoluteRoot);
  const load = nodeModule.createRequire(join(absoluteRoot, "package.json"));
  const module = load(join(absoluteRoot, id, "spec.ts")) as { default?: unknown };
  return module.default;
}
