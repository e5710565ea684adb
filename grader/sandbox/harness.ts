/**
 * The code that runs inside each isolate before any student code. Its source text is
 * evaluated in the isolate (`installHarness.toString()`), so it must not refer to anything
 * outside its own body.
 *
 * Why it looks the way it does:
 * - student code can redefine any built-in (`JSON.stringify`, `Array.prototype`,
 *   `Object.prototype` accessors, `Symbol.hasInstance`, `Symbol.iterator`, typed-array getters,
 *   `Function.prototype.call`) before the harness reads a result, so every built-in the harness
 *   uses is captured before student code runs and called through `Reflect.apply`; the harness
 *   itself uses no `instanceof`, `for-of`, spread, template literal on an object, or property
 *   read that could fall through to a prototype student code can reach;
 * - reading a returned or thrown value can run student code (a getter, a Proxy trap, a looping
 *   `message` getter), and isolated-vm would run it outside any time limit: so the harness reads
 *   them itself, inside `try/catch` and under the call's timeout;
 * - results and logs leave the isolate as one length-capped string built by plain string
 *   concatenation, with NaN, ±Infinity and -0 encoded explicitly (JSON would turn them into null);
 * - `Math.random` and `Date` are deterministic so a grade is reproducible;
 * - an error's line and column come only from V8's own record of the frames (kept by the
 *   harness's frozen `Error.prepareStackTrace`), never from the text of `error.stack`, which
 *   student code can overwrite.
 */

/** Fixed when the harness is installed (before a submission is known). */
export interface HarnessConfig {
  /** Global property the harness is left under when installed into a startup snapshot; "seal" deletes it. */
  readonly globalName: string;
  /** Script name of the student's module, as V8 reports it in stack frames. */
  readonly filename: string;
  /** Lines the module's wrapper adds above the student's first line. */
  readonly bodyLineOffset: number;
}

/** Given with the submission, at "load". */
export interface HarnessSettings {
  /** Largest encoded return value accepted from one call, in characters. */
  readonly maxOutputChars: number;
  /** Largest amount of console output kept per call, in characters. */
  readonly maxLogChars: number;
  /** What `Date.now()` returns inside the sandbox. */
  readonly fixedTime: number;
}

/**
 * "seal" finishes the install in the isolate's own context and must come first (see below);
 * "load" (module factory, settings JSON) runs the student's module; "run" (entry, calls JSON,
 * first, count, yieldAfterMs) calls the entry for tests first..first+count-1, one call into the
 * isolate, and answers {"done":n,"results":[...],"more":bool} (more: it stopped early to give
 * the next test a fresh time budget); "collect" answers the same for the calls finished so far
 * plus which test was running (after a timeout interrupted "run").
 */
export type HarnessApi = (command: "seal" | "load" | "run" | "collect", a?: unknown, b?: string, first?: number, count?: number, yieldAfterMs?: number) => string;

/**
 * Installs the harness. It is built into a V8 startup snapshot (run-job.ts), and each isolate's
 * context is a fresh copy of that snapshot's; V8 cannot keep everything in one, so "seal", the
 * first call in each context, does the rest before any student code exists there: it removes
 * the harness's own global, deletes WebAssembly, SharedArrayBuffer and Atomics (V8 adds them back
 * to every context it makes), and captures V8's call-site methods (no stack traces are recorded
 * while a snapshot is made).
 */
