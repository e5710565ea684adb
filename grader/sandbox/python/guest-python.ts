/**
 * Boots Pyodide inside an isolate and exposes one command function to the host. Its source
 * text is evaluated in the isolate (`installPythonGuest.toString()`), after
 * guest-environment.ts and Pyodide's two loaders, so it must not refer to anything outside
 * its own body.
 */
import type { GuestEnvironment } from "./guest-environment.ts";
import type { restoreHeap as RestoreHeap } from "./snapshot-pages.ts";

/** JSON given to `__epochBoot`. */
export interface GuestBootOptions {
  /**
   * "make-snapshot": boot from scratch and answer with a memory snapshot; "restore": boot from
   * the packed snapshot (snapshot-pages.ts) in `__epochSnapshotHeader`, `__epochSnapshotPages`
   * and `__epochSnapshotRuns`.
   */
  readonly mode: "make-snapshot" | "restore";
  /** Length of the snapshot's heap (restore mode). */
  readonly heapBytes: number;
  readonly indexUrl: string;
  readonly wasmPath: string;
  readonly packagesUrl: string;
  /** Package names (in the lock file) whose verified wheels are in the file table. */
  readonly packages: readonly string[];
  /** Standard-library modules imported before the snapshot is taken, so restored interpreters have them ready. */
  readonly preload: readonly string[];
  /** Source of harness.py, imported into the snapshot as the module `harnessModule` (make-snapshot mode). */
  readonly harnessSource: string;
  readonly harnessModule: string;
}

/**
 * "load" (source, settings JSON) runs the student's module; "call" (entry, args JSON, seed) runs
 * one test. Each answers {"reply": <harness reply>, "logs": "...", "truncated": bool}; a reply
 * with status "fatal" means the interpreter can no longer be used.
 */
export type GuestCommand = (command: "load" | "call", a: string, b: string, seed?: number) => string;

interface PyProxyCallable {
  (...args: unknown[]): unknown;
  destroy?: () => void;
}

interface EmscriptenModuleLike {
  readonly API: { restoreSnapshot: (header: Uint8Array) => unknown };
  readonly HEAP8: Int8Array;
  _sbrk(increment: number): number;
}

interface PyodideLike {
  runPython(code: string, options?: { globals?: unknown; filename?: string }): unknown;
  makeMemorySnapshot(): Uint8Array;
  loadPackage(names: string[], options?: Record<string, unknown>): Promise<unknown>;
  setStdout(options: { write: (bytes: Uint8Array) => number }): void;
  setStderr(options: { write: (bytes: Uint8Array) => number }): void;
  setStdin(options: { stdin: () => string | null }): void;
  pyimport(name: string): { load: PyProxyCallable; call: PyProxyCallable };
}

