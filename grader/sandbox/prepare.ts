/**
 * Turns a student's module (TypeScript or JavaScript) into the body of a function the
 * harness can call inside try/catch. Every step keeps each character at its line and
 * column, so errors point at the student's own source.
 */
import { stripTypeScriptTypes } from "node:module";
import { parse, type Program } from "acorn";

export type Language = "typescript" | "javascript";

export interface SourcePosition {
  /** 1-based line in the student's source; 0 when unknown. */
  readonly line: number;
  /** 1-based column; 0 when unknown. */
  readonly column: number;
}

export interface CompileProblem extends SourcePosition {
  readonly message: string;
}

export type PreparedSource =
  | { readonly ok: true; readonly body: string; readonly exportNames: readonly string[] }
  | { readonly ok: false; readonly problem: CompileProblem };

/** Lines the body adds above the student's first line: the Function constructor's two and our "use strict". */
export const BODY_LINE_OFFSET = 3;

export const SOLUTION_FILENAME = "solution.ts";

export function prepareSource(source: string, language: Language): PreparedSource {
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
        const named =
          (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id !== null
            ? declaration.id.name
            : null;
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

  const footer = [...exported]
    .map(([name, local]) => `${JSON.stringify(name)}: typeof ${local} === "undefined" ? undefined : ${local}`)
    .join(", ");
  return {
    ok: true,
    body: `"use strict";\n${body}\n;return { ${footer} };\n//# sourceURL=${SOLUTION_FILENAME}`,
    exportNames: [...exported.keys()],
  };
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

function stripTypes(source: string): { ok: true; code: string } | { ok: false; problem: CompileProblem } {
  try {
    return { ok: true, code: stripTypeScriptTypes(source, { mode: "strip" }) };
  } catch (error) {
    return { ok: false, problem: typeScriptProblem(error, source) };
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
