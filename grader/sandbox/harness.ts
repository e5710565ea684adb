/**
 * The code that runs inside each isolate before any student code. Its source text is
 * evaluated in the isolate (`installHarness.toString()`), so it must not refer to anything
 * outside its own body.
 *
 * Why it looks the way it does (see shared/SANDBOX.md):
 * - every built-in it needs is captured before student code runs, so redefining
 *   `JSON.stringify`, `Array.prototype` or `Object.prototype` cannot change how a result is read;
 * - student code only ever runs inside `try/catch` here, so a thrown Proxy or an Error with a
 *   looping `message` getter is examined under the isolate's timeout, never by isolated-vm;
 * - results and logs leave the isolate as one length-capped string built by plain string
 *   concatenation (no prototype lookups), with NaN, ±Infinity and -0 encoded explicitly;
 * - `Math.random` and `Date` are deterministic so a grade is reproducible.
 */

/** Fixed when the harness is installed (before a submission is known). */
export interface HarnessConfig {
  /** Name student frames carry in stack traces. */
  readonly filename: string;
  /** Lines the harness adds above the student's first line when it compiles the module body. */
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
 * "load" (body, settings JSON) compiles and runs the student's module; "run" (entry, calls JSON)
 * calls the entry once per test and answers {"done":n,"results":[...]}; "collect" answers the
 * same for the calls finished so far (after a timeout interrupted "run"); "call" runs one.
 */
export type HarnessApi = (command: "load" | "run" | "collect" | "call", a?: string, b?: string, seed?: number) => string;

export function installHarness(config: HarnessConfig): HarnessApi {
  "use strict";
  const G = globalThis as unknown as Record<string, unknown>;
  /* eslint-disable no-restricted-globals -- capturing the built-ins, before any student code runs */
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectFreeze = Object.freeze;
  const ArrayIsArray = Array.isArray;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const JSONParse = JSON.parse;
  // Only ever applied to primitive strings and numbers: for those, JSON.stringify
  // consults no toJSON and no prototype, so student code cannot hook it.
  const JSONStringify = JSON.stringify;
  const FunctionCtor = Function;
  const StringSlice = String.prototype.slice;
  const StringIndexOf = String.prototype.indexOf;
  const StringCharCodeAt = String.prototype.charCodeAt;
  const StringCtor = String;
  const NumberIsNaN = Number.isNaN;
  const MathMax = Math.max;
  const ReflectConstruct = Reflect.construct;
  const SetCtor = Set;
  const SetAdd = Set.prototype.add;
  const SetHas = Set.prototype.has;
  const SetDelete = Set.prototype.delete;
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

  // A looping Error.prepareStackTrace would run whenever any stack is formatted, including
  // by isolated-vm outside the timeout: freeze it before student code can set it.
  ObjectDefineProperty(ErrorCtor, "prepareStackTrace", { value: undefined, writable: false, configurable: false });

  // Not needed by any exercise, and the largest attack surface V8 has.
  delete G.WebAssembly;
  delete G.SharedArrayBuffer;
  delete G.Atomics;

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

  /** A short human-readable rendering for logs; bounded in size and depth. */
  function display(value: unknown, depth: number): string {
    if (typeof value === "number") return ObjectIs(value, -0) ? "-0" : StringCtor(value);
    if (typeof value === "string") return JSONStringify(value);
    if (typeof value === "bigint") return StringCtor(value) + "n";
    if (value === null || typeof value === "boolean" || typeof value === "undefined") return StringCtor(value);
    if (typeof value === "symbol") return "Symbol()";
    if (typeof value === "function") return "[Function]";
    if (depth > 3) return "…";
    if (ArrayIsArray(value) || ArrayBufferIsView(value)) {
      const list = value as unknown as ArrayLike<unknown>;
      let out = "[";
      const n = list.length;
      for (let i = 0; i < n && i < 50; i++) out += (i > 0 ? ", " : "") + display(list[i], depth + 1);
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

  class OutputTooLarge {
    readonly reason = "too_large";
  }
  class UnsupportedOutput {
    readonly reason: string;
    constructor(reason: string) {
      this.reason = reason;
    }
  }

  /**
   * Encodes a returned value as JSON text in Epoch's wire format: numbers, strings, booleans,
   * null and arrays as JSON; objects as {"$o":{...}}; special numbers as {"$n":"NaN"}; values
   * that cannot be results as {"$t":"<type>"}. Typed arrays become arrays of numbers.
   */
  function encode(value: unknown): string {
    let budget = settings.maxOutputChars;
    const ancestors = new SetCtor<object>();
    const spend = (text: string): string => {
      budget -= text.length;
      if (budget < 0) throw new OutputTooLarge();
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
        if (v.length > budget) throw new OutputTooLarge();
        return spend(JSONStringify(v));
      }
      if (typeof v === "boolean") return spend(v ? "true" : "false");
      if (v === null) return spend("null");
      if (typeof v === "undefined") return spend('{"$t":"undefined"}');
      if (typeof v === "bigint") return spend('{"$t":"bigint"}');
      if (typeof v === "symbol") return spend('{"$t":"symbol"}');
      if (typeof v === "function") return spend('{"$t":"function"}');
      if (depth > 32) throw new UnsupportedOutput("the value is nested more than 32 levels deep");
      if (ReflectApply(SetHas, ancestors, [v])) throw new UnsupportedOutput("the value contains a cycle (an object that contains itself)");
      if (v instanceof PromiseCtor) return spend('{"$t":"Promise"}');
      ReflectApply(SetAdd, ancestors, [v]);
      let out: string;
      if (ArrayIsArray(v) || ArrayBufferIsView(v)) {
        const list = v as unknown as ArrayLike<unknown>;
        const n = list.length;
        if (typeof n !== "number" || n > budget) throw new OutputTooLarge();
        out = spend("[");
        for (let i = 0; i < n; i++) out += (i > 0 ? spend(",") : "") + walk(list[i], depth + 1);
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

  /** Reads a thrown value safely: built-in name, message, and the student's line and column. */
  function describeThrown(thrown: unknown): string {
    let name = "Error";
    let message: string;
    let stack = "";
    try {
      if (typeof thrown === "object" && thrown !== null) {
        const rawName = (thrown as { name?: unknown }).name;
        if (typeof rawName === "string") {
          for (let i = 0; i < KNOWN_ERROR_NAMES.length; i++) if (KNOWN_ERROR_NAMES[i] === rawName) name = rawName;
        }
        const rawMessage = (thrown as { message?: unknown }).message;
        message = typeof rawMessage === "string" ? rawMessage : "";
        const rawStack = (thrown as { stack?: unknown }).stack;
        stack = typeof rawStack === "string" ? rawStack : "";
      } else {
        message = "a non-Error value was thrown: " + display(thrown, 2);
      }
    } catch {
      message = "an error was thrown whose properties could not be read";
    }
    if (message.length > 2000) message = StringCtor(ReflectApply(StringSlice, message, [0, 2000])) + "…";
    let line = 0;
    let column = 0;
    // The first frame in the student's file gives the line and column.
    const marker = config.filename + ":";
    const index = ReflectApply(StringIndexOf, stack, [marker]) as number;
    if (index >= 0) {
      const rest = StringCtor(ReflectApply(StringSlice, stack, [index + marker.length, index + marker.length + 24]));
      let i = 0;
      const digitAt = (k: number): number => {
        if (k >= rest.length) return -1;
        const code = ReflectApply(StringCharCodeAt, rest, [k]) as number;
        return code >= 48 && code <= 57 ? code - 48 : -1;
      };
      for (let d = digitAt(i); d >= 0; d = digitAt(++i)) line = line * 10 + d;
      if (i < rest.length && (ReflectApply(StringCharCodeAt, rest, [i]) as number) === 58) {
        i++;
        for (let d = digitAt(i); d >= 0; d = digitAt(++i)) column = column * 10 + d;
      }
      line -= config.bodyLineOffset;
      if (line < 1) {
        line = 0;
        column = 0;
      }
    }
    return '{"name":' + JSONStringify(name) + ',"message":' + JSONStringify(message) + ',"line":' + line + ',"column":' + column + "}";
  }

  function takeLogs(): string {
    const text = logs;
    logs = "";
    logsTruncated = false;
    return JSONStringify(text);
  }

  let exportsTable: Record<string, unknown> | null = null;

  function load(body: string, settingsJson: string): string {
    const given = JSONParse(settingsJson) as HarnessSettings;
    settings.maxOutputChars = given.maxOutputChars;
    settings.maxLogChars = given.maxLogChars;
    settings.fixedTime = given.fixedTime;
    try {
      const factory = FunctionCtor(body) as () => Record<string, unknown>;
      exportsTable = ObjectFreeze(factory());
      return '{"status":"ok","logs":' + takeLogs() + "}";
    } catch (thrown) {
      return '{"status":"error","error":' + describeThrown(thrown) + ',"logs":' + takeLogs() + "}";
    }
  }

  /** One test: the entry called with `args`, its result encoded; the text of one wire reply. */
  function callWith(entry: string, args: unknown[], seed: number): string {
    randomState = seed | 0;
    const fn = exportsTable === null ? undefined : exportsTable[entry];
    if (typeof fn !== "function") return '{"status":"missing","logs":' + takeLogs() + "}";
    let result: unknown;
    try {
      result = ReflectApply(fn as (...a: unknown[]) => unknown, undefined, args);
    } catch (thrown) {
      return '{"status":"error","error":' + describeThrown(thrown) + ',"logs":' + takeLogs() + "}";
    }
    try {
      return '{"status":"ok","value":' + encode(result) + ',"logs":' + takeLogs() + "}";
    } catch (problem) {
      if (problem instanceof OutputTooLarge) {
        return '{"status":"invalid","reason":"too_large","logs":' + takeLogs() + "}";
      }
      if (problem instanceof UnsupportedOutput) {
        return '{"status":"invalid","reason":' + JSONStringify(problem.reason) + ',"logs":' + takeLogs() + "}";
      }
      // Reading the result ran student code (a getter, a Proxy trap) and it threw.
      return '{"status":"error","error":' + describeThrown(problem) + ',"logs":' + takeLogs() + "}";
    }
  }

  function call(entry: string, argsJson: string, seed: number): string {
    return callWith(entry, JSONParse(argsJson) as unknown[], seed);
  }

  // Progress of "run", kept here so that "collect" can hand it over after a timeout.
  let finished = "";
  let done = 0;

  function progress(): string {
    return '{"done":' + done + ',"results":[' + finished + "]}";
  }

  /** Every test in one call into the isolate: far cheaper than one round trip per test. */
  function run(entry: string, callsJson: string): string {
    finished = "";
    done = 0;
    const calls = JSONParse(callsJson) as { a: unknown[]; s: number }[];
    const count = calls.length;
    for (let i = 0; i < count; i++) {
      const call = calls[i]!;
      const started = ReflectApply(RealDateNow, RealDate, []) as number;
      const reply = callWith(entry, call.a, call.s);
      const ms = (ReflectApply(RealDateNow, RealDate, []) as number) - started;
      finished += (i > 0 ? "," : "") + '{"ms":' + ms + ',"reply":' + reply + "}";
      done = i + 1;
    }
    return progress();
  }

  return function harness(command, a, b, seed) {
    if (command === "load") return load(a ?? "", b ?? "{}");
    if (command === "run") return run(a ?? "", b ?? "[]");
    if (command === "collect") return progress();
    return call(a ?? "", b ?? "[]", seed ?? 0);
  };
}
