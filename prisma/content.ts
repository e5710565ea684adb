/**
 * Course content in the database: which version of each content exercise is served, and every
 * version's files by hash. Syncing validates a content folder and stores what passes; every web
 * server and grader host then serves what the database says, loading a version's files from it
 * on demand, so no process needs a rebuild or a restart, and no host needs the content folder.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { changedFiles, contentHash, FolderError, readExerciseFolder, type FolderFiles } from "../exercises/content/files.ts";
import { formatProblem, listExerciseFolders, loadVersion, type ContentExercise, type ContentProblem } from "../exercises/content/load.ts";
import { getExercise, isBuiltIn, serveContent, servedContent } from "../exercises/registry.ts";
import type { Exercise } from "../exercises/spec/define.ts";
import type { Database } from "./client.ts";

export interface SyncReport {
  /** New exercises, now served. */
  readonly added: readonly { id: string; version: string }[];
  /** Exercises whose files changed and passed validation: the new version is served. */
  readonly updated: readonly { id: string; from: string; to: string; changedFiles: readonly string[] }[];
  readonly unchanged: readonly string[];
  /** Exercises whose newest files fail validation; `serving` is the last good version, null when there never was one. */
  readonly broken: readonly { id: string; serving: string | null; problems: readonly ContentProblem[] }[];
  /** Exercises gone from the folders that cannot go: they have submissions or are in sets. They keep serving. */
  readonly refused: readonly { id: string; message: string }[];
  /** Exercises gone from the folders that nothing used: no longer served. */
  readonly removed: readonly string[];
  /** Problems with the folders themselves (missing, unreadable). */
  readonly folderProblems: readonly string[];
}

function parseFiles(json: string): FolderFiles {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== "object" || parsed === null || Object.values(parsed).some((text) => typeof text !== "string"))
    throw new Error("stored exercise files are not { path: text }");
  return parsed as FolderFiles;
}

async function storedFiles(db: Database, hash: string): Promise<FolderFiles | null> {
  const row = await db.exerciseVersion.findUnique({ where: { hash }, select: { files: true } });
  return row ? parseFiles(row.files) : null;
}

/**
 * Validates every exercise folder of the content folders and stores what passes. An exercise
 * whose new files fail keeps its last good version; one that disappeared is removed only when no
 * submission and no set uses it.
 */
