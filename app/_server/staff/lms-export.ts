import "server-only";
import { z } from "zod";
import { csvRows, type CsvValue } from "../../../grader/engine/csv.ts";
import type { Gradebook, GradebookRow, GradebookSet } from "./gradebook.ts";

/**
 * The gradebook in the CSV layouts that learning-management systems import: one column per set
 * (the set's total, as on the gradebook page), its points possible, and students identified by
 * their email address, the one identifier Epoch shares with an LMS.
 */
export const LMS_FORMATS = ["canvas", "moodle"] as const;
export const LmsFormatSchema = z.enum(LMS_FORMATS);
export type LmsFormat = z.infer<typeof LmsFormatSchema>;

export const LMS_LABELS: Readonly<Record<LmsFormat, string>> = { canvas: "Canvas", moodle: "Moodle" };

/** Canvas's student columns, in the order its own gradebook export writes them. */
export const CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] as const;
/** Canvas's export labels its second row this way (indented); its importer reads that row as each column's points possible. */
export const CANVAS_POINTS_POSSIBLE = "    Points Possible";
/** Moodle's label for the email column, as its own export writes it; its importer maps any column the teacher picks. */
export const MOODLE_EMAIL_COLUMN = "Email address";
export const MOODLE_NAME_COLUMN = "Full name";

/** A set's total, or null when nothing in it is graded yet for that student (no grade, rather than 0). */
function setScore(row: GradebookRow, set: GradebookSet): number | null {
  const graded = set.items.some((item) => row.cells[item.id]?.counted);
  return graded ? (row.setTotals[set.id] ?? 0) : null;
}

/**
 * Column titles, one per set. An LMS matches a column to an assignment by its title, so two sets
 * with the same title get their due date added to tell them apart.
 */
function setColumnTitles(sets: readonly GradebookSet[]): string[] {
  const counts = new Map<string, number>();
  for (const set of sets) counts.set(set.title, (counts.get(set.title) ?? 0) + 1);
  return sets.map((set) => (counts.get(set.title)! > 1 ? `${set.title} — due ${set.dueAt.slice(0, 10)}` : set.title));
}

/**
 * Canvas (Grades → Import): the header row is Canvas's student columns, then one column per set;
 * the second row gives each set's points possible (used when the import creates the assignment);
 * then one row per student. Epoch knows no Canvas user ID, SIS user ID or section, so those stay
 * empty, and SIS Login ID holds the email address: Canvas finds the student by it when logins
 * are email addresses.
 */
export function canvasGradebookCsv(gradebook: Gradebook): string {
  const titles = setColumnTitles(gradebook.sets);
  const rows: CsvValue[][] = [
    [...CANVAS_STUDENT_COLUMNS, ...titles],
    [CANVAS_POINTS_POSSIBLE, "", "", "", "", ...gradebook.sets.map((set) => set.possible)],
  ];
  for (const row of gradebook.rows) rows.push([row.student.name, "", "", row.student.email, "", ...gradebook.sets.map((set) => setScore(row, set))]);
  return csvRows(rows);
}

/**
 * Moodle (Grade administration → Import → CSV file): one header row, then one row per student;
 * the importer aborts on a row whose student it cannot find, so there is no points-possible row:
 * each set's column title ends with its points possible in brackets ("Week 1 [10]"). At import,
 * identify users by mapping "Email address" to the email address, and each set column to its
 * grade item (or to a new one, whose maximum grade Moodle sets to 100 until changed). No grade
 * is an empty cell, which Moodle's importer reads as no grade, as it does "-" (a cell the CSV
 * writer would have to neutralise as a formula start).
 */
export function moodleGradebookCsv(gradebook: Gradebook): string {
  const titles = setColumnTitles(gradebook.sets);
  const rows: CsvValue[][] = [[MOODLE_EMAIL_COLUMN, MOODLE_NAME_COLUMN, ...gradebook.sets.map((set, i) => `${titles[i]} [${set.possible}]`)]];
  for (const row of gradebook.rows) rows.push([row.student.email, row.student.name, ...gradebook.sets.map((set) => setScore(row, set))]);
  return csvRows(rows);
}

export function lmsGradebookCsv(format: LmsFormat, gradebook: Gradebook): string {
  return format === "canvas" ? canvasGradebookCsv(gradebook) : moodleGradebookCsv(gradebook);
}
