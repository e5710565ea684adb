/**
 * Source code as a list of normalised tokens, for similarity reports. What a copier changes
 * cheaply goes: every identifier becomes `id`, every literal (numbers, strings, templates,
 * regular expressions, true/false/null/None…) becomes `lit`, layout and comments vanish,
 * `const`/`let`/`var` read alike, and so do optional semicolons and trailing commas. Keywords,
 * operators and brackets, the shape of the program, stay. Each token keeps the lines it spans
 * in the original source, so a match maps back to lines.
 *
 * Two small hand-written scanners, one per language family: TypeScript and JavaScript share one
 * (type annotations are tokens like any other), Python has its own. They never throw: text they
 * do not recognise becomes a one-character token.
 */
import type { Language } from "../../../exercises/spec/languages.ts";

export interface Token {
  /** The normalised kind: a keyword, an operator, `id` or `lit`. */
  readonly kind: string;
  /** 1-based lines of the token's first and last character. */
  readonly line: number;
  readonly endLine: number;
}

/** Languages whose submissions are compared with each other. */
export type LanguageFamily = "script" | "python";

export function languageFamily(language: Language): LanguageFamily {
  return language === "python" ? "python" : "script";
}

export function tokenize(language: Language, source: string): Token[] {
  return languageFamily(language) === "python" ? tokenizePython(source) : tokenizeScript(source);
}

const IDENTIFIER = /[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_\u200c\u200d]*/uy;
const SCRIPT_NUMBER = /(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)n?/y;
const PYTHON_NUMBER = /(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJ]?/y;

const SCRIPT_KEYWORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof let new return " +
    "super switch this throw try typeof var void while with yield async await of static get set interface type enum implements private public " +
    "protected readonly as declare namespace abstract keyof infer is satisfies"
  ).split(" "),
);
const SCRIPT_LITERAL_WORDS = new Set(["true", "false", "null", "undefined", "NaN", "Infinity"]);
const SCRIPT_DECLARATIONS = new Set(["const", "let", "var"]);
/** Longest first, so `>>>=` wins over `>>` and `>`. */
const SCRIPT_PUNCTUATORS = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];
/** After these (or at the start), a `/` opens a regular expression rather than dividing. */
const BEFORE_REGEX_KEYWORDS = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"]);

const PYTHON_KEYWORDS = new Set(
  (
    "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass " +
    "raise return try while with yield match case"
  ).split(" "),
);
const PYTHON_LITERAL_WORDS = new Set(["True", "False", "None"]);
const PYTHON_PUNCTUATORS = ["**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="];

const CLOSERS = new Set([")", "]", "}"]);

/** Collects tokens with their lines; positions only ever move forward, so lines cost O(n) overall. */
class TokenSink {
  readonly tokens: Token[] = [];
  private position = 0;
  private line = 1;
  private readonly source: string;
  constructor(source: string) {
    this.source = source;
  }

  private lineAt(offset: number): number {
    for (; this.position < offset; this.position++) if (this.source.charCodeAt(this.position) === 10) this.line++;
    return this.line;
  }

  push(kind: string, start: number, end: number): void {
    const line = this.lineAt(start);
    this.tokens.push({ kind, line, endLine: this.lineAt(Math.max(start, end - 1)) });
  }
}

function matchAt(pattern: RegExp, source: string, at: number): string | null {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0] ?? null;
}

function punctuatorAt(source: string, at: number, punctuators: readonly string[]): string {
  for (const candidate of punctuators) if (source.startsWith(candidate, at)) return candidate;
  return source[at]!;
}

/** The end of a quoted string starting at `at` (an unterminated one ends at its line's end). */
function endOfQuoted(source: string, at: number, quote: string, multiline: boolean): number {
  let i = at + quote.length;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") i += 2;
    else if (source.startsWith(quote, i)) return i + quote.length;
    else if (c === "\n" && !multiline) return i;
    else i++;
  }
  return source.length;
}

/** A template literal, `${…}` holes included (brace-counted), is one literal. */
function endOfTemplate(source: string, at: number): number {
  let i = at + 1;
  let depth = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") i += 2;
    else if (depth === 0 && c === "`") return i + 1;
    else if (c === "$" && source[i + 1] === "{") {
      depth++;
      i += 2;
    } else {
      if (c === "{" && depth > 0) depth++;
      else if (c === "}" && depth > 0) depth--;
      i++;
    }
  }
  return source.length;
}

