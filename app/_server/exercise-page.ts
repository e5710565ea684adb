import "server-only";
import { exerciseFiles, findExercise } from "../../exercises/registry.ts";
import { caseTexts, prepareCases } from "../../grader/engine/cases.ts";
import { loadItem } from "./access.ts";
import { database } from "./db.ts";
import { itemPageCommon, type ItemPageCommon, type PageSet } from "./item-page.ts";
import { readDrafts, type DraftView } from "./drafts.ts";
import { notFound } from "./errors.ts";
import { allowedLanguages } from "./policies.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import type { Viewer } from "./viewer.ts";
import { DEFAULT_LANGUAGE, type Language } from "../../exercises/spec/languages.ts";
import { pythonNames } from "../../exercises/spec/statement-code.ts";

export interface VisibleExample {
  readonly name: string;
  /** The call and the expected value as TypeScript and JavaScript read them. */
  readonly call: string;
  readonly expected: string;
  /** The same in Python (snake_case names, `True`, `None`). */
  readonly python: { readonly call: string; readonly expected: string };
}

/**
 * What the exercise page shows. Built only from what a student may see: the statement with
 * their variant filled in, the starter and the signature in every language, and the visible tests
 * of their variant.
 * Hidden tests, the reference and the solutions never leave the server.
 */
export interface ExercisePage extends ItemPageCommon {
  readonly set: PageSet & {
    /** The languages this set accepts solutions in (the toolbar offers only these). */
    readonly languages: readonly Language[];
  };
  /** The language the page opens in: that of the most recent draft in an accepted language, else the first accepted. */
  readonly initialLanguage: Language;
  readonly item: { readonly id: string; readonly points: number; readonly position: number };
  readonly exercise: {
    readonly id: string;
    readonly title: string;
    readonly entry: string;
    readonly difficulty: string;
    readonly topics: readonly string[];
    readonly statement: string;
    /** Names inline code in the statement spells differently in Python (`kmeansStep` → `kmeans_step`). */
    readonly pythonNames: Readonly<Record<string, string>>;
    readonly starters: Readonly<Record<Language, string>>;
    readonly signatures: Readonly<Record<Language, string>>;
    readonly hiddenTests: number;
  };
  readonly examples: readonly VisibleExample[];
  /** The viewer's drafts, one per language they wrote in, most recently saved first. */
  readonly drafts: readonly DraftView[];
}

export async function exercisePage(viewer: Viewer, itemId: string, now = new Date()): Promise<ExercisePage> {
  const db = await database();
  const loaded = await loadItem(db, viewer, itemId);
  const { item } = loaded;
  const exercise = findExercise(item.exerciseId);
  if (!exercise) throw notFound("This exercise");
  const files = exerciseFiles(exercise.id);
  const cases = prepareCases(exercise, variantSeed(viewer.id, item.id));
  const statement = files.statement.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in cases.variant ? String(cases.variant[name]) : whole));
  const [{ common, set }, drafts] = await Promise.all([itemPageCommon(db, viewer, loaded, now), readDrafts(viewer, item.id)]);
  const languages = allowedLanguages(set);
  return {
    ...common,
    set: { ...common.set, languages },
    initialLanguage: drafts.find((d) => languages.includes(d.language))?.language ?? (languages.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : languages[0]!),
    item: { ...common.item, position: item.position },
    exercise: {
      id: exercise.id,
      title: exercise.title,
      entry: exercise.entry,
      difficulty: exercise.difficulty,
      topics: exercise.topics,
      statement,
      pythonNames: pythonNames(exercise.entry, exercise.params),
      starters: files.starters,
      signatures: files.signatures,
      hiddenTests: cases.hidden.length,
    },
    examples: cases.visible.map((c) => {
      const python = caseTexts(c, exercise, "python");
      return { name: c.name, call: c.inputText, expected: c.expectedText, python: { call: python.input, expected: python.expected } };
    }),
    drafts,
  };
}
