/**
 * Calculation questions in Chromium against the production build: a student answers a matrix
 * question by typing and by pasting, gets it wrong then right with feedback per part; an
 * exam-practice set mixes a code exercise and a calculation; a TA reads the answers.
 */
import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { referenceAnswers } from "../../exercises/calculation/bank.ts";
import { findCalculation } from "../../exercises/registry.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import { useBrowserApp } from "../support/browser-app.ts";
import { expectNoProblems, submitAndWait, typeIntoEditor } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();
const kmeans = findCalculation("kmeans-step-by-hand")!;

/** A paste event carrying `text`, as the clipboard gives it, on a field. */
async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function submitAnswers(page: Page): Promise<Locator> {
  const previous = (await page.getByTestId("history-row").count()) + 1;
  await page.getByTestId("submit-answers").click();
  await page
    .getByTestId("history-row")
    .nth(previous - 1)
    .waitFor();
  return page.getByTestId("answer-result");
}

function referenceFor(studentId: string, itemId: string) {
  const reference = referenceAnswers(kmeans, variantSeed(studentId, itemId));
  return { assignments: reference.assignments as number[], centroids: reference.centroids as number[][] };
}

describe("a student answering a matrix calculation", () => {
  it("types a wrong matrix, sees which part is wrong, pastes the right one and gets full marks", async () => {
    const course = await suite.data.course({ students: 1, sets: [{ title: "Week 3 — Clustering", items: [["kmeans-step-by-hand", 6]] }] });
    const student = course.students[0]!;
    const itemId = course.sets[0]!.itemIds["kmeans-step-by-hand"]!;
    const { assignments, centroids } = referenceFor(student.id, itemId);
    const { page, problems } = await suite.pageAs(student.email);
    await page.goto(`/items/${itemId}`);
    await page.getByTestId("answer-form").waitFor();
    expect(await page.getByTestId("statement").locator(".katex").count()).toBeGreaterThan(3);
    expect(await page.locator(".monaco-editor").count()).toBe(0);

    // Nothing is sent while a field is empty: that would only cost an attempt.
    await page.getByTestId("submit-answers").click();
    await expect(page.getByTestId("problem").textContent()).resolves.toBe("Part 1: Entry 1 is empty. Nothing was submitted.");
    expect(await page.getByTestId("history-row").count()).toBe(0);

    // Typed: the assignments right, one centroid entry wrong.
    const clusters = page.getByTestId("answer-assignments");
    for (const [i, cluster] of assignments.entries()) await clusters.nth(i).fill(String(cluster));
    const cells = page.getByTestId("answer-centroids");
    expect(await cells.count()).toBe(4);
    for (const [i, row] of centroids.entries()) for (const [j, value] of row.entries()) await cells.nth(2 * i + j).fill((i === 1 && j === 1 ? value + 2 : value).toFixed(3));
    let result = await submitAnswers(page);
    await expect(result.textContent()).resolves.toContain("1 of 2 parts correct");
    await expect(page.getByTestId("part-feedback-assignments").getAttribute("data-status")).resolves.toBe("passed");
    const wrong = page.getByTestId("part-feedback-centroids");
    await expect(wrong.getAttribute("data-status")).resolves.toBe("failed");
    await expect(wrong.textContent()).resolves.toContain("1 of 4 entries are wrong");
    // The reference is never on the student's page, only whether the part is right.
    expect(await wrong.textContent()).not.toContain(centroids[1]![1]!.toFixed(3));

    // Pasted: a transposed 3×2 grid is refused with its reason; a NumPy array fills the grid.
    await pasteInto(cells.first(), "1\t2\n3\t4\n5\t6");
    await expect(page.getByTestId("paste-problem-centroids").textContent()).resolves.toContain("the paste is 3×2");
    await pasteInto(cells.nth(3), `np.array([[${centroids[0]!.join(", ")}],\n [${centroids[1]!.join(", ")}]])`);
    await expect(cells.nth(3).inputValue()).resolves.toBe(String(centroids[1]![1]));
    await expect(page.getByTestId("paste-problem-centroids").count()).resolves.toBe(0);
    // Cells copied from a spreadsheet fill a vector from any of its fields.
    await pasteInto(clusters.nth(2), assignments.join("\t"));
    await expect(clusters.nth(4).inputValue()).resolves.toBe(String(assignments[4]));
    result = await submitAnswers(page);
    await expect(result.textContent()).resolves.toContain("All 2 parts correct");
    await expect(result.textContent()).resolves.toContain("6 / 6");
    await expect(page.getByTestId("part-feedback-centroids").getAttribute("data-status")).resolves.toBe("passed");
    await page.getByTestId("counted-score").and(page.locator('[data-points="6"]')).waitFor();
    expect(await page.getByTestId("history-row").count()).toBe(2);

    mkdirSync("tests/artifacts", { recursive: true });
    await page.screenshot({ path: "tests/artifacts/calculation-page.png", fullPage: true });
    expectNoProblems(problems);
  });
});

describe("an exam-practice set mixing code and a calculation", () => {
  it("the student starts it, submits code and answers; the TA reads the answers", async () => {
    const course = await suite.data.course({
      students: 1,
      sets: [
        {
          title: "Exam practice — mixed",
          kind: "exam_practice",
          items: [
            ["forward-pass", 10],
            ["kmeans-step-by-hand", 6],
          ],
          timeLimitMinutes: 30,
          lateWork: "refuse",
        },
      ],
    });
    const student = course.students[0]!;
    const { id: setId, itemIds } = course.sets[0]!;
    const { page, problems } = await suite.pageAs(student.email);
    await page.goto(`/sets/${setId}`);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId("start-exam").click();
    await page.getByTestId("exam-clock").waitFor();
    const rows = page.getByTestId("set-item");
    await expect(rows.allTextContents()).resolves.toEqual([expect.stringContaining("Forward pass through a dense network"), expect.stringContaining(kmeans.title)]);

    await rows.nth(0).getByRole("link").click();
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    await typeIntoEditor(page, solution("forward-pass", "correct"));
    expect((await submitAndWait(page)).verdict).toBe("passed");

    await page.getByRole("link", { name: "Next →" }).click();
    await page.getByTestId("answer-form").waitFor();
    await page.getByTestId("exam-clock").waitFor();
    const { assignments, centroids } = referenceFor(student.id, itemIds["kmeans-step-by-hand"]!);
    await pasteInto(page.getByTestId("answer-assignments").first(), `[${assignments.join(", ")}]`);
    await pasteInto(page.getByTestId("answer-centroids").first(), centroids.map((row) => row.join("\t")).join("\n"));
    const result = await submitAnswers(page);
    await expect(result.textContent()).resolves.toContain("All 2 parts correct");
    expectNoProblems(problems);

    const staff = await suite.pageAs(course.ta.email);
    await staff.page.goto(`/courses/${course.id}/review`);
    const answerRow = staff.page.locator('[data-testid="review-row"]', { hasText: kmeans.title });
    await expect(answerRow.getByTestId("review-language").textContent()).resolves.toBe("Answers");
    await answerRow.getByRole("link").first().click();
    await staff.page.getByTestId("review-answers").waitFor();
    await expect(staff.page.getByTestId("review-answer-centroids").locator("td").allTextContents()).resolves.toEqual(centroids.flat().map(String));
    await expect(staff.page.getByTestId("review-language").textContent()).resolves.toBe("Answers");
    expectNoProblems(staff.problems);
  });
});