function endOfRegex(source: string, at: number): number {
  let i = at + 1;
  let inClass = false;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") return i;
    if (c === "\\") i += 2;
    else if (c === "[" || c === "]") {
      inClass = c === "[";
      i++;
    } else if (c === "/" && !inClass) {
      i++;
      while (i < source.length && /[a-z]/i.test(source[i]!)) i++;
      return i;
    } else i++;
  }
  return source.length;
}

function slashStartsRegex(previous: Token | undefined, previousText: string): boolean {
  if (!previous) return true;
  if (previous.kind === "id" || previous.kind === "lit") return false;
  if (CLOSERS.has(previous.kind) || previous.kind === "++" || previous.kind === "--") return false;
  if (SCRIPT_KEYWORDS.has(previous.kind)) return BEFORE_REGEX_KEYWORDS.has(previousText);
  return true;
}

/** Optional semicolons and trailing commas are layout: a formatter adds or removes them. */
function dropLayoutPunctuation(tokens: Token[]): Token[] {
  return tokens.filter((token, i) => token.kind !== ";" && !(token.kind === "," && CLOSERS.has(tokens[i + 1]?.kind ?? "")));
}

export function tokenizeScript(source: string): Token[] {
  const sink = new TokenSink(source);
  let previousText = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 2;
      continue;
    }
    let end: number;
    let kind: string;
    const word = matchAt(IDENTIFIER, source, i);
    const number = word ? null : matchAt(SCRIPT_NUMBER, source, i);
    if (word) {
      end = i + word.length;
      kind = SCRIPT_LITERAL_WORDS.has(word) ? "lit" : SCRIPT_DECLARATIONS.has(word) ? "let" : SCRIPT_KEYWORDS.has(word) ? word : "id";
      previousText = word;
    } else if (number && number !== ".") {
      end = i + number.length;
      kind = "lit";
    } else if (c === '"' || c === "'") {
      end = endOfQuoted(source, i, c, false);
      kind = "lit";
    } else if (c === "`") {
      end = endOfTemplate(source, i);
      kind = "lit";
    } else if (c === "/" && slashStartsRegex(sink.tokens.at(-1), previousText)) {
      end = endOfRegex(source, i);
      kind = "lit";
    } else {
      kind = punctuatorAt(source, i, SCRIPT_PUNCTUATORS);
      end = i + kind.length;
    }
    sink.push(kind, i, end);
    i = end;
  }
  return dropLayoutPunctuation(sink.tokens);
}

/** A string prefix (r, b, f, u, rb, …) followed by a quote, or a bare quote. */
const PYTHON_STRING_START = /[rRbBuUfF]{0,2}(?:'''|"""|'|")/y;

export function tokenizePython(source: string): Token[] {
  const sink = new TokenSink(source);
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c) || (c === "\\" && (source[i + 1] === "\n" || source[i + 1] === "\r"))) {
      i++;
      continue;
    }
    if (c === "#") {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end;
      continue;
    }
    let end: number;
    let kind: string;
    const stringStart = matchAt(PYTHON_STRING_START, source, i);
    const word = stringStart ? null : matchAt(IDENTIFIER, source, i);
    const number = stringStart || word ? null : matchAt(PYTHON_NUMBER, source, i);
    if (stringStart) {
      const quote = stringStart.replace(/^[rRbBuUfF]+/, "");
      const prefixLength = stringStart.length - quote.length;
      end = endOfQuoted(source, i + prefixLength, quote, quote.length === 3);
      kind = "lit";
    } else if (word) {
      end = i + word.length;
      kind = PYTHON_LITERAL_WORDS.has(word) ? "lit" : PYTHON_KEYWORDS.has(word) ? word : "id";
    } else if (number && number !== ".") {
      end = i + number.length;
      kind = "lit";
    } else {
      kind = punctuatorAt(source, i, PYTHON_PUNCTUATORS);
      end = i + kind.length;
    }
    sink.push(kind, i, end);
    i = end;
  }
  return dropLayoutPunctuation(sink.tokens);
}
