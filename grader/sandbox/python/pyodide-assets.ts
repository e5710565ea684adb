/**
 * The parts of the `pyodide` npm package a sandbox process needs, read once and adapted to run
 * in a bare isolate: the two loaders as plain scripts, the standard library, the lock file, and
 * the interpreter compiled to a `WebAssembly.Module` whose memory has a maximum.
 *
 * The loaders are edited as text, so each edit names exactly what it expects to find and
 * fails loudly if a Pyodide upgrade changed it (the version is pinned in package.json).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Where the guest believes Pyodide's files live; only the in-isolate file table answers. */
export const GUEST_INDEX_URL = "/pyodide/";
export const GUEST_STDLIB_PATH = `${GUEST_INDEX_URL}python_stdlib.zip`;
export const GUEST_WASM_PATH = `${GUEST_INDEX_URL}pyodide.asm.wasm`;
export const GUEST_PACKAGES_URL = `${GUEST_INDEX_URL}packages/`;

export interface PyodideAssets {
  /** Folder of the installed `pyodide` package. */
  readonly directory: string;
  readonly version: string;
  /** The Emscripten module factory, as a script that sets `globalThis.__epochCreateModule`. */
  readonly moduleScript: string;
  /** The Pyodide loader, as a script that sets `globalThis.__epochLoadPyodide`. */
  readonly loaderScript: string;
  readonly stdlib: Uint8Array;
  /** Text of the package's own pyodide-lock.json. */
  readonly lockText: string;
  /** The interpreter's WebAssembly binary as shipped. */
  readonly wasm: Uint8Array;
}

function replaceOnce(text: string, find: string, replacement: string, what: string): string {
  const first = text.indexOf(find);
  if (first < 0 || text.indexOf(find, first + 1) >= 0) {
    throw new Error(`pyodide's ${what} changed: expected exactly one "${find}" (is the pinned pyodide version installed?)`);
  }
  return text.slice(0, first) + replacement + text.slice(first + find.length);
}

function replaceEvery(text: string, find: string, replacement: string, what: string): string {
  if (!text.includes(find)) throw new Error(`pyodide's ${what} changed: "${find}" not found`);
  return text.split(find).join(replacement);
}

/**
 * Emscripten's start-up gives every function the interpreter exports (about 7,400) a slot in
 * the function table and a `WebAssembly.Global` in its offset table (GOT), in case a shared
 * library loaded later refers to it: some 60 ms of every restore, for libraries a sandbox
 * never loads. Here only the entries the interpreter itself imports are made at start-up; any
 * other export gets its entry the first time something asks the GOT for it (a library's import,
 * or a library that defines the same name, where the interpreter's definition still wins), so
 * a library sees exactly what it would have. Table slots are handed out in one fixed order,
 * the same when the snapshot is made as when it is restored, so the function pointers stored
 * in the snapshot's memory keep their meaning (the snapshot key includes this script).
 */
function linkMainExportsOnDemand(script: string): string {
  const what = "pyodide.asm.mjs (dynamic linking)";
  let out = replaceOnce(
    script,
    "var GOT={};var GOTHandler={get(weakImports,symName){",
    "var GOT={};var epochMainExports=null;" +
      "var epochLinkMainExport=symName=>{if(epochMainExports===null||GOT[symName]||!Object.hasOwn(epochMainExports,symName)||isInternalSym(symName))return;" +
      'var value=epochMainExports[symName];var newValue;if(typeof value=="function"){newValue=addFunction(value)}else if(typeof value.value=="number"){newValue=value}else{return}' +
      'GOT[symName]=new WebAssembly.Global({value:"i32",mutable:true});GOT[symName].value=newValue};' +
      "var GOTHandler={get(weakImports,symName){epochLinkMainExport(symName);",
    what,
  );
  out = replaceOnce(
    out,
    "var updateGOT=(exports,replace)=>{for(var symName in exports){if(isInternalSym(symName)){continue}",
    "var updateGOT=(exports,replace)=>{for(var symName in exports){if(isInternalSym(symName)){continue}if(!replace)epochLinkMainExport(symName);",
    what,
  );
  out = replaceOnce(
    out,
    "assignWasmExports(wasmExports);updateGOT(origExports);LDSO.init();",
    "assignWasmExports(wasmExports);var epochImported={};for(var epochName in origExports){if(Object.hasOwn(GOT,epochName))epochImported[epochName]=origExports[epochName]}" +
      "updateGOT(epochImported);epochMainExports=origExports;LDSO.init();",
    what,
  );
  return out;
}

let cached: PyodideAssets | undefined;

