/**
 * Turns a student's module (TypeScript or JavaScript) into the body of a function the
 * harness can call inside try/catch. Every step keeps each character at its line and
 * column, so errors point at the student's own source.
 */
import { stripTypeScriptTypes } from "node:module";
import { parse, tokenizer, tokTypes, type Program } from "acorn";

import type { Language } from "../../exercises/spec/languages.ts";
import type { CompileProblem, SourcePosition } from "./protocol.ts";
import { withoutExperimentalWarning } from "./known-warnings.ts";

export type PreparedSource =
  | { readonly ok: true; readonly body: string; readonly exportNames: readonly string[] }
  /** stripperFailed: Node's type remover failed in a way that may have left it unusable in this process. */
  | { readonly ok: false; readonly problem: CompileProblem; readonly stripperFailed?: true };

/** Lines the body adds above the student's first line: our "use strict". */
export const BODY_LINE_OFFSET = 1;

export const SOLUTION_FILENAME = "solution.ts";

/**
 * Deepest nesting of brackets accepted. Node's type remover (a WebAssembly module) overflows
 * its stack on types or expressions nested about 1,000 levels deep, and is then broken for
 * every later file in the process; real solutions nest a few dozen levels at most.
 */
export const MAX_NESTING_DEPTH = 200;

export function prepareSource(source: string, language: Language): PreparedSource {
  const nesting = tooDeep(source);
  if (nesting) return { ok: false, problem: nesting };
  let javascript = source;
  if (language === "typescript") {
    const stripped = stripTypes(source);
    if (!stripped.ok) return stripped;
    javascript = stripped.code;
  }

  let program: Program;
  try {
    // Without `locations` acorn is faster; the rare statement that needs a position computes it.
    program = parse(javascript, { ecmaVersion: "latest", sourceType: "module" });
  } catch (error) {
    return { ok: false, problem: acornProblem(error) };
  }
  const htmlComment = htmlOpenCommentAt(javascript);
  if (htmlComment !== null) {
    return {
      ok: false,
      problem: {
        ...positionOf(javascript, htmlComment),
        message:
          "`<!--` means `< !--` in a module, but the grader's JavaScript engine would read it as the start of a comment " +
          "(an old rule for scripts in web pages), so your code would not run as written. Add a space: `a < !--b`.",
      },
    };
  }

  const edits: { start: number; end: number; text: string }[] = [];
  const exported = new Map<string, string>(); // exported name → local binding
  for (const statement of program.body) {
    const position = positionOf(javascript, statement.start);
    switch (statement.type) {
      case "ImportDeclaration":
        return {
          ok: false,
          problem: {
            ...position,
            message:
              "Imports are not available: the grader runs your module on its own. " +
              "Define what you need in this file (for types, use `import type`, which is removed before running).",
          },
        };
      case "ExportAllDeclaration":
        return { ok: false, problem: { ...position, message: "`export * from` is not available: the grader runs your module on its own." } };
      case "ExportNamedDeclaration": {
        if (statement.source) {
          return { ok: false, problem: { ...position, message: "`export ... from` is not available: the grader runs your module on its own." } };
        }
        if (statement.declaration) {
          // `export function f() {}` → `       function f() {}`
          edits.push({ start: statement.start, end: statement.declaration.start, text: "" });
          for (const name of declaredNames(statement.declaration)) exported.set(name, name);
        } else {
          // `export { a, b as c };` → blanks; the footer returns the bindings.
          edits.push({ start: statement.start, end: statement.end, text: "" });
          for (const specifier of statement.specifiers) {
            const local = specifier.local.type === "Identifier" ? specifier.local.name : String(specifier.local.value);
            const name = specifier.exported.type === "Identifier" ? specifier.exported.name : String(specifier.exported.value);
            exported.set(name, local);
          }
        }
        break;
      }
      case "ExportDefaultDeclaration": {
        const declaration = statement.declaration;
        const named = (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id !== null ? declaration.id.name : null;
        if (named !== null) {
          edits.push({ start: statement.start, end: declaration.start, text: "" });
          exported.set("default", named);
        } else {
          // `export default <expr>` (14 characters) becomes a binding of the same length.
          edits.push({ start: statement.start, end: statement.start + "export default".length, text: "const $dflt$ =" });
          exported.set("default", "$dflt$");
        }
        break;
      }
      default:
        break;
    }
  }

  let body = javascript;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    const replaced = body.slice(edit.start, edit.end);
    // Keep newlines so later lines do not move; blank everything else.
    const filler = edit.text === "" ? replaced.replace(/[^\n\r]/g, " ") : edit.text;
    body = body.slice(0, edit.start) + filler + body.slice(edit.end);
  }

  const footer = [...exported].map(([name, local]) => `${JSON.stringify(name)}: typeof ${local} === "undefined" ? undefined : ${local}`).join(", ");
  return {
    ok: true,
    body: `"use strict";\n${body}\n;return { ${footer} };`,
    exportNames: [...exported.keys()],
  };
}

