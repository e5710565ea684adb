/** A statement without its leading "# Title" line, for pages that already show the title as their own heading. */
export function statementBody(statement: string): string {
  return statement.replace(/^\s*#\s[^\n]*\n+/, "");
}
