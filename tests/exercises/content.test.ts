/**
 * Course content folders: the authoring module, the loader's validation (each problem named by
 * file, field and fix), the refusal of imports other than the authoring module, and
 * `npm run exercises:check -- --dir` on a good and a broken folder.
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import * as authoring from "../../exercises/authoring.ts";
import * as core from "../../exercises/core/index.ts";
import { changedFiles, contentHash, readExerciseFolder } from "../../exercises/content/files.ts";
import { loadContentFolder, type ContentProblem } from "../../exercises/content/load.ts";
import { ContentFolder, EXAMPLE_CONTENT, EXAMPLE_EXERCISE } from "../support/content-folder.ts";

const run = promisify(execFile);

function problemsOf(folder: ContentFolder): ContentProblem[] {
  const { exercises, problems } = loadContentFolder(folder.dir);
  expect(exercises.map((e) => e.exercise.id)).not.toContain(EXAMPLE_EXERCISE);
  return problems;
}

describe("the authoring module", () => {
  it("offers the spec helpers, the seeded generator and the whole numerical core, under a version", () => {
    expect(authoring.AUTHORING_VERSION).toMatch(/^1\.\d+\.\d+$/);
    expect(authoring.AUTHORING_MODULE).toBe("@epoch/authoring");
    expect(typeof authoring.defineExercise).toBe("function");
    expect(authoring.out.vector()).toEqual({ kind: "array", items: { kind: "number" } });
    expect(new authoring.Rng(7).vector(3)).toEqual(new authoring.Rng(7).vector(3));
    for (const name of Object.keys(core)) expect(authoring, name).toHaveProperty(name);
  });
});

describe("an exercise folder's version", () => {
  it("is a hash of its files that ignores hidden files, and changes with any file", () => {
    const folder = new ContentFolder();
    const exercise = folder.path(EXAMPLE_EXERCISE);
    const before = readExerciseFolder(exercise);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["spec.ts", "statement.md", "solutions/correct.ts", "solutions/correct.py"]));
    folder.write(`${EXAMPLE_EXERCISE}/.notes`, "editor state");
    expect(contentHash(readExerciseFolder(exercise))).toBe(contentHash(before));
    folder.edit(`${EXAMPLE_EXERCISE}/solutions/correct.py`, "n = len(X)", "n = len(y)");
    folder.write(`${EXAMPLE_EXERCISE}/helpers.ts`, "export {};\n");
    const after = readExerciseFolder(exercise);
    expect(contentHash(after)).not.toBe(contentHash(before));
    expect(changedFiles(before, after)).toEqual(["helpers.ts", "solutions/correct.py"]);
  });
});

describe("loading a content folder", () => {
  it("loads the example exercise with no problem, under a version that is a hash of its files", () => {
    const { exercises, problems } = loadContentFolder(EXAMPLE_CONTENT);
    expect(problems).toEqual([]);
    expect(exercises.map((e) => e.exercise.id)).toEqual([EXAMPLE_EXERCISE]);
    const [loaded] = exercises;
    expect(loaded!.version).toBe(contentHash(readExerciseFolder(`${EXAMPLE_CONTENT}/${EXAMPLE_EXERCISE}`)));
    const [first, second] = loaded!.exercise.solve(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [1, 2],
        [0, 0],
        0.1,
      ],
      {},
    ) as number[];
    expect(first).toBeCloseTo(0.7, 12);
    expect(second).toBeCloseTo(1, 12);
    expect(loaded!.files.statement).toMatch(/^# One step of gradient descent/);
  });

  it("names the file, the field and the fix for a spec that breaks the schema", () => {
    const folder = new ContentFolder();
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, /summary: ".*",/, 'summary: "Short",');
    const problems = problemsOf(folder);
    expect(problems).toEqual([
      expect.objectContaining({ file: `${EXAMPLE_EXERCISE}/spec.ts`, field: "summary", fix: expect.stringContaining("One sentence for the exercise bank") }),
    ]);
    expect(problems[0]!.message).toMatch(/10/);
  });

  it("names an unknown field and says to remove it", () => {
    const folder = new ContentFolder();
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, 'difficulty: "warm-up",', 'difficulty: "warm-up",\n  level: 3,');
    expect(problemsOf(folder)).toEqual([expect.objectContaining({ file: `${EXAMPLE_EXERCISE}/spec.ts`, field: "level", fix: expect.stringContaining('remove "level"') })]);
  });

  it("refuses an import of anything but the authoring module, naming the import", () => {
    const folder = new ContentFolder();
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, /^/, 'import { readFileSync } from "node:fs";\nvoid readFileSync;\n');
    expect(problemsOf(folder)).toEqual([
      expect.objectContaining({
        file: `${EXAMPLE_EXERCISE}/spec.ts`,
        field: "import",
        message: expect.stringContaining('imports "node:fs"'),
        fix: expect.stringContaining("@epoch/authoring"),
      }),
    ]);
    const other = new ContentFolder();
    other.edit(`${EXAMPLE_EXERCISE}/spec.ts`, /^/, 'import { variantFor } from "../../../../exercises/spec/variant.ts";\nvoid variantFor;\n');
    expect(problemsOf(other)[0]).toMatchObject({ field: "import", message: expect.stringContaining("exercises/spec/variant.ts") });
  });

  it("lets an exercise import a helper file of its own folder", () => {
    const folder = new ContentFolder();
    folder.write(`${EXAMPLE_EXERCISE}/helpers.ts`, 'import { dot } from "@epoch/authoring";\nexport const residual = (x: number[], w: number[], y: number) => dot(x, w) - y;\n');
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, /^/, 'import { residual } from "./helpers.ts";\nvoid residual;\n');
    const { exercises, problems } = loadContentFolder(folder.dir);
    expect(problems).toEqual([]);
    expect(exercises).toHaveLength(1);
  });

  it("says when the spec's id is not the folder's name, or is a built-in exercise's", () => {
    const folder = new ContentFolder();
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, `id: "${EXAMPLE_EXERCISE}"`, 'id: "gradient-steps"');
    expect(problemsOf(folder)).toEqual([expect.objectContaining({ field: "id", fix: expect.stringContaining(`id: "${EXAMPLE_EXERCISE}"`) })]);
    const builtIn = new ContentFolder();
    builtIn.copyExercise("forward-pass");
    rmSync(builtIn.path(EXAMPLE_EXERCISE), { recursive: true });
    expect(loadContentFolder(builtIn.dir).problems).toContainEqual(
      expect.objectContaining({ file: "forward-pass/spec.ts", field: "id", message: expect.stringContaining("built-in") }),
    );
  });

  it("names a missing file and what to put in it", () => {
    const folder = new ContentFolder();
    rmSync(folder.path(`${EXAMPLE_EXERCISE}/starter.py`));
    expect(problemsOf(folder)).toEqual([expect.objectContaining({ file: `${EXAMPLE_EXERCISE}/starter.py`, fix: expect.stringContaining("def ") })]);
    mkdirSync(folder.path("empty-exercise"));
    expect(loadContentFolder(folder.dir).problems).toContainEqual(expect.objectContaining({ file: "empty-exercise/spec.ts", message: "there is no spec.ts" }));
  });

  it("runs the bank's static checks: a reference that disagrees with finite differences is reported on solve", () => {
    const folder = new ContentFolder();
    folder.edit(
      `${EXAMPLE_EXERCISE}/spec.ts`,
      "const g = gradient(X, y, w);\n    return w.map((wj, j) => wj - learningRate",
      "const g = gradient(X, y, w, 1);\n    return w.map((wj, j) => wj - learningRate",
    );
    const problems = problemsOf(folder);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: `${EXAMPLE_EXERCISE}/spec.ts`, field: "solve", message: expect.stringContaining("finite differences") });
  });
});

async function check(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["grader/cli/check-exercises.ts", "--dir", dir], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("npm run exercises:check -- --dir", () => {
  it("passes the example folder: reference on many seeds, starter fails, finite differences, mistakes explained", async () => {
    const { code, stdout } = await check(EXAMPLE_CONTENT);
    expect(code).toBe(0);
    expect(stdout).toContain(`ok   ${EXAMPLE_EXERCISE}`);
    expect(stdout).toContain("reference gradients agree with finite differences");
    expect(stdout).toMatch(/TypeScript: the correct solution gets full marks for seeds/);
    expect(stdout).toMatch(/Python: the starter code does not pass/);
    expect(stdout).toMatch(/missing-factor-two .* lose marks and are explained/);
  }, 120_000);

  it("fails a broken folder naming the file, the field and the fix", async () => {
    const folder = new ContentFolder();
    folder.copyExercise("gradient-step-two");
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, /title: ".*",/, 'title: "GD",');
    // A starter that already solves the exercise: only the sandbox check finds that.
    folder.write("gradient-step-two/starter.ts", folder.read("gradient-step-two/solutions/correct.ts"));
    const { code, stdout } = await check(folder.dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL ${EXAMPLE_EXERCISE}`);
    expect(stdout).toContain(`${EXAMPLE_EXERCISE}/spec.ts › title:`);
    expect(stdout).toMatch(/Fix: title is: Title shown in lists/);
    expect(stdout).toContain("FAIL gradient-step-two");
    expect(stdout).toMatch(/\[starter\] gradient-step-two\/starter\.ts: the TypeScript starter code passes every test\n\s+Fix: The starter must/);
  }, 120_000);
});
