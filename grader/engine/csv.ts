/**
 * The one way Epoch writes CSV: every exported cell goes through `csvCell`, so a student's name
 * or a set's title can never turn into a spreadsheet formula (CSV injection), whichever
 * separator the spreadsheet assumes. Excel in many locales reads `;` as the separator, and some
 * readers split on `,` or on lines before they honour quotes, so a formula must not be able to
 * start a field under any of those readings.
 */

/** A spreadsheet treats a field starting with one of these as a formula (or as the start of one). */
const FORMULA_START = /[=+\-@\t\r]/;
/** A reader may start a new field or line after any of these, even inside a quoted cell. */
const FIELD_BREAK = /[,;\t\r\n]/;
/** Cells with these must be quoted to stay one cell for a `,` or a `;` reader. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

export type CsvValue = string | number | null;

/**
 * One CSV cell. Text that would start a formula gets a single quote in front (`'=SUM(A1)`),
 * which spreadsheets show as text; so does text right after a separator or a line break
 * inside the cell (opening `"`s skipped), where a reader that ignores quotes would start a
 * new field. Such a cell, and any with `"`, `,`, `;`, a tab or a line break, is quoted.
 *
 * Finite numbers are exempt and stay numbers: they come from our own arithmetic, never from
 * what a user typed, and a negative score such as -1 must stay numeric. A string that merely
 * looks like a number ("-1" as a name) is text and is neutralised like any other.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const text = neutralise(String(value));
  const quoted = text !== String(value) || NEEDS_QUOTES.test(text);
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text: `,` between cells, CRLF after every row (RFC 4180). */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}

function neutralise(text: string): string {
  let out = "";
  let atFieldStart = true;
  for (const char of text) {
    if (atFieldStart && FORMULA_START.test(char)) out += "'";
    out += char;
    // Quotes right after a break may be swallowed by a reader's quote handling, so the field
    // effectively starts at the next character.
    if (FIELD_BREAK.test(char)) atFieldStart = true;
    else if (char !== '"') atFieldStart = false;
  }
  return out;
}
