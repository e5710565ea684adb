/**
 * Course content in Chromium against the production build: the test writes a content folder
 * the app was started with, an instructor syncs it from the bank page, adds the new exercise to
 * a set in the set builder, and a student solves it. Then a broken spec is reported by the sync
 * with its file and field while the last good version keeps serving, and a good change shows in
 * the set builder as a newer version with the files that changed.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import { EXAMPLE_CONTENT, EXAMPLE_EXERCISE } from "../support/content-folder.ts";
import type { SeededCourse } from "../support/course-data.ts";
import { expectNoProblems, openExercise, pasteIntoEditor, submitAndWait } from "../support/page-helpers.ts";

const CONTENT_DIR = mkdtempSync(join(tmpdir(), "epoch-browser-content-"));
const suite = useBrowserApp({ extraEnv: { EPOCH_CONTENT_DIRS: CONTENT_DIR } });
const TITLE = "One step of gradient descent";
const SPEC = join(CONTENT_DIR, EXAMPLE_EXERCISE, "spec.ts");

function editFile(path: string, from: RegExp | string, to: string): void {
  const before = readFileSync(path, "utf8");
  const after = before.replace(from, to);
  expect(after, `${path} did not change`).not.toBe(before);
  writeFileSync(path, after);
}

/** Presses "Sync content" on the bank page and waits for the report. */
async function syncContent(page: Page, course: SeededCourse): Promise<void> {
  await page.goto(`${course.path}/bank`);
  const section = page.getByTestId("content-sync");
  await section.getByRole("button", { name: "Sync content" }).click();
  await section.getByTestId("sync-report").waitFor();
}

describe("course content", () => {
  it("an instructor syncs a new exercise, puts it in a set, a student solves it; a broken spec is reported while the last good version serves", async () => {
    const course = await suite.data.course({ students: 1, sets: [{ title: "Week 3 — Optimisation", items: [["cosine-similarity", 5]] }] });
    const set = course.sets[0]!;
    // The course's own folder, written as an instructor would (the exercise is not in the built-in bank).
    cpSync(join(EXAMPLE_CONTENT, EXAMPLE_EXERCISE), join(CONTENT_DIR, EXAMPLE_EXERCISE), { recursive: true });

    const { page, problems } = await suite.pageAs(course.instructor.email);
    await syncContent(page, course);
    await page.getByTestId("sync-added").filter({ hasText: EXAMPLE_EXERCISE }).waitFor();
    await page.locator(`[data-testid="bank-entry"][data-exercise-id="${EXAMPLE_EXERCISE}"]`).waitFor();

    // The set builder finds it in the bank and adds it.
    await page.goto(`${course.path}/sets/${set.id}/edit`);
    const picker = page.getByTestId("bank-picker");
    await picker.getByLabel("Search the bank").fill("gradient descent");
    await picker.getByRole("button", { name: `Add ${TITLE}` }).click();
    const items = page.getByTestId("set-items");
    await items.getByRole("button", { name: "Save exercises" }).click();
    await items.getByRole("status").filter({ hasText: "Exercises saved." }).waitFor();
    const item = await suite.data.db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id, exerciseId: EXAMPLE_EXERCISE } });
    expectNoProblems(problems);

    // The student solves it.
    const student = await suite.pageAs(course.students[0]!.email);
    await openExercise(student.page, item.id);
    await student.page.getByRole("heading", { name: TITLE }).first().waitFor();
    const correct = readFileSync(join(CONTENT_DIR, EXAMPLE_EXERCISE, "solutions", "correct.ts"), "utf8");
    await pasteIntoEditor(student.page, correct);
    expect((await submitAndWait(student.page)).verdict).toBe("passed");
    const firstVersion = (await suite.data.db.submission.findFirstOrThrow({ where: { itemId: item.id } })).exerciseVersion;
    expect(firstVersion).toMatch(/^[0-9a-f]{64}$/);

    // A broken spec: the sync names the file and the field; the last good version keeps serving.
    const goodSpec = readFileSync(SPEC, "utf8");
    editFile(SPEC, /summary: ".*",/, 'summary: "Short",');
    await syncContent(page, course);
    const broken = page.locator(`[data-testid="sync-broken"][data-exercise-id="${EXAMPLE_EXERCISE}"]`);
    await broken.waitFor();
    expect(await broken.textContent()).toContain("keeps serving");
    const problem = broken.getByTestId("sync-problem").first();
    expect(await problem.getAttribute("data-file")).toBe(`${EXAMPLE_EXERCISE}/spec.ts`);
    expect(await problem.getAttribute("data-field")).toBe("summary");
    expect(await problem.textContent()).toContain("One sentence for the exercise bank");

    await student.page.reload();
    await student.page.getByRole("heading", { name: TITLE }).first().waitFor();
    await pasteIntoEditor(student.page, correct);
    expect((await submitAndWait(student.page)).verdict).toBe("passed");
    const versions = await suite.data.db.submission.findMany({ where: { itemId: item.id, kind: "submit" }, select: { exerciseVersion: true } });
    expect(versions.map((v) => v.exerciseVersion)).toEqual([firstVersion, firstVersion]);

    // A good change: synced, and the set builder says the student's work was graded with an older version.
    writeFileSync(SPEC, goodSpec);
    editFile(join(CONTENT_DIR, EXAMPLE_EXERCISE, "statement.md"), "Write `gradientStep", "Write the function `gradientStep");
    await syncContent(page, course);
    await page.getByTestId("sync-updated").filter({ hasText: "statement.md" }).waitFor();
    await page.goto(`${course.path}/sets/${set.id}/edit`);
    const note = page.locator(`[data-testid="version-note"][data-exercise-id="${EXAMPLE_EXERCISE}"]`);
    await note.waitFor();
    expect(await note.textContent()).toMatch(/2 submissions were graded with; changed: statement\.md/);
    expectNoProblems(problems);
    expectNoProblems(student.problems);
  });
});
