/**
 * Every page as a student, a TA and an instructor, checked by axe-core in Chromium: no violation
 * at the "serious" or "critical" level. Also the keyboard (a skip link, visible focus, the
 * shortcuts named on Run and Submit) and the screenshots the README shows.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import { openPage } from "../support/browser.ts";
import type { SeededCourse } from "../support/course-data.ts";
import { expectNoProblems, openExercise, pasteIntoEditor, submitAndWait, typeIntoEditor } from "../support/page-helpers.ts";
import { solution } from "../support/solutions.ts";

const suite = useBrowserApp();
const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const ARTIFACTS = "tests/artifacts";

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Opens each path and collects its violations, keyed by path, so one failure names every page at fault. */
async function auditPages(page: Page, paths: readonly string[], ready: (path: string) => Promise<void> = async () => {}): Promise<Record<string, Violation[]>> {
  const found: Record<string, Violation[]> = {};
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await ready(path);
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[path] = violations;
  }
  return found;
}

let course: SeededCourse;
let weeklyItem: string;
let submissionId: string;

beforeAll(async () => {
  course = await suite.data.course({
    students: 3,
    sets: [
      {
        title: "Week 1 — Neural network basics",
        items: [
          ["forward-pass", 10],
          ["mlp-parameter-count", 5],
        ],
      },
      { title: "Exam practice", kind: "exam_practice", timeLimitMinutes: 30, items: [["backprop-warmup", 5]] },
    ],
  });
  weeklyItem = course.sets[0]!.itemIds["forward-pass"]!;
  const [first, second, third] = course.students;
  submissionId = await suite.data.submit(first!, weeklyItem, solution("forward-pass", "missing-bias"), { minutesAgo: 30 });
  const others = [
    await suite.data.submit(first!, weeklyItem, solution("forward-pass", "correct"), { minutesAgo: 20 }),
    await suite.data.submit(second!, weeklyItem, solution("forward-pass", "no-activation"), { minutesAgo: 15 }),
    await suite.data.submit(third!, course.sets[0]!.itemIds["mlp-parameter-count"]!, solution("mlp-parameter-count", "correct"), { minutesAgo: 10 }),
  ];
  await suite.data.waitUntilGraded([submissionId, ...others]);
  await suite.data.review(submissionId, course.ta, { comment: { body: "Where does the bias go?", line: 3 } });
});

/** Monaco loads after the page; the exercise page is audited with its editor in place. */
const editorReady = async (page: Page, path: string) => {
  if (path.startsWith("/items/")) await page.locator(".monaco-editor .view-lines").first().waitFor();
};

const staffPaths = () => [
  "/",
  course.path,
  `${course.path}/review`,
  `${course.path}/review/${submissionId}`,
  `${course.path}/gradebook`,
  `${course.path}/analytics`,
  `${course.path}/bank`,
  `${course.path}/bank/forward-pass`,
  `${course.path}/regrades`,
  `${course.path}/roster`,
  `/sets/${course.sets[0]!.id}`,
  `/items/${weeklyItem}`,
];

describe("axe-core finds no serious or critical violation", () => {
  it("on the pages a signed-out visitor sees", async () => {
    const { page } = await openPage(suite.browser, suite.app.baseUrl);
    const found = await auditPages(page, ["/login", "/reset/not-a-real-link"]);
    await page.goto("/no-such-page");
    const notFound = await seriousViolations(page);
    if (notFound.length > 0) found["/no-such-page"] = notFound;
    expect(found).toEqual({});
  });

  it("on every page a student sees, the exercise page with its results too", async () => {
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    const found = await auditPages(page, ["/", `/sets/${course.sets[0]!.id}`, `/sets/${course.sets[1]!.id}`, `/items/${weeklyItem}`], (path) => editorReady(page, path));
    // With a result, the history and a comment shown.
    await typeIntoEditor(page, "export function forward(x: number[]): number[] {\n  return x +;\n}\n");
    await submitAndWait(page, "run");
    const withResults = await seriousViolations(page);
    if (withResults.length > 0) found["/items (with results)"] = withResults;
    await page.goto("/items/not-an-item");
    const notFound = await seriousViolations(page);
    if (notFound.length > 0) found["/items/not-an-item"] = notFound;
    expect(found).toEqual({});
    // The one 404 asked for above is reported by Chromium as a console error; nothing else may be.
    const notFoundError = "Failed to load resource: the server responded with a status of 404 (Not Found)";
    expect(problems.consoleErrors.filter((text) => text === notFoundError)).toHaveLength(1);
    problems.consoleErrors.splice(problems.consoleErrors.indexOf(notFoundError), 1);
    expectNoProblems(problems);
  });

  it("on every page a TA sees", async () => {
    const { page } = await suite.pageAs(course.ta.email);
    const found = await auditPages(page, staffPaths(), (path) => editorReady(page, path));
    expect(found).toEqual({});
  });

  it("on every page an instructor sees, the set builder too", async () => {
    const { page } = await suite.pageAs(course.instructor.email);
    const found = await auditPages(page, [...staffPaths(), `${course.path}/sets/new`, `${course.path}/sets/${course.sets[0]!.id}/edit`], (path) => editorReady(page, path));
    expect(found).toEqual({});
  });
});

describe("the keyboard", () => {
  it("offers a skip link first, shows where the focus is on every stop, and names the shortcuts on Run and Submit", async () => {
    const { page, problems } = await suite.pageAs(course.students[1]!.email);
    await openExercise(page, weeklyItem);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute("href") }));
    expect(first).toEqual({ text: "Skip to content", href: "#main" });
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    // Tab through the page up to the editor: each stop is drawn with a visible focus ring.
    const stops: { name: string; visible: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
        return {
          name: `${element.tagName.toLowerCase()} ${element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40) ?? ""}`,
          visible: ring,
          inEditor: Boolean(element.closest(".monaco-editor")),
        };
      });
      if (!stop || stop.inEditor) break;
      stops.push({ name: stop.name, visible: stop.visible });
    }
    expect(stops.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^button\s+Run/), expect.stringMatching(/^button\s+Submit/)]));
    expect(stops.filter((s) => !s.visible)).toEqual([]);

    await expect(page.getByTestId("run").getAttribute("title")).resolves.toMatch(/Ctrl\+Enter/);
    await expect(page.getByTestId("submit").getAttribute("title")).resolves.toMatch(/Ctrl\+Shift\+Enter/);
    // Run works from the keyboard alone.
    await page.getByTestId("run").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("results").waitFor({ timeout: 30_000 });
    expectNoProblems(problems);
  });
});

describe("screenshots for the README", () => {
  it("saves the exercise page, the review queue and the gradebook", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const student = await suite.pageAs(course.students[0]!.email);
    await openExercise(student.page, weeklyItem);
    await pasteIntoEditor(student.page, solution("forward-pass", "correct"));
    expect((await submitAndWait(student.page)).verdict).toBe("passed");
    await student.page.screenshot({ path: `${ARTIFACTS}/exercise-page-desktop.png`, fullPage: true });

    const ta = await suite.pageAs(course.ta.email);
    await ta.page.goto(`${course.path}/review`);
    await ta.page.getByRole("table").first().waitFor();
    await ta.page.screenshot({ path: `${ARTIFACTS}/review-queue.png`, fullPage: true });
    await ta.page.goto(`${course.path}/gradebook`);
    await ta.page.getByRole("table").first().waitFor();
    await ta.page.screenshot({ path: `${ARTIFACTS}/gradebook.png`, fullPage: true });
    expectNoProblems(ta.problems);
  });
});
