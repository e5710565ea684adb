/**
 * CSV injection: the gradebook export read back the way spreadsheets read it, splitting on `,`
 * or on `;` (quotes honoured only at the start of a field) or ignoring quotes altogether. No
 * field may start a formula, names survive apart from the neutralising quote, numbers stay numbers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { csvCell, csvRows } = await import("../../grader/engine/csv.ts");
const { courseGradebook, gradebookCsv } = await import("../../app/_server/staff/gradebook.ts");

/** RFC 4180 as spreadsheets apply it: a quote opens a quoted field only as its first character. */
function parseCsv(text: string, separator: "," | ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    if (field === "" && text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      continue;
    }
    const char = text[i]!;
    if (char === separator) {
      endField();
      i++;
    } else if (char === "\r" || char === "\n") {
      endRow();
      i += char === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += char;
      i++;
    }
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** A reader that knows nothing of quotes: lines, then separators. */
function splitNaively(text: string, separator: "," | ";"): string[][] {
  return text.split(/\r\n|\r|\n/).map((line) => line.split(separator));
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** Cells a spreadsheet would run as a formula. */
const formulas = (rows: string[][]) => rows.flat().filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell));
/** The name as typed: without the quotes the writer put before formula characters. */
const unneutralised = (cell: string) => cell.replace(/'(?=[=+\-@\t\r])/g, "");

const HOSTILE_NAMES = [
  '=HYPERLINK("http://x","y")',
  "+1",
  "@SUM(A1)",
  "-2+3",
  "Lovelace; Ada",
  "Ada;=1+1",
  "Grace,-cmd|' /C calc'!A0",
  "\tTabbed",
  "\rReturned",
  "Two\r\n=lines",
  '"=quoted',
];

describe("csvCell", () => {
  it("prefixes and quotes text that starts a formula", () => {
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\tx")).toBe(`"'\tx"`);
  });

  it("quotes cells with a semicolon, so a `;` reader keeps them whole", () => {
    expect(csvCell("Lovelace; Ada")).toBe(`"Lovelace; Ada"`);
  });

  it("neutralises a formula after a separator or line break inside a cell", () => {
    expect(csvCell("Ada;=1+1")).toBe(`"Ada;'=1+1"`);
    expect(csvCell("a\n+1")).toBe(`"a\n'+1"`);
    expect(csvCell('x;"=1')).toBe(`"x;""'=1"`);
  });

  it("keeps numbers numeric, negative ones included, but not text that looks like one", () => {
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(2.5)).toBe("2.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("-1")).toBe(`"'-1"`);
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe(`"'-Infinity"`);
  });

  it("leaves plain text alone", () => {
    expect(csvRows([["t-ada", "ada@epoch.test", "Ada Lovelace", 9.5]])).toBe("t-ada,ada@epoch.test,Ada Lovelace,9.5\r\n");
  });
});

describe("the gradebook CSV", () => {
  const instructor: Viewer = { id: "csv-instructor", email: "csv-instructor@epoch.test", name: "Instructor" };
  const students = HOSTILE_NAMES.map((name, i) => ({ id: `csv-student-${i}`, email: `csv-student-${i}@epoch.test`, name }));

  beforeAll(async () => {
    const db = await database();
    await db.course.create({ data: { id: "csv-course", code: "CSV-1", title: "CSV course", term: "Now" } });
    for (const user of [instructor, ...students]) await db.user.create({ data: { ...user, passwordHash: "x" } });
    await db.enrollment.create({ data: { userId: instructor.id, courseId: "csv-course", role: "instructor" } });
    await db.enrollment.createMany({ data: students.map((s) => ({ userId: s.id, courseId: "csv-course", role: "student" })) });
    await db.problemSet.create({
      data: {
        id: "csv-set",
        courseId: "csv-course",
        title: "=Week; one",
        opensAt: new Date(Date.now() - 86_400_000),
        dueAt: new Date(Date.now() + 86_400_000),
        items: { create: [{ id: "csv-item", exerciseId: "forward-pass", points: 10, position: 0 }] },
      },
    });
    await db.submission.create({
      data: {
        userId: students[0]!.id,
        itemId: "csv-item",
        exerciseId: "forward-pass",
        kind: "submit",
        language: "typescript",
        code: "x",
        seed: 1,
        status: "graded",
        score: 6,
        maxScore: 9,
      },
    });
  });

  it("starts no formula for a `,` or a `;` reader, with or without quote handling", async () => {
    const csv = gradebookCsv(await courseGradebook(instructor, "csv-course"));
    for (const separator of [",", ";"] as const) {
      expect(formulas(parseCsv(csv, separator)), `parsed on ${separator}`).toEqual([]);
      expect(formulas(splitNaively(csv, separator)), `split on ${separator}`).toEqual([]);
    }
  });

  it("keeps every name (apart from the neutralising quote), the columns and the numbers", async () => {
    const book = await courseGradebook(instructor, "csv-course");
    const [header, ...rows] = parseCsv(gradebookCsv(book), ",");
    expect(header).toEqual(["student_id", "email", "name", "'=Week; one | Forward pass through a dense network [10]", "'=Week; one | total [10]", "total [10]"]);
    expect(rows).toHaveLength(students.length);
    for (const row of rows) {
      expect(row).toHaveLength(6);
      const student = students.find((s) => s.id === row[0])!;
      expect(unneutralised(row[2]!)).toBe(student.name);
      if (FORMULA_START.test(student.name)) expect(row[2]!.startsWith("'")).toBe(true);
    }
    expect(rows.find((r) => r[0] === students[0]!.id)!.slice(3)).toEqual(["6.67", "6.67", "6.67"]);
    expect(rows.find((r) => r[0] === students[1]!.id)!.slice(3)).toEqual(["", "0", "0"]);
  });

  it("writes a negative number as a number", () => {
    const book = {
      course: { id: "c", code: "C", title: "C", term: "T" },
      sets: [],
      possible: 0,
      rows: [{ student: { id: "s", email: "s@epoch.test", name: "S" }, cells: {}, setTotals: {}, total: -1 }],
    };
    expect(gradebookCsv(book)).toBe("student_id,email,name,total [0]\r\ns,s@epoch.test,S,-1\r\n");
  });
});
