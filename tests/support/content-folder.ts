/**
 * Content folders for tests: a copy of the example course content (tests/content/ml101) in a
 * temporary folder, which a test edits as an instructor would.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const EXAMPLE_CONTENT = join(process.cwd(), "tests", "content", "ml101");
export const EXAMPLE_EXERCISE = "gradient-step";

export class ContentFolder {
  readonly dir: string;
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "epoch-content-"));
    cpSync(EXAMPLE_CONTENT, this.dir, { recursive: true });
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), "utf8");
  }

  write(file: string, text: string): void {
    writeFileSync(this.path(file), text);
  }

  /** Replaces `from` (which must occur) with `to` in a file. */
  edit(file: string, from: string | RegExp, to: string): void {
    const before = this.read(file);
    const after = before.replace(from, to);
    if (after === before) throw new Error(`${file} does not contain ${String(from)}`);
    this.write(file, after);
  }

  /** Copies the example exercise under another id (folder and spec id). */
  copyExercise(id: string): void {
    cpSync(this.path(EXAMPLE_EXERCISE), this.path(id), { recursive: true });
    this.edit(`${id}/spec.ts`, `id: "${EXAMPLE_EXERCISE}"`, `id: "${id}"`);
  }
}
