/**
 * Course content synced into a running app and grader host, on a real database and sandbox:
 * versions by hash, the last good version serving when new files are broken, submissions
 * recording (and being graded with) their version, syncs by another process picked up without a
 * restart, and deletion refused while an exercise is in use.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import { ContentFolder, EXAMPLE_EXERCISE } from "../support/content-folder.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

const folder = new ContentFolder();
process.env.EPOCH_CONTENT_DIRS = folder.dir;
await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { createSubmission, readSubmission } = await import("../../app/_server/submissions.ts");
const { brokenContent, syncCourseContent, courseVersionNotes } = await import("../../app/_server/staff/content.ts");
const { exercisePage } = await import("../../app/_server/exercise-page.ts");
const { applyRegrade, regradeRun, requestRegrade } = await import("../../app/_server/staff/regrade.ts");
const { statusOf } = await import("../support/request-status.ts");
const { GraderHost } = await import("../../grader/host/host.ts");
const { exerciseVersion, findExercise } = await import("../../exercises/registry.ts");
const { contentHash, readExerciseFolder } = await import("../../exercises/content/files.ts");

const run = promisify(execFile);
const instructor: Viewer = { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing" };
const ta: Viewer = { id: "demo-ta", email: "ta@epoch.test", name: "Grace Hopper" };
const student: Viewer = { id: "demo-student", email: "student@epoch.test", name: "Ada Lovelace" };
const ITEM = "content-gradient-step";
const correct = () => folder.read(`${EXAMPLE_EXERCISE}/solutions/correct.ts`);
const versionOnDisk = () => contentHash(readExerciseFolder(folder.path(EXAMPLE_EXERCISE)));

let host: InstanceType<typeof GraderHost>;
beforeAll(async () => {
  const db = await database();
  host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
  await host.start();
});
afterAll(async () => {
  await host.stop();
});

async function graded(id: string) {
  for (let i = 0; i < 600; i++) {
    const current = await readSubmission(student, id);
    if (current.status === "graded") return current;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`submission ${id} was not graded`);
}

async function storedVersion(id: string): Promise<string | null> {
  const db = await database();
  return (await db.submission.findUniqueOrThrow({ where: { id } })).exerciseVersion;
}

describe("syncing course content", () => {
  let first: string;

  it("is refused to a TA and done for an instructor: the new exercise is served at once", async () => {
    expect(findExercise(EXAMPLE_EXERCISE)).toBeUndefined();
    expect(await statusOf(syncCourseContent(ta, "ml101"))).toBe(403);
    const report = await syncCourseContent(instructor, "ml101");
    first = versionOnDisk();
    expect(report.added).toEqual([{ id: EXAMPLE_EXERCISE, version: first }]);
    expect(report.broken).toEqual([]);
    expect(findExercise(EXAMPLE_EXERCISE)?.title).toBe("One step of gradient descent");
    expect(exerciseVersion(EXAMPLE_EXERCISE)).toBe(first);
    expect((await syncCourseContent(instructor, "ml101")).unchanged).toEqual([EXAMPLE_EXERCISE]);
  });

  it("serves the exercise in a set: a student's submission records its version and passes", async () => {
    const db = await database();
    await db.problemSetItem.create({ data: { id: ITEM, problemSetId: "ml101-week1", exerciseId: EXAMPLE_EXERCISE, points: 10, position: 99 } });
    const page = await exercisePage(student, ITEM);
    expect(JSON.stringify(page)).toContain("One step of gradient descent");
    const submission = await createSubmission(student, { itemId: ITEM, kind: "submit", language: "typescript", code: correct() });
    expect(await storedVersion(submission.id)).toBe(first);
    expect(await graded(submission.id)).toMatchObject({ autoPoints: 10, result: { verdict: "passed" } });
  });

  it("serves a changed exercise in its new version, says which files changed, and grades older submissions with their own version", async () => {
    folder.edit(`${EXAMPLE_EXERCISE}/statement.md`, "# One step of gradient descent", "# One step of gradient descent (revised)");
    // One more hidden test: a submission graded with this version has 6 tests, with the first 5.
    folder.edit(
      `${EXAMPLE_EXERCISE}/spec.ts`,
      '{ name: "one point, one weight"',
      '{ name: "two points, three weights", args: randomProblem(rng, 2, 3) },\n      { name: "one point, one weight"',
    );
    const db = await database();
    // Queued before the sync, under the first version; graded after it.
    await host.stop();
    const older = await createSubmission(student, { itemId: ITEM, kind: "submit", language: "typescript", code: correct() });
    const report = await syncCourseContent(instructor, "ml101");
    const second = versionOnDisk();
    expect(report.updated).toEqual([{ id: EXAMPLE_EXERCISE, from: first, to: second, changedFiles: ["spec.ts", "statement.md"] }]);
    const notes = await courseVersionNotes(instructor, "ml101", [EXAMPLE_EXERCISE]);
    expect(notes).toEqual([expect.objectContaining({ exerciseId: EXAMPLE_EXERCISE, current: second, olderSubmissions: 2, changedFiles: ["spec.ts", "statement.md"] })]);

    host = new GraderHost(db, { poolSize: 1, log: () => {}, checkExercises: false });
    await host.start();
    const newer = await createSubmission(student, { itemId: ITEM, kind: "submit", language: "typescript", code: correct() });
    expect(await storedVersion(older.id)).toBe(first);
    expect(await storedVersion(newer.id)).toBe(second);
    const [olderResult, newerResult] = await Promise.all([graded(older.id), graded(newer.id)]);
    expect(olderResult.result?.tests).toHaveLength(5);
    expect(newerResult.result?.tests).toHaveLength(6);
    expect(newerResult.result?.verdict).toBe("passed");
  });

  it("reports a broken spec by file and field and keeps serving the last good version", async () => {
    const good = versionOnDisk();
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, /summary: ".*",/, 'summary: "Too short",');
    const report = await syncCourseContent(instructor, "ml101");
    expect(report.broken).toEqual([
      {
        id: EXAMPLE_EXERCISE,
        serving: good,
        problems: [expect.objectContaining({ file: `${EXAMPLE_EXERCISE}/spec.ts`, field: "summary", fix: expect.stringContaining("One sentence") })],
      },
    ]);
    expect(exerciseVersion(EXAMPLE_EXERCISE)).toBe(good);
    const notes = await courseVersionNotes(instructor, "ml101", [EXAMPLE_EXERCISE]);
    expect(notes[0]!.problems).toEqual([expect.objectContaining({ field: "summary" })]);
    expect(await brokenContent(ta, "ml101")).toEqual([{ id: EXAMPLE_EXERCISE, serving: good, problems: [expect.objectContaining({ field: "summary" })] }]);
    const submission = await createSubmission(student, { itemId: ITEM, kind: "submit", language: "typescript", code: correct() });
    expect(await storedVersion(submission.id)).toBe(good);
    expect(await graded(submission.id)).toMatchObject({ result: { verdict: "passed" } });
  });

  it("picks up a sync by another process (npm run content:sync) without a restart", async () => {
    folder.edit(`${EXAMPLE_EXERCISE}/spec.ts`, 'summary: "Too short",', 'summary: "Take one gradient-descent step on the mean squared error of a linear model.",');
    const fixed = versionOnDisk();
    const { stdout } = await run(process.execPath, ["prisma/content-sync.ts"], { env: { ...process.env } });
    expect(stdout).toContain(`~ ${EXAMPLE_EXERCISE}: version`);
    await new Promise((r) => setTimeout(r, 1100));
    await database();
    expect(exerciseVersion(EXAMPLE_EXERCISE)).toBe(fixed);
    expect(await brokenContent(instructor, "ml101")).toEqual([]);
  });

  it("is graded by a grader host elsewhere, without the content folder: it loads the version from the database by hash", async () => {
    await host.stop();
    // Another machine, as far as content goes: no content folder, an empty temporary folder.
    const elsewhere = mkdtempSync(join(tmpdir(), "epoch-other-host-"));
    const other = spawn(process.execPath, ["grader/host/host.ts"], {
      env: { ...process.env, EPOCH_CONTENT_DIRS: "", TMPDIR: elsewhere, GRADER_POOL_SIZE: "1", GRADER_CHECK_EXERCISES: "0", GRADER_HOST_NAME: "other-machine" },
      stdio: "ignore",
    });
    try {
      const submission = await createSubmission(student, { itemId: ITEM, kind: "submit", language: "typescript", code: correct() });
      const version = await storedVersion(submission.id);
      expect(await graded(submission.id)).toMatchObject({ result: { verdict: "passed" } });
      const db = await database();
      expect((await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).graderHost).toBe("other-machine");
      expect(existsSync(join(elsewhere, "epoch-content-versions", version!, EXAMPLE_EXERCISE, "spec.ts"))).toBe(true);
    } finally {
      other.kill("SIGTERM");
      await new Promise((resolve) => other.once("exit", resolve));
      host = new GraderHost(await database(), { poolSize: 1, log: () => {}, checkExercises: false });
      await host.start();
    }
  });

  it("a regrade grades with the version served now, and applying it records that version on the submissions", async () => {
    const current = exerciseVersion(EXAMPLE_EXERCISE);
    expect((await courseVersionNotes(instructor, "ml101", [EXAMPLE_EXERCISE]))[0]!.olderSubmissions).toBeGreaterThan(0);
    const { runId } = await requestRegrade(instructor, "ml101", { exerciseId: EXAMPLE_EXERCISE });
    for (let i = 0; i < 600 && (await regradeRun(instructor, runId)).status !== "ready"; i++) await new Promise((r) => setTimeout(r, 25));
    await applyRegrade(instructor, runId);
    const db = await database();
    const versions = await db.submission.findMany({ where: { itemId: ITEM }, select: { exerciseVersion: true } });
    expect(new Set(versions.map((v) => v.exerciseVersion))).toEqual(new Set([current]));
    expect((await courseVersionNotes(instructor, "ml101", [EXAMPLE_EXERCISE]))[0]!.olderSubmissions).toBe(0);
  });

  it("refuses to delete an exercise in use, and removes one nothing uses", async () => {
    folder.copyExercise("gradient-step-spare");
    expect((await syncCourseContent(instructor, "ml101")).added.map((a) => a.id)).toEqual(["gradient-step-spare"]);
    rmSync(folder.path(EXAMPLE_EXERCISE), { recursive: true });
    rmSync(folder.path("gradient-step-spare"), { recursive: true });
    const report = await syncCourseContent(instructor, "ml101");
    expect(report.removed).toEqual(["gradient-step-spare"]);
    expect(report.refused).toEqual([{ id: EXAMPLE_EXERCISE, message: expect.stringMatching(/submissions and 1 set item use it: renaming or deleting .* is refused/) }]);
    expect(report.refused[0]!.message).toContain(`put the folder back as ${folder.path(EXAMPLE_EXERCISE)}`);
    expect(findExercise(EXAMPLE_EXERCISE)).toBeDefined();
    expect(findExercise("gradient-step-spare")).toBeUndefined();
  });
});