export async function syncContent(db: Database, folders: readonly string[]): Promise<SyncReport> {
  const report = { added: [], updated: [], unchanged: [], broken: [], refused: [], removed: [], folderProblems: [] } as {
    -readonly [K in keyof SyncReport]: SyncReport[K] extends readonly (infer T)[] ? T[] : never;
  };
  const existing = new Map((await db.contentExercise.findMany()).map((row) => [row.id, row]));
  const seen = new Map<string, string>();
  for (const given of folders) {
    const folder = resolve(given);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      report.folderProblems.push(`${folder} is not a folder: check EPOCH_CONTENT_DIRS (absolute paths separated by ':')`);
      continue;
    }
    for (const id of listExerciseFolders(folder)) {
      const stored = existing.get(id);
      const broken = async (problems: ContentProblem[]) => {
        report.broken.push({ id, serving: stored?.versionHash ?? null, problems });
        if (stored) await db.contentExercise.update({ where: { id }, data: { problems: JSON.stringify(problems) } });
      };
      const elsewhere = seen.get(id);
      if (elsewhere) {
        await broken([
          {
            exerciseId: id,
            file: join(folder, id),
            message: `${elsewhere} has an exercise "${id}" too`,
            fix: "Exercise ids are folder names and must be unique across the content folders: rename one.",
          },
        ]);
        continue;
      }
      seen.set(id, folder);
      let files: FolderFiles;
      try {
        files = readExerciseFolder(join(folder, id));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await broken([
          {
            exerciseId: id,
            file: `${id}/`,
            message,
            fix: error instanceof FolderError ? "Keep only the exercise's own text files in its folder." : "Check the folder's permissions.",
          },
        ]);
        continue;
      }
      const hash = contentHash(files);
      if (stored?.versionHash === hash) {
        report.unchanged.push(id);
        if (stored.problems !== null || stored.folder !== folder) await db.contentExercise.update({ where: { id }, data: { problems: null, folder } });
        continue;
      }
      const { loaded, problems } = loadVersion(id, files);
      if (!loaded) {
        await broken(problems);
        continue;
      }
      await db.exerciseVersion.upsert({ where: { hash }, create: { hash, exerciseId: id, files: JSON.stringify(files) }, update: {} });
      const now = new Date();
      await db.contentExercise.upsert({
        where: { id },
        create: { id, versionHash: hash, folder, problems: null, syncedAt: now },
        update: { versionHash: hash, folder, problems: null, syncedAt: now },
      });
      if (stored) {
        const before = await storedFiles(db, stored.versionHash);
        report.updated.push({ id, from: stored.versionHash, to: hash, changedFiles: before ? changedFiles(before, files) : Object.keys(files).sort() });
      } else report.added.push({ id, version: hash });
    }
  }
  // Only folders that could be read count: a folder missing for a moment must not look like deletions.
  if (report.folderProblems.length === 0) {
    for (const [id, row] of existing) {
      if (seen.has(id)) continue;
      const [submissions, items] = await Promise.all([db.submission.count({ where: { exerciseId: id } }), db.problemSetItem.count({ where: { exerciseId: id } })]);
      if (submissions > 0 || items > 0) {
        const uses = [submissions > 0 ? `${submissions} submission${submissions === 1 ? "" : "s"}` : "", items > 0 ? `${items} set item${items === 1 ? "" : "s"}` : ""]
          .filter(Boolean)
          .join(" and ");
        report.refused.push({
          id,
          message:
            `"${id}" is gone from the content folders, but ${uses} use it: renaming or deleting an exercise that is in use is refused, and it keeps serving its last version. ` +
            `Fix: put the folder back as ${join(row.folder, id)} (an exercise's id is its folder's name); change the exercise by editing its files${submissions > 0 ? "" : ", or remove it from its sets first"}.`,
        });
      } else {
        await db.contentExercise.delete({ where: { id } });
        report.removed.push(id);
      }
    }
  }
  await refreshContent(db);
  return report;
}

/** Serves, in this process, the version of each content exercise the database names (loading new ones from their stored files). */
export async function refreshContent(db: Database): Promise<void> {
  const rows = await db.contentExercise.findMany({ select: { id: true, versionHash: true } });
  const serving: ContentExercise[] = [];
  for (const row of rows) {
    const current = servedContent(row.id);
    if (current?.version === row.versionHash) {
      serving.push(current);
      continue;
    }
    const loaded = await loadStoredVersion(db, row.id, row.versionHash);
    if (loaded) serving.push(loaded);
    else if (current) serving.push(current);
  }
  serveContent(serving);
}

async function loadStoredVersion(db: Database, id: string, hash: string): Promise<ContentExercise | null> {
  const files = await storedFiles(db, hash);
  if (!files) return null;
  return loadVersion(id, files).loaded ?? null;
}

// Per process, like the content it refreshes (exercises/registry.ts keeps that on globalThis too).
const refreshed = ((globalThis as { epochContentRefreshedAt?: { at: number } }).epochContentRefreshedAt ??= { at: 0 });

/** refreshContent at most once per `maxAgeMs` per process: cheap enough to call before every lookup that matters. */
export async function refreshContentIfStale(db: Database, maxAgeMs = 1000): Promise<void> {
  if (Date.now() - refreshed.at < maxAgeMs) return;
  refreshed.at = Date.now();
  await refreshContent(db);
}

/**
 * The exercise a submission is graded with: the version it recorded when it was made, loaded
 * from the database by hash if this host has not loaded it yet. Built-in exercises are this
 * deployment's code; a submission without a recorded version is graded with the one served now.
 */