/** `restoreHeap` is snapshot-pages.ts's, handed in as source text with this function's. */
export function installPythonGuest(restoreHeap: typeof RestoreHeap): void {
  "use strict";
  const G = globalThis as unknown as Record<string, unknown>;
  const JSONStringify = JSON.stringify;
  const JSONParse = JSON.parse;
  const StringCtor = String;

  G.__epochBoot = async function boot(optionsJson: string): Promise<ArrayBuffer | string> {
    const options = JSONParse(optionsJson) as GuestBootOptions;
    const env = G.__epochGuest as GuestEnvironment;
    const wasmModule = G.__epochWasmModule as WebAssembly.Module;
    const createModule = G.__epochCreateModule as (settings: unknown) => Promise<EmscriptenModuleLike>;
    const loadPyodide = G.__epochLoadPyodide as (config: Record<string, unknown>) => Promise<PyodideLike>;
    const lock = JSONParse(G.__epochLock as string) as unknown;
    const snapshotHeader = G.__epochSnapshotHeader as ArrayBuffer | undefined;
    let snapshotPages = G.__epochSnapshotPages as ArrayBuffer | undefined;
    let snapshotRuns = G.__epochSnapshotRuns as ArrayBuffer | undefined;
    if (options.mode === "restore" && (!snapshotHeader || !snapshotPages || !snapshotRuns)) throw new Error("no snapshot to restore from");

    // Pyodide restores a snapshot by checking its header and copying its whole heap into the
    // new memory. It is handed the header alone, and the heap is written here, page by page,
    // skipping what is zero in both.
    const createRestoringModule = async (settings: unknown): Promise<EmscriptenModuleLike> => {
      const module = await createModule(settings);
      const restoreHeader = module.API.restoreSnapshot;
      module.API.restoreSnapshot = (header: Uint8Array): unknown => {
        const config = restoreHeader(header);
        if (!snapshotPages || !snapshotRuns) throw new Error("the snapshot was restored already");
        restoreHeap(new Uint8Array(module.HEAP8.buffer), new Uint8Array(snapshotPages), new Uint32Array(snapshotRuns), options.heapBytes, module._sbrk(0));
        // The isolate need not keep the pages once they are in memory.
        snapshotPages = undefined;
        snapshotRuns = undefined;
        module.API.restoreSnapshot = restoreHeader;
        return config;
      };
      return module;
    };

    // The loader instantiates whatever bytes it reads for the interpreter; it gets the module
    // the host compiled once for the whole process instead.
    const Wasm = WebAssembly as unknown as {
      instantiate: (source: unknown, imports: unknown) => Promise<unknown>;
      Instance: new (m: WebAssembly.Module, i: unknown) => WebAssembly.Instance;
    };
    const realInstantiate = Wasm.instantiate;
    env.files[options.wasmPath] = new ArrayBuffer(0);
    Wasm.instantiate = function instantiate(source: unknown, imports: unknown): Promise<unknown> {
      if (source instanceof Uint8Array && source.byteLength === 0) return Promise.resolve({ instance: new Wasm.Instance(wasmModule, imports), module: wasmModule });
      return Reflect.apply(realInstantiate, this, [source, imports]) as Promise<unknown>;
    };

    let pyodide: PyodideLike;
    try {
      pyodide = await loadPyodide({
        indexURL: options.indexUrl,
        packageBaseUrl: options.packagesUrl,
        createPyodideModule: options.mode === "restore" ? createRestoringModule : createModule,
        lockFileContents: lock,
        // `import js` finds this empty object, not the isolate's globals.
        jsglobals: {},
        // The string-hash seed is frozen into the snapshot: fix it, so every sandbox process
        // iterates sets of strings in the same order and no grade depends on which one ran it.
        env: { HOME: "/home/student", PYTHONHASHSEED: "0" },
        ...(options.mode === "make-snapshot" ? { _makeSnapshot: true } : { _loadSnapshot: new Uint8Array(snapshotHeader!) }),
      });
    } finally {
      Wasm.instantiate = realInstantiate;
    }
    const decoder = new TextDecoder();
    const write = (bytes: Uint8Array): number => {
      env.writeLog(decoder.decode(bytes));
      return bytes.length;
    };

    if (options.mode === "make-snapshot") {
      pyodide.runPython(options.preload.map((name) => `import ${name}`).join("\n"));
      // The harness is imported before the snapshot is taken, so a restored interpreter finds it
      // ready instead of compiling and running it again. Its frames keep the name "<grader>",
      // which tracebacks leave out. (A JSON string is a valid Python string literal.)
      pyodide.runPython(
        [
          "import sys as _sys, types as _types",
          `_grader = _types.ModuleType(${JSONStringify(options.harnessModule)})`,
          `exec(compile(${JSONStringify(options.harnessSource)}, "<grader>", "exec", dont_inherit=True), _grader.__dict__)`,
          `_sys.modules[${JSONStringify(options.harnessModule)}] = _grader`,
          "del _sys, _types, _grader",
        ].join("\n"),
      );
      const memory = pyodide.makeMemorySnapshot();
      return memory.buffer.byteLength === memory.byteLength ? (memory.buffer as ArrayBuffer) : (memory.slice().buffer as ArrayBuffer);
    }

    pyodide.setStdout({ write });
    pyodide.setStderr({ write });
    // Nobody types: input() meets the end of input (EOFError).
    pyodide.setStdin({ stdin: () => null });
    if (options.packages.length > 0) {
      let problem = "";
      await pyodide.loadPackage([...options.packages], {
        messageCallback: () => {},
        errorCallback: (message: string) => {
          problem += message + "\n";
        },
        checkIntegrity: false,
      });
      if (problem) throw new Error(`loading packages failed: ${problem}`);
    }
    const harness = pyodide.pyimport(options.harnessModule);
    const harnessLoad = harness.load;
    const harnessCall = harness.call;
    env.takeLogs();

    const describeFatal = (error: unknown): string => {
      let name = "InterpreterError";
      let message = "the Python interpreter stopped working";
      try {
        const text = StringCtor((error as { message?: unknown })?.message ?? error);
        const exitStatus = /Program terminated with exit\((-?\d+)\)/.exec(text);
        if (exitStatus) {
          name = "SystemExit";
          message = `the program ended the interpreter with exit status ${exitStatus[1]}`;
        } else if (/call stack size/i.test(text)) {
          name = "RecursionError";
          message = "maximum recursion depth exceeded (the interpreter's stack ran out)";
        } else if (/out of memory|Cannot enlarge memory|Aborted\(OOM\)/i.test(text)) {
          name = "MemoryError";
          message = "the interpreter ran out of memory";
        } else message = text.slice(0, 500);
      } catch {
        // Keep the generic description.
      }
      return '{"status":"fatal","error":{"name":' + JSONStringify(name) + ',"message":' + JSONStringify(message) + ',"line":0,"column":0,"traceback":""}}';
    };

    const command: GuestCommand = (name, a, b, seed) => {
      let reply: string;
      let fatal = false;
      try {
        if (name === "load") {
          const settings = JSONParse(b) as { max_log_chars: number; fixed_time: number };
          env.setLogLimit(settings.max_log_chars);
          env.setFixedTime(settings.fixed_time);
          reply = StringCtor(harnessLoad(a, b));
        } else {
          env.seedRandomBytes(seed ?? 0);
          reply = StringCtor(harnessCall(a, b, seed ?? 0));
        }
      } catch (error) {
        reply = describeFatal(error);
        fatal = true;
      }
      const taken = env.takeLogs();
      let logs = taken.logs;
      if (fatal) {
        // Pyodide prints its own report of a fatal error; keep the student's output before it,
        // and the innermost line of theirs that its Python stack names.
        const cut = logs.indexOf("Pyodide has suffered a fatal error");
        if (cut >= 0) {
          const line = /File "solution\.py", line (\d+)/.exec(logs.slice(cut));
          if (line) reply = reply.replace('"line":0', '"line":' + line[1]);
          logs = logs.slice(0, cut);
        }
      }
      return '{"reply":' + reply + ',"logs":' + JSONStringify(logs) + ',"truncated":' + (taken.truncated ? "true" : "false") + "}";
    };

    // WebAssembly memories and tables live outside isolated-vm's heap limit: once the
    // interpreter runs, code in the isolate (reached through `pyodide_js` or a function's
    // constructor) must not be able to make more of them. The interpreter's own memory, capped
    // in its binary, still grows as it should.
    const RealWasm = WebAssembly as unknown as Record<string, { prototype?: object } | undefined>;
    for (const name of ["Memory", "Table", "Module", "Instance", "Global", "Tag", "Exception", "Function"]) {
      const constructor = RealWasm[name];
      if (constructor?.prototype) Reflect.deleteProperty(constructor.prototype, "constructor");
    }
    // Nothing the boot used stays reachable by name.
    for (const key of [
      "__epochBoot",
      "__epochGuest",
      "__epochWasmModule",
      "__epochCreateModule",
      "__epochLoadPyodide",
      "__epochLock",
      "__epochSnapshotHeader",
      "__epochSnapshotPages",
      "__epochSnapshotRuns",
      "read",
      "readbuffer",
      "load",
      "WebAssembly",
    ])
      Reflect.deleteProperty(G, key);
    for (const path of Object.keys(env.files)) Reflect.deleteProperty(env.files, path);
    G.__epochCommand = command;
    return "ready";
  };
}
