/**
 * An exercise folder as data: every file's text by its path inside the folder. Versions are
 * named by a hash of this, so the same files always give the same version on every host.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Path inside the exercise folder (always with `/`) → the file's text. */
export type FolderFiles = Readonly<Record<string, string>>;

/** Exercise folders are a few small text files; anything bigger is a mistake (a data dump, a build folder). */
export const MAX_FILES_PER_EXERCISE = 200;
export const MAX_FILE_BYTES = 512 * 1024;

export class FolderError extends Error {
  override name = "FolderError";
}

/** Reads every file under `folder` (hidden files and folders, such as .git, are left out). */
export function readExerciseFolder(folder: string): FolderFiles {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const name = relative(folder, path).split(sep).join("/");
        if (statSync(path).size > MAX_FILE_BYTES) throw new FolderError(`${name} is larger than ${MAX_FILE_BYTES / 1024} KB: exercise folders hold only small text files`);
        files[name] = readFileSync(path, "utf8");
        if (Object.keys(files).length > MAX_FILES_PER_EXERCISE) throw new FolderError(`more than ${MAX_FILES_PER_EXERCISE} files: exercise folders hold only small text files`);
      }
    }
  };
  walk(folder);
  return files;
}

/** sha256 over the sorted paths and texts: equal for equal folders, whatever the order they were read in. */
export function contentHash(files: FolderFiles): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  return hash.digest("hex");
}

/** Files added, removed or edited from one version to the next, sorted. */
export function changedFiles(before: FolderFiles, after: FolderFiles): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