/**
 * Where `<` `!` `--` are written together in the code (not in a string, comment or template), or
 * null. The body runs as a script, where `<!--` opens a comment to the end of the line (Annex B
 * of the language), while the module was parsed, as written, without it: the engine would run
 * other code than was checked, and a hidden brace could even end the harness's function early.
 */
function htmlOpenCommentAt(javascript: string): number | null {
  if (!javascript.includes("<!--")) return null;
  for (const token of tokenizer(javascript, { ecmaVersion: "latest", sourceType: "module" })) {
    if (token.type === tokTypes.relational && javascript.startsWith("<!--", token.start)) return token.start;
  }
  return null;
}

/** 1-based line and column of a character offset. */
function positionOf(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Declaration = Extract<Program["body"][number], { type: "ExportNamedDeclaration" }>["declaration"];

function declaredNames(declaration: NonNullable<Declaration>): string[] {
  if (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") return [declaration.id.name];
  const names: string[] = [];
  for (const declarator of declaration.declarations) {
    // Destructuring exports (`export const { a } = o`) are rare; only plain names are callable entries.
    if (declarator.id.type === "Identifier") names.push(declarator.id.name);
  }
  return names;
}

/**
 * The first place where brackets ((, [, {, and < as in `Array<...>`) nest deeper than
 * MAX_NESTING_DEPTH, skipping strings and comments. A `<` counts only right after a name
 * (`Array<`); one that turns out to be a comparison is never closed, and is dropped at the end
 * of its statement or when the bracket around it closes.
 */
function tooDeep(source: string): CompileProblem | null {
  const open: number[] = [];
  const LT = 60;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      while (i < source.length && source.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && source.charCodeAt(i + 1) === 42 /* * */) {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 1;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      for (i++; i < source.length && source.charCodeAt(i) !== c && source.charCodeAt(i) !== 10; i++) if (source.charCodeAt(i) === 92) i++;
    } else if (c === 59 /* ; */) {
      // A statement ends: any `<` still open in it was a comparison.
      while (open.length > 0 && open[open.length - 1] === LT) open.pop();
    } else if (c === LT && !/[\w$>\]]/.test(source[i - 1] ?? "")) {
      // `a < b` with a space is a comparison; a type argument list follows its name directly.
      continue;
    } else if (c === 40 || c === 91 || c === 123 || c === LT || c === 96 /* ` */) {
      // A template literal's text is skipped; its `${` opens a brace like any other.
      if (c === 96) {
        for (i++; i < source.length && source.charCodeAt(i) !== 96; i++) {
          if (source.charCodeAt(i) === 92) i++;
          else if (source.charCodeAt(i) === 36 && source.charCodeAt(i + 1) === 123) break;
        }
        if (source.charCodeAt(i) !== 36) continue;
        i++;
      }
      open.push(c === 96 ? 123 : c);
      if (open.length > MAX_NESTING_DEPTH) {
        return {
          ...positionOf(source, i),
          message: `Your code nests brackets or types more than ${MAX_NESTING_DEPTH} levels deep, which the grader does not accept. Give the deep parts names (a type alias, a variable) instead.`,
        };
      }
    } else if (c === 41 || c === 93 || c === 125) {
      const opener = c === 41 ? 40 : c === 93 ? 91 : 123;
      while (open.length > 0 && open[open.length - 1] === LT) open.pop();
      if (open.length > 0 && open[open.length - 1] === opener) open.pop();
    } else if (c === 62 /* > */ && source.charCodeAt(i - 1) !== 61 /* => */ && open.length > 0 && open[open.length - 1] === LT) {
      open.pop();
    }
  }
  return null;
}

