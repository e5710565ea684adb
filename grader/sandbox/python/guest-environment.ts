/**
 * What Pyodide expects of a browser or Node, supplied inside a bare isolate. Its source text is
 * evaluated in the isolate (`installGuestEnvironment.toString()`), so it must not refer to
 * anything outside its own body.
 *
 * Nothing here calls into the host: files come from a table of buffers copied in before boot,
 * randomness from a seeded generator, output goes to a capped buffer read back at the end of a
 * call. Whatever Python reaches through `import js` is this isolate's globalThis: these
 * functions and ECMAScript built-ins, never a host object.
 */

/** Seen by the guest as `globalThis.__epochGuest` until boot removes it. */
export interface GuestEnvironment {
  /** Files the Emscripten "shell" loader reads (`read` / `readbuffer`), by path. */
  readonly files: Record<string, ArrayBuffer>;
  /** Reseeds the generator behind `crypto.getRandomValues` (os.urandom, secrets, uuid4). */
  readonly seedRandomBytes: (seed: number) => void;
  /** Output (stdout and stderr interleaved) since the last call, capped at the log limit. */
  readonly takeLogs: () => { logs: string; truncated: boolean };
  readonly setLogLimit: (chars: number) => void;
  /** Freezes the wall clock (`time.time()`, `datetime.now()`) at `ms` since the epoch, so grades are reproducible. */
  readonly setFixedTime: (ms: number) => void;
  readonly writeLog: (text: string) => void;
}

