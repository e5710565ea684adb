import "server-only";
import { z } from "zod";
import { exerciseFiles, findCalculation, findExercise, listExercises } from "../../../exercises/registry.ts";
import { calculationCheckSummaries, calculationListings, calculationPreview } from "./bank-calculations.ts";
import { caseTexts, prepareCases } from "../../../grader/engine/cases.ts";
import type { Language } from "../../../exercises/spec/languages.ts";
import { pythonNames } from "../../../exercises/spec/statement-code.ts";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import { notFound } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import { STAFF_ROLES } from "../roles.ts";

export const BankQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  topic: z.string().trim().max(60).optional(),
});

export interface CheckSummary {
  readonly ok: boolean;
  readonly checkedAt: string;
  readonly problems: readonly { readonly check: string; readonly message: string }[];
  readonly passed: readonly string[];
}

export interface BankEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topics: readonly string[];
  readonly difficulty: string;
  readonly entry: string;
  readonly usedIn: readonly { readonly setId: string; readonly setTitle: string }[];
  readonly check: CheckSummary | null;
}

const ReportSchema = z.object({ problems: z.array(z.object({ check: z.string(), message: z.string() })), passed: z.array(z.string()) });

async function checks(): Promise<Map<string, CheckSummary>> {
  const db = await database();
  const rows = await db.exerciseCheck.findMany();
  return new Map(
    rows.map((row) => {
      const report = ReportSchema.catch({ problems: [{ check: "report", message: "unreadable report" }], passed: [] }).parse(JSON.parse(row.report));
      return [row.exerciseId, { ok: row.ok, checkedAt: row.checkedAt.toISOString(), ...report }];
    }),
  );
}

/** The exercise bank for staff of a course: searchable by words and topic, with each exercise's check result. */
export async function exerciseBank(viewer: Viewer, courseId: string, query: z.infer<typeof BankQuerySchema> = {}): Promise<{ entries: BankEntry[]; topics: string[] }> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const [items, reports] = await Promise.all([
    db.problemSetItem.findMany({ where: { problemSet: { courseId } }, select: { exerciseId: true, problemSet: { select: { id: true, title: true } } } }),
    checks(),
  ]);
  const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  // Calculations (answered with numbers) are listed with the code exercises; their checks run here.
  const all = [...listExercises(), ...calculationListings()];
  for (const [id, summary] of calculationCheckSummaries()) reports.set(id, summary);
  const entries = all
    .filter((e) => !query.topic || e.topics.includes(query.topic))
    .filter((e) => words.every((w) => `${e.id} ${e.title} ${e.summary} ${e.topics.join(" ")}`.toLowerCase().includes(w)))
    .map((e) => ({
      id: e.id,
      title: e.title,
      summary: e.summary,
      topics: e.topics,
      difficulty: e.difficulty,
      entry: e.entry,
      usedIn: items.filter((i) => i.exerciseId === e.id).map((i) => ({ setId: i.problemSet.id, setTitle: i.problemSet.title })),
      check: reports.get(e.id) ?? null,
    }));
  return { entries, topics: [...new Set(all.flatMap((e) => e.topics))].sort() };
}

export interface BankExercise {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly topics: readonly string[];
  readonly difficulty: string;
  readonly entry: string;
  readonly statement: string;
  readonly signature: string;
  readonly starter: string;
  /** Each language's signature and starter, as students of that language get them. */
  readonly signatures: Readonly<Record<Language, string>>;
  readonly starters: Readonly<Record<Language, string>>;
  /** Names inline code in the statement spells differently in Python (`kmeansStep` → `kmeans_step`). */
  readonly pythonNames: Readonly<Record<string, string>>;
  readonly sampleSeed: number;
  /** Each visible test's call and expected value, also as Python writes them. */
  readonly visibleTests: readonly {
    readonly name: string;
    readonly call: string;
    readonly expected: string;
    readonly python: { readonly call: string; readonly expected: string };
  }[];
  readonly hiddenTests: readonly string[];
  readonly check: CheckSummary | null;
}

/** One exercise as a student with `seed` would see it, plus hidden test names and its check report. */
export async function bankExercise(viewer: Viewer, courseId: string, exerciseId: string, seed = 1): Promise<BankExercise> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const calculation = findCalculation(exerciseId);
  if (calculation) {
    const check = calculationCheckSummaries().get(calculation.id) ?? null;
    const { id, title, summary, topics, difficulty } = calculation;
    const preview = calculationPreview(calculation, seed);
    // Answered with numbers: the same in every language.
    const inEveryLanguage = <T>(value: T): Record<Language, T> => ({ typescript: value, javascript: value, python: value });
    return {
      id,
      title,
      summary,
      topics,
      difficulty,
      entry: "answers",
      statement: preview.statement,
      signature: preview.signature,
      starter: "",
      signatures: inEveryLanguage(preview.signature),
      starters: inEveryLanguage(""),
      pythonNames: {},
      sampleSeed: seed,
      visibleTests: preview.visibleTests.map((test) => ({ ...test, python: { call: test.call, expected: test.expected } })),
      hiddenTests: [],
      check,
    };
  }
  const exercise = findExercise(exerciseId);
  if (!exercise) throw notFound("This exercise");
  const files = exerciseFiles(exercise.id);
  const cases = prepareCases(exercise, seed);
  return {
    id: exercise.id,
    title: exercise.title,
    summary: exercise.summary,
    topics: exercise.topics,
    difficulty: exercise.difficulty,
    entry: exercise.entry,
    statement: files.statement.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in cases.variant ? String(cases.variant[name]) : whole)),
    signature: files.signature,
    starter: files.starter,
    signatures: files.signatures,
    starters: files.starters,
    pythonNames: pythonNames(exercise.entry, exercise.params),
    sampleSeed: seed,
    visibleTests: cases.visible.map((c) => {
      const python = caseTexts(c, exercise, "python");
      return { name: c.name, call: c.inputText, expected: c.expectedText, python: { call: python.input, expected: python.expected } };
    }),
    hiddenTests: cases.hidden.map((c) => c.name),
    check: (await checks()).get(exercise.id) ?? null,
  };
}
