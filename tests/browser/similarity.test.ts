/**
 * A similarity report in Chromium against the production build: a TA opens the Similarity tab,
 * runs a report on an exercise where two students handed in the same program under other names
 * and two wrote their own into the starter, sees the copied pair ranked first, and opens the
 * side-by-side view with the matching lines highlighted on both sides. The run is audit-logged.
 */
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import { expectNoProblems, expectNoSidewaysScroll } from "../support/page-helpers.ts";
import * as code from "../support/similarity-submissions.ts";

const suite = useBrowserApp();

describe("similarity report", () => {
  it("a TA runs a report, sees the copied pair ranked first, and reads it side by side", async () => {
    const course = await suite.data.course({ students: 4, sets: [{ title: "Week 3: clustering", items: [["kmeans-step", 10]] }] });
    const itemId = course.sets[0]!.itemIds["kmeans-step"]!;
    const [copier, renamer, honestOne, honestTwo] = course.students as [(typeof course.students)[number], ...(typeof course.students)[number][]];
    await suite.data.submit(copier, itemId, code.COPY_ORIGINAL, { minutesAgo: 30 });
    await suite.data.submit(renamer!, itemId, code.COPY_RENAMED, { minutesAgo: 20 });
    await suite.data.submit(honestOne!, itemId, code.HONEST_LOOPS, { minutesAgo: 15 });
    await suite.data.submit(honestTwo!, itemId, code.HONEST_HELPERS, { minutesAgo: 10 });

    const { page, problems } = await suite.pageAs(course.ta.email);
    await page.goto(course.path);
    await page.getByRole("navigation", { name: "Course staff pages" }).getByRole("link", { name: "Similarity" }).click();
    await page.waitForURL(`**${course.path}/similarity`);
    const form = page.getByTestId("similarity-form");
    await form.getByLabel("Exercise").selectOption(itemId);
    await form.getByRole("button", { name: "Run report" }).click();

    const report = page.getByTestId("similarity-report");
    await report.waitFor();
    await expect.poll(() => report.getByTestId("similarity-summary").textContent()).toContain("4 students' latest Submits compared");
    const rows = report.getByTestId("similarity-pair");
    const first = rows.first();
    const firstNames = (await first.getByTestId("pair-student").allTextContents()).map((text) => text.replace(/ TypeScript$/, ""));
    expect([...firstNames].sort()).toEqual([copier.name, renamer!.name].sort());
    expect(Number(await first.getAttribute("data-score"))).toBeGreaterThan(0.8);
    // The honest pair, if listed at all, is far down.
    for (const row of await rows.all()) {
      const names = (await row.getByTestId("pair-student").allTextContents()).join(" ");
      if (names.includes(honestOne!.name) && names.includes(honestTwo!.name)) expect(Number(await row.getAttribute("data-score"))).toBeLessThan(0.15);
    }
    await expectNoSidewaysScroll(page);
    mkdirSync("tests/artifacts", { recursive: true });
    await page.screenshot({ path: "tests/artifacts/similarity-report.png", fullPage: true });

    await first.getByRole("link", { name: /Side by side/ }).click();
    await page.waitForURL(/\/similarity\/compare\?a=/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Side by side: ${firstNames[0]} and ${firstNames[1]}`);
    const regions = page.getByTestId("match-region");
    expect(await regions.count()).toBeGreaterThan(0);
    expect(await regions.first().textContent()).toMatch(/lines 1–\d+ ↔ lines 1–\d+/);
    const matchedA = await page.getByTestId("side-a").getByTestId("matched-line").count();
    const matchedB = await page.getByTestId("side-b").getByTestId("matched-line").count();
    // Most lines of both programs are highlighted, whichever side each is on.
    const shortest = Math.min(code.COPY_ORIGINAL.split("\n").length, code.COPY_RENAMED.split("\n").length);
    expect(Math.min(matchedA, matchedB)).toBeGreaterThan(shortest * 0.7);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: "tests/artifacts/similarity-side-by-side.png", fullPage: true });
    expectNoProblems(problems);

    const audit = await suite.data.db.auditEvent.findMany({ where: { courseId: course.id, action: "similarity.report" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: course.ta.id, targetId: itemId })]);
  });
});