export function loadPyodideAssets(): PyodideAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const directory = dirname(require.resolve("pyodide/package.json"));
  const read = (name: string): Buffer => readFileSync(join(directory, name));
  const version = (JSON.parse(read("package.json").toString("utf8")) as { version: string }).version;

  let moduleScript = read("pyodide.asm.mjs").toString("utf8");
  moduleScript = replaceEvery(moduleScript, "import.meta.url", JSON.stringify(`file://${GUEST_INDEX_URL}pyodide.asm.mjs`), "pyodide.asm.mjs");
  moduleScript = replaceOnce(moduleScript, "export default _createPyodideModule;", "globalThis.__epochCreateModule = _createPyodideModule;", "pyodide.asm.mjs");
  // In the "shell" environment Emscripten draws random bytes by running `head /dev/urandom`;
  // here they come from the guest's `crypto.getRandomValues`.
  moduleScript = replaceOnce(moduleScript, "var initRandomFill=()=>{", "var initRandomFill=()=>view=>crypto.getRandomValues(view);var shellRandomFill=()=>{", "pyodide.asm.mjs");
  moduleScript = linkMainExportsOnDemand(moduleScript);
  // Parenthesised, V8 compiles the factory when the script is compiled, so the code cache
  // every isolate starts from holds it, instead of each isolate compiling its 1.2 MB body.
  moduleScript = replaceOnce(moduleScript, "async function _createPyodideModule(", "var _createPyodideModule=(async function _createPyodideModule(", "pyodide.asm.mjs");
  moduleScript = replaceOnce(moduleScript, ";return moduleRtn}globalThis.__epochCreateModule", ";return moduleRtn});globalThis.__epochCreateModule", "pyodide.asm.mjs");
  // The same for the 390 kB function that binds the exports (it runs once, long after its
  // declaration, when the interpreter is instantiated).
  moduleScript = replaceOnce(moduleScript, "function assignWasmExports(wasmExports){", "var assignWasmExports=(function(wasmExports){", "pyodide.asm.mjs");
  moduleScript = replaceOnce(moduleScript, '["in6addr_loopback"].value>>>0}var wasmImports={', '["in6addr_loopback"].value>>>0});var wasmImports={', "pyodide.asm.mjs");

  let loaderScript = read("pyodide.mjs").toString("utf8");
  loaderScript = replaceOnce(loaderScript, "export{dt as loadPyodide,U as version}", "globalThis.__epochLoadPyodide=dt;", "pyodide.mjs");
  if (loaderScript.includes("import.meta")) throw new Error("pyodide.mjs changed: it refers to import.meta");
  // The loader compiles a tiny helper module asynchronously. In an isolate the promise of an
  // asynchronous WebAssembly compile now and then never settles (the isolate waits idle for a
  // task that does not come), which left a restore hanging until the watchdog killed its
  // process; compiled synchronously it cannot.
  loaderScript = replaceOnce(
    loaderScript,
    "let e=await WebAssembly.compile(G);return await WebAssembly.instantiate(e)",
    "let e=new WebAssembly.Module(G);return new WebAssembly.Instance(e)",
    "pyodide.mjs",
  );

  cached = {
    directory,
    version,
    moduleScript,
    loaderScript,
    stdlib: new Uint8Array(read("python_stdlib.zip")),
    lockText: read("pyodide-lock.json").toString("utf8"),
    wasm: new Uint8Array(read("pyodide.asm.wasm")),
  };
  return cached;
}

const WASM_PAGE_BYTES = 65536;

function readLeb(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let at = start;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error("truncated WebAssembly binary");
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return { value, next: at };
  }
}

function writeLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

/**
 * A copy of the binary whose one memory may grow to at most `maxMb`. The memory is the
 * module's own (exported, not imported), so its limit lives in the memory section; with a
 * maximum there, growing past it fails inside WebAssembly and Python raises MemoryError,
 * whatever code in the isolate tries.
 */
export function withMemoryMaximum(wasm: Uint8Array, maxMb: number): Uint8Array {
  const maxPages = Math.floor((maxMb * 1024 * 1024) / WASM_PAGE_BYTES);
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at]!;
    const size = readLeb(wasm, at + 1);
    const contentStart = size.next;
    const contentEnd = contentStart + size.value;
    if (id === 5) {
      const count = readLeb(wasm, contentStart);
      if (count.value !== 1) throw new Error("expected one memory in pyodide.asm.wasm");
      const flags = wasm[count.next]!;
      if (flags !== 0 && flags !== 1) throw new Error(`unsupported memory limits flags ${flags} in pyodide.asm.wasm`);
      const initial = readLeb(wasm, count.next + 1);
      if (initial.value > maxPages) throw new Error(`the interpreter needs ${Math.ceil((initial.value * WASM_PAGE_BYTES) / 2 ** 20)} MiB to start; ${maxMb} MiB is too little`);
      const content = [...writeLeb(1), 1, ...writeLeb(initial.value), ...writeLeb(maxPages)];
      const section = [5, ...writeLeb(content.length), ...content];
      const out = new Uint8Array(wasm.length - (contentEnd - at) + section.length);
      out.set(wasm.subarray(0, at), 0);
      out.set(section, at);
      out.set(wasm.subarray(contentEnd), at + section.length);
      return out;
    }
    at = contentEnd;
  }
  throw new Error("pyodide.asm.wasm has no memory section");
}

const compiled = new Map<number, Promise<WebAssembly.Module>>();

/** The interpreter compiled once per process for each memory maximum, shared into every isolate. */
export function compileInterpreter(maxMb: number): Promise<WebAssembly.Module> {
  let module = compiled.get(maxMb);
  if (!module) {
    module = WebAssembly.compile(withMemoryMaximum(loadPyodideAssets().wasm, maxMb) as Uint8Array<ArrayBuffer>);
    compiled.set(maxMb, module);
    module.catch(() => compiled.delete(maxMb));
  }
  return module;
}