export async function exerciseForGrading(db: Database, exerciseId: string, version: string | null): Promise<{ exercise: Exercise; version: string | null }> {
  if (isBuiltIn(exerciseId)) return { exercise: getExercise(exerciseId), version };
  const served = servedContent(exerciseId);
  if (version && served?.version !== version) {
    const loaded = await loadStoredVersion(db, exerciseId, version);
    if (loaded) return { exercise: loaded.exercise, version };
  }
  if (!served || !version) await refreshContent(db);
  const current = servedContent(exerciseId);
  return { exercise: getExercise(exerciseId), version: current?.version ?? version };
}

export interface VersionNote {
  readonly exerciseId: string;
  /** The version served now. */
  readonly current: string;
  /** Submissions graded with an older version, and the files that differ between those versions and the current one. */
  readonly olderSubmissions: number;
  readonly changedFiles: readonly string[];
  /** When the newest files failed validation at the last sync: what is wrong (the current version keeps serving). */
  readonly problems: readonly ContentProblem[];
}

/** For each content exercise among `exerciseIds` (with `itemIds` to count submissions in): whether a newer version exists than some submissions were graded with, and what changed. */
export async function versionNotes(db: Database, exerciseIds: readonly string[], itemIds?: readonly string[]): Promise<Map<string, VersionNote>> {
  const notes = new Map<string, VersionNote>();
  const rows = await db.contentExercise.findMany({ where: { id: { in: [...new Set(exerciseIds)] } } });
  if (rows.length === 0) return notes;
  const groups = await db.submission.groupBy({
    by: ["exerciseId", "exerciseVersion"],
    where: { exerciseId: { in: rows.map((row) => row.id) }, ...(itemIds ? { itemId: { in: [...itemIds] } } : {}) },
    _count: { _all: true },
  });
  for (const row of rows) {
    const older = groups.filter((group) => group.exerciseId === row.id && group.exerciseVersion !== null && group.exerciseVersion !== row.versionHash);
    const current = await storedFiles(db, row.versionHash);
    const changed = new Set<string>();
    for (const group of older) {
      const before = await storedFiles(db, group.exerciseVersion!);
      if (before && current) for (const name of changedFiles(before, current)) changed.add(name);
    }
    notes.set(row.id, {
      exerciseId: row.id,
      current: row.versionHash,
      olderSubmissions: older.reduce((total, group) => total + group._count._all, 0),
      changedFiles: [...changed].sort(),
      problems: row.problems ? (JSON.parse(row.problems) as ContentProblem[]) : [],
    });
  }
  return notes;
}

/** The report as lines of text, for the command line (the bank page shows the same report as a table). */
export function describeSyncReport(report: SyncReport): string[] {
  const short = (hash: string) => hash.slice(0, 12);
  const lines: string[] = [];
  for (const problem of report.folderProblems) lines.push(`✗ ${problem}`);
  for (const { id, version } of report.added) lines.push(`+ ${id}: added (version ${short(version)})`);
  for (const { id, from, to, changedFiles } of report.updated) lines.push(`~ ${id}: version ${short(from)} → ${short(to)} (changed: ${changedFiles.join(", ")})`);
  for (const id of report.unchanged) lines.push(`= ${id}: unchanged`);
  for (const { id, serving, problems } of report.broken) {
    lines.push(`✗ ${id}: not synced, ${serving ? `version ${short(serving)} keeps serving` : "not served (it has no valid version yet)"}`);
    for (const problem of problems) lines.push(`    ${formatProblem(problem).replace("\n", "\n    ")}`);
  }
  for (const { id, message } of report.refused) lines.push(`✗ ${id}: ${message}`);
  for (const id of report.removed) lines.push(`- ${id}: removed (nothing used it)`);
  return lines;
}

/** Whether the sync did everything it was asked (nothing broken, refused or unreadable). */
export function syncSucceeded(report: SyncReport): boolean {
  return report.broken.length === 0 && report.refused.length === 0 && report.folderProblems.length === 0;
}