export function installGuestEnvironment(): void {
  "use strict";
  const G = globalThis as unknown as Record<string, unknown>;
  const StringFromCharCode = String.fromCharCode;
  const ReflectApply = Reflect.apply;

  function bytesOf(input: unknown): Uint8Array {
    if (input === undefined || input === null) return new Uint8Array(0);
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    throw new TypeError("TextDecoder.decode: expected a buffer");
  }

  /** Builds a string from UTF-16 code units in slices (apply has an argument-count limit). */
  function fromCodeUnits(units: number[]): string {
    let text = "";
    for (let i = 0; i < units.length; i += 8192) text += ReflectApply(StringFromCharCode, null, units.slice(i, i + 8192)) as string;
    return text;
  }

  function encodeUtf8(text: string, out: Uint8Array | null): { bytes: number[]; read: number; written: number } {
    const bytes: number[] = [];
    let written = 0;
    let read = 0;
    const room = out === null ? Infinity : out.length;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      let units = 1;
      if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          units = 2;
        } else code = 0xfffd;
      } else if (code >= 0xd800 && code < 0xe000) code = 0xfffd;
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (written + size > room) break;
      const put = (byte: number): void => {
        if (out === null) bytes.push(byte);
        else out[written] = byte;
        written++;
      };
      if (size === 1) put(code);
      else if (size === 2) {
        put(0xc0 | (code >> 6));
        put(0x80 | (code & 63));
      } else if (size === 3) {
        put(0xe0 | (code >> 12));
        put(0x80 | ((code >> 6) & 63));
        put(0x80 | (code & 63));
      } else {
        put(0xf0 | (code >> 18));
        put(0x80 | ((code >> 12) & 63));
        put(0x80 | ((code >> 6) & 63));
        put(0x80 | (code & 63));
      }
      if (units === 2) i++;
      read += units;
    }
    return { bytes, read, written };
  }

  function decodeUtf8(b: Uint8Array, fatal: boolean, ignoreBom: boolean): string {
    const units: number[] = [];
    let i = !ignoreBom && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    const bad = (): void => {
      if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
      units.push(0xfffd);
    };
    while (i < b.length) {
      const first = b[i++]!;
      if (first < 0x80) {
        units.push(first);
        continue;
      }
      const need = first >= 0xf0 && first < 0xf5 ? 3 : first >= 0xe0 ? (first < 0xf0 ? 2 : -1) : first >= 0xc2 ? 1 : -1;
      if (need < 0) {
        bad();
        continue;
      }
      let code = first & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
      let ok = true;
      for (let k = 0; k < need; k++) {
        const next = b[i];
        if (next === undefined || (next & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        code = (code << 6) | (next & 63);
        i++;
      }
      if (!ok || (need === 2 && (code < 0x800 || (code >= 0xd800 && code < 0xe000))) || (need === 3 && (code < 0x10000 || code > 0x10ffff))) {
        bad();
        continue;
      }
      if (code >= 0x10000) {
        code -= 0x10000;
        units.push(0xd800 + (code >> 10), 0xdc00 + (code & 1023));
      } else units.push(code);
    }
    return fromCodeUnits(units);
  }

  class GuestTextEncoder {
    get encoding(): string {
      return "utf-8";
    }
    encode(text = ""): Uint8Array {
      return new Uint8Array(encodeUtf8(String(text), null).bytes);
    }
    encodeInto(text: string, into: Uint8Array): { read: number; written: number } {
      const { read, written } = encodeUtf8(String(text), into);
      return { read, written };
    }
  }

  class GuestTextDecoder {
    readonly encoding: string;
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    constructor(label = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
      const name = String(label).trim().toLowerCase();
      if (name === "utf-8" || name === "utf8" || name === "unicode-1-1-utf-8") this.encoding = "utf-8";
      else if (name === "utf-16le" || name === "utf-16") this.encoding = "utf-16le";
      else if (name === "latin1" || name === "iso-8859-1" || name === "ascii" || name === "us-ascii" || name === "windows-1252") this.encoding = "windows-1252";
      else throw new RangeError(`The encoding label provided ('${name}') is invalid.`);
      this.fatal = options.fatal === true;
      this.ignoreBOM = options.ignoreBOM === true;
    }
    decode(input?: unknown): string {
      const b = bytesOf(input);
      if (this.encoding === "utf-8") return decodeUtf8(b, this.fatal, this.ignoreBOM);
      const units: number[] = [];
      if (this.encoding === "utf-16le") {
        for (let i = 0; i + 1 < b.length; i += 2) units.push(b[i]! | (b[i + 1]! << 8));
      } else for (let i = 0; i < b.length; i++) units.push(b[i]!);
      return fromCodeUnits(units);
    }
  }

  G.TextEncoder = GuestTextEncoder;
  G.TextDecoder = GuestTextDecoder;

  const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  G.btoa = (binary: string): string => {
    let out = "";
    for (let i = 0; i < binary.length; i += 3) {
      const a = binary.charCodeAt(i);
      const b = i + 1 < binary.length ? binary.charCodeAt(i + 1) : -1;
      const c = i + 2 < binary.length ? binary.charCodeAt(i + 2) : -1;
      out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)]!;
      out += b < 0 ? "=" : BASE64[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)]!;
      out += c < 0 ? "=" : BASE64[c & 63]!;
    }
    return out;
  };
  G.atob = (text: string): string => {
    const clean = String(text).replace(/[\s=]/g, "");
    const units: number[] = [];
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < clean.length; i++) {
      const value = BASE64.indexOf(clean[i]!);
      if (value < 0) throw new Error("atob: invalid character");
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        units.push((buffer >> bits) & 0xff);
      }
    }
    return fromCodeUnits(units);
  };

  // Deterministic bytes for os.urandom and friends (mulberry32), reseeded per call with the test's seed.
  let byteState = 0x9e3779b9;
  const nextWord = (): number => {
    byteState = (byteState + 0x6d2b79f5) | 0;
    let t = byteState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  G.crypto = {
    getRandomValues<T extends ArrayBufferView>(view: T): T {
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = nextWord() & 0xff;
      return view;
    },
  };

  // A real monotonic clock (time.perf_counter, time.monotonic), kept apart from the wall
  // clock, which is frozen per submission.
  const RealDateNow = Date.now;
  const realNow = (): number => Reflect.apply(RealDateNow, Date, []) as number;
  const started = realNow();
  G.performance = { now: () => realNow() - started, timeOrigin: started };
  // Emscripten schedules a few callbacks; with no event loop here they run as microtasks.
  G.setTimeout = (callback: (...args: unknown[]) => void, _ms?: number, ...args: unknown[]): number => {
    void Promise.resolve().then(() => callback(...args));
    return 0;
  };
  G.clearTimeout = () => {};

  const files: Record<string, ArrayBuffer> = {};
  const missing = (path: string): Error => new Error(`no such file in the sandbox: ${path}`);
  // The Emscripten "shell" environment: both loaders detect it by `read` and `load`.
  G.read = (path: string): string => {
    const file = files[path];
    if (!file) throw missing(path);
    return new GuestTextDecoder().decode(file);
  };
  G.readbuffer = (path: string): ArrayBuffer => {
    const file = files[path];
    if (!file) throw missing(path);
    return file;
  };
  G.load = (path: string): never => {
    throw missing(path);
  };

  // Output of the student's code (stdout and stderr interleaved, as a terminal shows them),
  // capped; console output of the loaders lands here too.
  let limit = 10_000;
  let logs = "";
  let truncated = false;
  const writeLog = (text: string): void => {
    if (truncated) return;
    const piece = String(text);
    if (logs.length + piece.length <= limit) logs += piece;
    else {
      logs += piece.slice(0, Math.max(0, limit - logs.length));
      truncated = true;
    }
  };
  const log = (...args: unknown[]): void => writeLog(args.map(String).join(" ") + "\n");
  G.console = { log, info: log, warn: log, error: log, debug: log, trace: log };

  const environment: GuestEnvironment = {
    files,
    seedRandomBytes: (seed) => {
      byteState = (seed ^ 0x9e3779b9) | 0;
    },
    takeLogs: () => {
      const taken = { logs, truncated };
      logs = "";
      truncated = false;
      return taken;
    },
    setLogLimit: (chars) => {
      limit = chars;
    },
    setFixedTime: (ms) => {
      Object.defineProperty(Date, "now", { value: () => ms, writable: true, configurable: true });
    },
    writeLog,
  };
  G.__epochGuest = environment;
}