export function installHarness(config: HarnessConfig): HarnessApi {
  "use strict";
  const G = globalThis as unknown as Record<string, unknown>;
  /* eslint-disable no-restricted-globals -- capturing the built-ins, before any student code runs */
  const ReflectApply = Reflect.apply;
  const ReflectDeleteProperty = Reflect.deleteProperty;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ObjectHasOwn = Object.hasOwn;
  const ArrayIsArray = Array.isArray;
  const ArrayBufferIsView = ArrayBuffer.isView;
  // %TypedArray%.prototype.length is a getter student code could replace: call the original.
  const TypedArrayLength = ReflectGetOwnPropertyDescriptor(ReflectGetPrototypeOf(Int8Array.prototype) as object, "length")!.get!;
  const JSONParse = JSON.parse;
  // Only ever applied to primitive strings and numbers: for those, JSON.stringify
  // consults no toJSON and no prototype, so student code cannot hook it.
  const JSONStringify = JSON.stringify;
  const StringSlice = String.prototype.slice;
  const StringCharCodeAt = String.prototype.charCodeAt;
  const StringCtor = String;
  const NumberIsNaN = Number.isNaN;
  const MathMax = Math.max;
  const ReflectConstruct = Reflect.construct;
  const SetCtor = Set;
  const SetAdd = Set.prototype.add;
  const SetHas = Set.prototype.has;
  const SetDelete = Set.prototype.delete;
  const WeakMapCtor = WeakMap;
  const WeakMapGet = WeakMap.prototype.get;
  const WeakMapSet = WeakMap.prototype.set;
  // `instanceof` would consult Promise[Symbol.hasInstance], which student code can define.
  const FunctionHasInstance = Function.prototype[Symbol.hasInstance];
  const ObjectIs = Object.is;
  const MathImul = Math.imul;
  const RealDate = Date;
  const RealDateNow = Date.now;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  /* eslint-enable no-restricted-globals */
  // Set by "load" for the submission at hand.
  const settings = { maxOutputChars: 0, maxLogChars: 0, fixedTime: 0 };
  const KNOWN_ERROR_NAMES = ["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError"];

  // V8's structured frames of every error whose stack has been formatted, by error object.
  // Locations are read from these, never from the stack's text, which student code can set.
  const framesOf = new WeakMapCtor<object, readonly CallSite[]>();
  interface CallSite {
    getFileName(): string | null | undefined;
    getLineNumber(): number | null;
    getColumnNumber(): number | null;
    isEval(): boolean;
    toString(): string;
  }
  // CallSite objects only ever reach the harness's own prepareStackTrace, so student code cannot
  // touch their methods; captured all the same, from the first stack formatted ("seal" formats one).
  type CallSiteMethod = (this: CallSite) => unknown;
  let CallSiteFileName: CallSiteMethod | undefined;
  let CallSiteLine: CallSiteMethod | undefined;
  let CallSiteColumn: CallSiteMethod | undefined;
  let CallSiteIsEval: CallSiteMethod | undefined;
  let CallSiteToString: CallSiteMethod | undefined;
  /** Set while "seal" formats its one stack, which is read for its frames' methods only. */
  let sealing = false;
  const captureCallSiteMethods = (site: CallSite): void => {
    const prototype = ReflectGetPrototypeOf(site) as CallSite;
    CallSiteFileName = prototype.getFileName;
    CallSiteLine = prototype.getLineNumber;
    CallSiteColumn = prototype.getColumnNumber;
    CallSiteIsEval = prototype.isEval;
    CallSiteToString = prototype.toString;
  };

  /** A string-valued data property, own or inherited, read without running any getter. */
  const plainString = (start: unknown, key: string): string | undefined => {
    let holder = start;
    for (let hops = 0; hops < 8 && holder !== null && (typeof holder === "object" || typeof holder === "function"); hops++) {
      const descriptor = ReflectGetOwnPropertyDescriptor(holder as object, key);
      if (descriptor !== undefined) {
        if (!ObjectHasOwn(descriptor, "value")) return undefined;
        const value: unknown = descriptor.value;
        return typeof value === "string" ? value : undefined;
      }
      holder = ReflectGetPrototypeOf(holder as object);
    }
    return undefined;
  };

  /**
   * Formats a stack as V8 does by default, and records its frames. It must run no student code
   * (isolated-vm may format a stack outside any timeout), so the header is read from data
   * properties only; and it is frozen so student code cannot replace it.
   */
  const prepareStackTrace = (error: unknown, sites: readonly CallSite[]): string => {
    try {
      if (sealing) {
        // Only the methods are wanted: writing each frame out (finding its line in the harness's
        // source) would cost every fresh isolate a tenth of a millisecond for a text nobody reads.
        if (sites.length > 0) captureCallSiteMethods(sites[0]!);
        return "";
      }
      if ((typeof error === "object" || typeof error === "function") && error !== null) ReflectApply(WeakMapSet, framesOf, [error, sites]);
      const name = plainString(error, "name") ?? "Error";
      const message = plainString(error, "message") ?? "";
      let text = message === "" ? name : name + ": " + message;
      const count = sites.length;
      if (CallSiteToString === undefined && count > 0) captureCallSiteMethods(sites[0]!);
      for (let i = 0; i < count; i++) text += "\n    at " + StringCtor(ReflectApply(CallSiteToString!, sites[i], []));
      return text;
    } catch {
      return "Error";
    }
  };
  ObjectDefineProperty(ErrorCtor, "prepareStackTrace", { value: prepareStackTrace, writable: false, configurable: false });

  // Deterministic randomness: a small PRNG (mulberry32) reseeded before every call.
  let randomState = 0;
  const random = function random(): number {
    randomState = (randomState + 0x6d2b79f5) | 0;
    let t = randomState;
    t = MathImul(t ^ (t >>> 15), t | 1);
    t ^= t + MathImul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // eslint-disable-next-line no-restricted-globals -- installing, before student code runs
  ObjectDefineProperty(Math, "random", { value: random, writable: true, configurable: true });

  // A frozen clock: `new Date()` and `Date.now()` always read settings.fixedTime.
  const FixedDate = function Date(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(settings.fixedTime).toString();
    if (args.length === 0) return ReflectConstruct(RealDate, [settings.fixedTime], new.target);
    return ReflectConstruct(RealDate, args, new.target);
  } as unknown as DateConstructor;
  ObjectDefineProperty(FixedDate, "prototype", { value: RealDate.prototype });
  ObjectDefineProperty(FixedDate, "now", { value: () => settings.fixedTime, writable: true, configurable: true });
  ObjectDefineProperty(FixedDate, "UTC", { value: RealDate.UTC, writable: true, configurable: true });
  ObjectDefineProperty(FixedDate, "parse", { value: RealDate.parse, writable: true, configurable: true });
  ObjectDefineProperty(RealDate.prototype, "constructor", { value: FixedDate, writable: true, configurable: true });
  G.Date = FixedDate;

  // Console output is kept here, capped, and returned with the call's result.
  let logs = "";
  let logsTruncated = false;
  const appendLog = (line: string): void => {
    if (logsTruncated) return;
    if (logs.length + line.length + 1 > settings.maxLogChars) {
      logs += StringCtor(ReflectApply(StringSlice, line, [0, MathMax(0, settings.maxLogChars - logs.length)]));
      logsTruncated = true;
      return;
    }
    logs += line + "\n";
  };
  const log = (...args: unknown[]): void => {
    let line = "";
    for (let i = 0; i < args.length; i++) {
      const value = args[i];
      line += (i > 0 ? " " : "") + (typeof value === "string" ? value : display(value, 0));
      if (line.length > settings.maxLogChars) break;
    }
    appendLog(line);
  };
  const consoleObject: Record<string, unknown> = {};
  for (const method of ["log", "info", "warn", "error", "debug", "trace", "dir"]) consoleObject[method] = log;
  G.console = consoleObject;

  /** Length of a typed array read with the original getter; -1 for anything else. */
  const typedArrayLength = (value: object): number => {
    try {
      return ReflectApply(TypedArrayLength, value, []) as number;
    } catch {
      return -1;
    }
  };

  /** An element of an array as the array itself holds it: a hole reads as undefined, never through the prototype. */
  const ownElement = (list: ArrayLike<unknown>, index: number): unknown => (ObjectHasOwn(list, index) ? list[index] : undefined);

  /** A short human-readable rendering for logs; bounded in size and depth. */
  function display(value: unknown, depth: number): string {
    if (typeof value === "number") return ObjectIs(value, -0) ? "-0" : StringCtor(value);
    if (typeof value === "string") return JSONStringify(value);
    if (typeof value === "bigint") return StringCtor(value) + "n";
    if (value === null || typeof value === "boolean" || typeof value === "undefined") return StringCtor(value);
    if (typeof value === "symbol") return "Symbol()";
    if (typeof value === "function") return "[Function]";
    if (depth > 3) return "…";
    const typedLength = ArrayBufferIsView(value) ? typedArrayLength(value) : -1;
    if (ArrayIsArray(value) || typedLength >= 0) {
      const list = value as unknown as ArrayLike<unknown>;
      let out = "[";
      const n = typedLength >= 0 ? typedLength : list.length;
      for (let i = 0; i < n && i < 50; i++) out += (i > 0 ? ", " : "") + display(typedLength >= 0 ? list[i] : ownElement(list, i), depth + 1);
      return out + (n > 50 ? ", …]" : "]");
    }
    let out = "{";
    const keys = ReflectOwnKeys(value as object);
    for (let i = 0; i < keys.length && i < 20; i++) {
      const key = keys[i];
      if (typeof key !== "string") continue;
      out += (out.length > 1 ? ", " : "") + key + ": " + display((value as Record<string, unknown>)[key], depth + 1);
    }
    return out + "}";
  }

  /** Why an encoding stopped; thrown as a sentinel the harness compares by identity. */
  const outputProblem = { reason: "" };

  /**
   * Encodes a returned value as JSON text in Epoch's wire format: numbers, strings, booleans,
   * null and arrays as JSON; objects as {"$o":{...}}; special numbers as {"$n":"NaN"}; values
   * that cannot be results as {"$t":"<type>"}. Typed arrays become arrays of numbers.
   */
  function encode(value: unknown): string {
    let budget = settings.maxOutputChars;
    const ancestors = new SetCtor<object>();
    const fail = (reason: string): never => {
      outputProblem.reason = reason;
      throw outputProblem;
    };
    const spend = (text: string): string => {
      budget -= text.length;
      if (budget < 0) fail("too_large");
      return text;
    };
    const walk = (v: unknown, depth: number): string => {
      if (typeof v === "number") {
        if (NumberIsNaN(v)) return spend('{"$n":"NaN"}');
        if (v === Infinity) return spend('{"$n":"Infinity"}');
        if (v === -Infinity) return spend('{"$n":"-Infinity"}');
        if (ObjectIs(v, -0)) return spend('{"$n":"-0"}');
        return spend(JSONStringify(v));
      }
      if (typeof v === "string") {
        if (v.length > budget) fail("too_large");
        return spend(JSONStringify(v));
      }
      if (typeof v === "boolean") return spend(v ? "true" : "false");
      if (v === null) return spend("null");
      if (typeof v === "undefined") return spend('{"$t":"undefined"}');
      if (typeof v === "bigint") return spend('{"$t":"bigint"}');
      if (typeof v === "symbol") return spend('{"$t":"symbol"}');
      if (typeof v === "function") return spend('{"$t":"function"}');
      if (depth > 32) fail("the value is nested more than 32 levels deep");
      if (ReflectApply(SetHas, ancestors, [v])) fail("the value contains a cycle (an object that contains itself)");
      if (ReflectApply(FunctionHasInstance, PromiseCtor, [v])) return spend('{"$t":"Promise"}');
      ReflectApply(SetAdd, ancestors, [v]);
      let out: string;
      const typedLength = ArrayBufferIsView(v) ? typedArrayLength(v as object) : -1;
      if (ArrayIsArray(v) || typedLength >= 0) {
        const list = v as unknown as ArrayLike<unknown>;
        const n = typedLength >= 0 ? typedLength : list.length;
        if (typeof n !== "number" || n > budget) fail("too_large");
        out = spend("[");
        for (let i = 0; i < n; i++) out += (i > 0 ? spend(",") : "") + walk(typedLength >= 0 ? list[i] : ownElement(list, i), depth + 1);
        out += spend("]");
      } else {
        out = spend('{"$o":{');
        const keys = ReflectOwnKeys(v as object);
        let first = true;
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i];
          if (typeof key !== "string") continue;
          const descriptor = ReflectGetOwnPropertyDescriptor(v as object, key);
          if (descriptor === undefined || descriptor.enumerable !== true) continue;
          // A getter runs here, inside the isolate and under its timeout.
          const item = (v as Record<string, unknown>)[key];
          out += (first ? "" : spend(",")) + spend(JSONStringify(key)) + spend(":") + walk(item, depth + 1);
          first = false;
        }
        out += spend("}}");
      }
      ReflectApply(SetDelete, ancestors, [v]);
      return out;
    };
    return walk(value, 0);
  }

  /**
   * Where an argument differs from its original (a fresh parse of the same JSON): a path such
   * as `[1].W[0][2]`, or null. Reads descriptors, so no getter runs; a Proxy's traps do, under
   * the call's timeout, and one that throws counts as a change.
   */
  function changedAt(actual: unknown, original: unknown, path: string): string | null {
    if (original === null || typeof original !== "object") {
      if (actual === original) return null;
      return typeof actual === "number" && typeof original === "number" && NumberIsNaN(actual) && NumberIsNaN(original) ? null : path;
    }
    if (actual === null || typeof actual !== "object") return path;
    const originalIsArray = ArrayIsArray(original);
    if (ArrayIsArray(actual) !== originalIsArray) return path;
    const keys = ReflectOwnKeys(original);
    if (ReflectOwnKeys(actual).length !== keys.length) return path;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const descriptor = ReflectGetOwnPropertyDescriptor(actual, key);
      const where = originalIsArray ? (key === "length" ? path : path + "[" + key + "]") : path + propertyPath(key);
      if (descriptor === undefined || !ObjectHasOwn(descriptor, "value")) return where;
      const found = changedAt(descriptor.value, (original as Record<string, unknown>)[key], where);
      if (found !== null) return found;
    }
    return null;
  }

  /** `.name` for an identifier-like key, `["key"]` otherwise (no RegExp: its methods can be replaced). */
  function propertyPath(key: string): string {
    let plain = key.length > 0;
    for (let i = 0; i < key.length && plain; i++) {
      const c = ReflectApply(StringCharCodeAt, key, [i]) as number;
      const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
      plain = letter || (i > 0 && c >= 48 && c <= 57);
    }
    return plain ? "." + key : "[" + JSONStringify(key) + "]";
  }

  /** The first argument the call changed, as wire JSON, or "" when none did. */
  function mutationOf(args: unknown[], argsJson: string): string {
    const originals = JSONParse(argsJson) as unknown[];
    for (let i = 0; i < originals.length; i++) {
      let path: string | null;
      try {
        path = changedAt(args[i], originals[i], "");
      } catch {
        path = "";
      }
      if (path !== null) return '{"index":' + i + ',"path":' + JSONStringify(path) + "}";
    }
    return "";
  }

  /** Line and column of the first real frame of the student's own module, from V8's record. */
  function studentLocation(thrown: object): { line: number; column: number } {
    const sites = ReflectApply(WeakMapGet, framesOf, [thrown]) as readonly CallSite[] | undefined;
    if (sites === undefined) return { line: 0, column: 0 };
    const count = sites.length;
    for (let i = 0; i < count; i++) {
      const site = sites[i];
      // Code built at run time (`Function`, `eval`) may name itself after the student's file.
      if (ReflectApply(CallSiteFileName!, site, []) !== config.filename || ReflectApply(CallSiteIsEval!, site, []) === true) continue;
      const line = ((ReflectApply(CallSiteLine!, site, []) as number | null) ?? 0) - config.bodyLineOffset;
      const column = (ReflectApply(CallSiteColumn!, site, []) as number | null) ?? 0;
      return line >= 1 ? { line, column } : { line: 0, column: 0 };
    }
    return { line: 0, column: 0 };
  }

  /** Reads a thrown value safely: built-in name, message, and the student's line and column. */
  function describeThrown(thrown: unknown): string {
    let name = "Error";
    let message: string;
    let where = { line: 0, column: 0 };
    try {
      if (typeof thrown === "object" && thrown !== null) {
        const rawName = (thrown as { name?: unknown }).name;
        if (typeof rawName === "string") {
          for (let i = 0; i < KNOWN_ERROR_NAMES.length; i++) if (KNOWN_ERROR_NAMES[i] === rawName) name = rawName;
        }
        const rawMessage = (thrown as { message?: unknown }).message;
        message = typeof rawMessage === "string" ? rawMessage : "";
        // Reading the stack formats it (once), which records its frames; its text is not used.
        void (thrown as { stack?: unknown }).stack;
        where = studentLocation(thrown);
      } else {
        message = "a non-Error value was thrown: " + display(thrown, 2);
      }
    } catch {
      message = "an error was thrown whose properties could not be read";
    }
    if (message.length > 2000) message = StringCtor(ReflectApply(StringSlice, message, [0, 2000])) + "…";
    return '{"name":' + JSONStringify(name) + ',"message":' + JSONStringify(message) + ',"line":' + where.line + ',"column":' + where.column + "}";
  }

  function takeLogs(): string {
    const text = logs;
    logs = "";
    logsTruncated = false;
    return JSONStringify(text);
  }

  let exportsTable: object | null = null;

  function load(factory: unknown, settingsJson: string): string {
    const given = JSONParse(settingsJson) as HarnessSettings;
    settings.maxOutputChars = given.maxOutputChars;
    settings.maxLogChars = given.maxLogChars;
    settings.fixedTime = given.fixedTime;
    // A module loaded before (our own warm-up's) must not stand in for one that fails to load.
    exportsTable = null;
    try {
      exportsTable = ObjectFreeze(ReflectApply(factory as () => object, undefined, []));
      return '{"status":"ok","logs":' + takeLogs() + "}";
    } catch (thrown) {
      return '{"status":"error","error":' + describeThrown(thrown) + ',"logs":' + takeLogs() + "}";
    }
  }

  /** One test: the entry called with a fresh parse of `argsJson`, its result encoded; the text of one wire reply. */
  function callWith(entry: string, argsJson: string, seed: number): string {
    randomState = seed | 0;
    const exported = exportsTable === null ? undefined : ReflectGetOwnPropertyDescriptor(exportsTable, entry);
    const fn: unknown = exported === undefined ? undefined : exported.value;
    if (typeof fn !== "function") return '{"status":"missing","logs":' + takeLogs() + "}";
    const args = JSONParse(argsJson) as unknown[];
    let result: unknown;
    try {
      result = ReflectApply(fn as (...a: unknown[]) => unknown, undefined, args);
    } catch (thrown) {
      return '{"status":"error","error":' + describeThrown(thrown) + ',"logs":' + takeLogs() + "}";
    }
    let value: string;
    try {
      value = encode(result);
    } catch (problem) {
      if (problem === outputProblem) return '{"status":"invalid","reason":' + JSONStringify(outputProblem.reason) + ',"logs":' + takeLogs() + "}";
      // Reading the result ran student code (a getter, a Proxy trap) and it threw.
      return '{"status":"error","error":' + describeThrown(problem) + ',"logs":' + takeLogs() + "}";
    }
    const mutated = mutationOf(args, argsJson);
    return '{"status":"ok","value":' + value + (mutated === "" ? "" : ',"mutated":' + mutated) + ',"logs":' + takeLogs() + "}";
  }

  // Progress of "run", kept here so that "collect" can hand it over after a timeout. `running`
  // is the test in progress (-1 once the call has finished); if `done` is past it, that test
  // had finished and the interruption came before the next one started.
  let finished = "";
  let done = 0;
  let running = -1;
  let firstOfCall = -1;

  function progress(more: boolean): string {
    return '{"done":' + done + ',"running":' + running + ',"firstOfCall":' + firstOfCall + ',"more":' + (more ? "true" : "false") + ',"results":[' + finished + "]}";
  }

  /**
   * Tests first..first+count-1 in one call into the isolate: far cheaper than one round trip
   * per test. It stops early (more: true) once yieldAfterMs have passed, so that the next test
   * starts a call of its own with a whole time budget.
   */
  function run(entry: string, callsJson: string, first: number, count: number, yieldAfterMs: number): string {
    finished = "";
    done = first;
    running = -1;
    firstOfCall = first;
    const calls = JSONParse(callsJson) as { a: string; s: number }[];
    const end = first + count < calls.length ? first + count : calls.length;
    const callStarted = ReflectApply(RealDateNow, RealDate, []) as number;
    for (let i = first; i < end; i++) {
      // Set before anything else of the test, so an interruption is always pinned to a test.
      running = i;
      const started = ReflectApply(RealDateNow, RealDate, []) as number;
      if (i > first && started - callStarted >= yieldAfterMs) {
        running = -1;
        return progress(true);
      }
      const call = calls[i]!;
      const reply = callWith(entry, call.a, call.s);
      const ms = (ReflectApply(RealDateNow, RealDate, []) as number) - started;
      finished += (i > first ? "," : "") + '{"ms":' + ms + ',"reply":' + reply + "}";
      done = i + 1;
    }
    running = -1;
    return progress(false);
  }

  let sealed = false;

  /** The install's last steps, in the isolate's own context (see installHarness). Answers "ok" or why not. */
  function seal(): string {
    if (sealed) return "ok";
    sealed = true;
    ReflectDeleteProperty(G, config.globalName);
    // Not needed by any exercise, and the largest attack surface V8 has.
    ReflectDeleteProperty(G, "WebAssembly");
    ReflectDeleteProperty(G, "SharedArrayBuffer");
    ReflectDeleteProperty(G, "Atomics");
    // Formatting a stack hands its frames to prepareStackTrace, which captures their methods.
    sealing = true;
    try {
      void (new ErrorCtor() as { stack?: unknown }).stack;
    } finally {
      sealing = false;
    }
    if (CallSiteToString === undefined) return "no stack frames were recorded";
    const removed = [config.globalName, "WebAssembly", "SharedArrayBuffer", "Atomics"];
    for (let i = 0; i < removed.length; i++) if (ObjectHasOwn(G, removed[i]!)) return removed[i] + " is still defined";
    return "ok";
  }

  return function harness(command, a, b, first, count, yieldAfterMs) {
    if (command === "seal") return seal();
    if (command === "load") return load(a, b ?? "{}");
    if (command === "run") return run(typeof a === "string" ? a : "", b ?? "[]", first ?? 0, count ?? 0, yieldAfterMs ?? 0);
    return progress(false);
  };
}