/** A snippet the type remover must always handle; failing it means the remover is broken. */
const PROBE = "const probe: Array<{ a: number }> = [];";

function stripTypes(source: string): { ok: true; code: string } | { ok: false; problem: CompileProblem; stripperFailed?: true } {
  try {
    return { ok: true, code: withoutExperimentalWarning("stripTypeScriptTypes", () => stripTypeScriptTypes(source, { mode: "strip" })) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_INVALID_TYPESCRIPT_SYNTAX" || code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX") return { ok: false, problem: typeScriptProblem(error, source) };
    // Anything else is the remover itself failing (its WebAssembly stack overflowing on deep
    // nesting of another kind): the file is refused, and the process is replaced if the
    // remover no longer handles a known snippet, since every later file would fail too.
    const message =
      "Your code could not be processed: it is nested too deeply (or is otherwise too complex) for the grader's TypeScript type remover. Simplify the deepest expressions or types.";
    return { ok: false, problem: { message, line: 0, column: 0 }, ...(stripperWorks() ? {} : { stripperFailed: true as const }) };
  }
}

/** Whether Node's type remover still handles a known snippet in this process. */
export function stripperWorks(): boolean {
  try {
    return withoutExperimentalWarning("stripTypeScriptTypes", () => stripTypeScriptTypes(PROBE, { mode: "strip" })).includes("const probe");
  } catch {
    return false;
  }
}

/**
 * Node's TypeScript errors carry the position only in their stack: ":<line>", a few source
 * lines, then a line of spaces and carets under the error. Read it from there. At the end of
 * the input (a missing `}`) there is nothing to put a caret under: the error is at the end of
 * that line.
 */
function typeScriptProblem(error: unknown, source: string): CompileProblem {
  const code = (error as { code?: unknown }).code;
  const rawMessage = error instanceof Error ? error.message : String(error);
  const message =
    code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX"
      ? `${rawMessage.replace(/ in strip-only mode$/, "")}: the grader runs TypeScript by removing types, so use syntax that only annotates (a union type or a plain object instead of an enum, explicit fields instead of parameter properties).`
      : `TypeScript syntax error: ${rawMessage}`;
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  const lineMatch = /^:(\d+)\n/.exec(stack);
  if (!lineMatch) return { message, line: 0, column: 0 };
  const line = Number(lineMatch[1]);
  const caret = /^( *)\^+$/m.exec(stack);
  if (caret) return { message, line, column: caret[1]!.length + 1 };
  const lineText = source.split(/\r\n|\r|\n/)[line - 1];
  return { message, line, column: lineText === undefined ? 0 : lineText.length + 1 };
}

function acornProblem(error: unknown): CompileProblem {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const rawMessage = error instanceof Error ? error.message : String(error);
  // acorn appends " (line:column)"; the position is reported separately.
  const message = `Syntax error: ${rawMessage.replace(/ \(\d+:\d+\)$/, "")}`;
  return { message, line: loc?.line ?? 0, column: loc ? loc.column + 1 : 0 };
}
