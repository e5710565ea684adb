/**
 * Signing in, and what happens around it: demo hints only where the demo accounts work, a
 * password reset link an instructor creates and the person uses once, and pages that do not
 * exist or fail to render shown in the app's frame with a way back.
 */
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser-app.ts";
import { openPage, signIn } from "../support/browser.ts";
import { expectNoProblems } from "../support/page-helpers.ts";
import { hashPassword } from "../../prisma/passwords.ts";
import { DEMO_USERS } from "../../prisma/seed.ts";

const suite = useBrowserApp();

describe("the sign-in page", () => {
  it("lists the demo accounts only while they exist and open with the demo password", async () => {
    const { page, problems } = await openPage(suite.browser, suite.app.baseUrl);
    await page.goto("/login");
    await expect(page.getByTestId("demo-hint").textContent()).resolves.toMatch(/student@epoch\.test.*epoch-demo/);
    // A deployment whose demo passwords were changed prints none of them.
    const changed = await hashPassword("a-real-deployment-secret");
    await suite.data.db.user.updateMany({ where: { id: { in: DEMO_USERS.map((u) => u.id) } }, data: { passwordHash: changed } });
    await page.reload();
    await page.getByLabel("Email").waitFor();
    expect(await page.getByTestId("demo-hint").count()).toBe(0);
    expect(await page.content()).not.toContain("epoch-demo");
    await expect(page.getByTestId("forgot-password").textContent()).resolves.toMatch(/Forgot your password\?/);
    expectNoProblems(problems);
  });
});

describe("a password reset link", () => {
  it("is created by an instructor on the roster, sets a new password once, and then stops working", async () => {
    const course = await suite.data.course({ students: 1 });
    const student = course.students[0]!;
    const { page: instructor } = await suite.pageAs(course.instructor.email);
    await instructor.goto(`${course.path}/roster`);
    await instructor.getByRole("button", { name: `Create a password reset link for ${student.name}` }).click();
    const url = await instructor.getByTestId("reset-link-url").inputValue();
    expect(url).toMatch(/\/reset\/[\w-]{40,}$/);
    // An instructor cannot take over another instructor's account this way.
    expect(await instructor.getByRole("button", { name: `Create a password reset link for ${course.instructor.name}` }).count()).toBe(0);

    const { page, problems } = await openPage(suite.browser, suite.app.baseUrl);
    await page.goto(url);
    await expect(page.locator("main").textContent()).resolves.toContain(student.email);
    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByLabel("New password again").fill("a different one entirely");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.locator(".error-text").filter({ hasText: "differ" }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByLabel("New password again").fill("a brand new password");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByTestId("reset-done").waitFor();
    await signIn(page, student.email, "a brand new password");

    // Used once: the same link is refused now.
    const { page: again } = await openPage(suite.browser, suite.app.baseUrl);
    await again.goto(url);
    await again.getByTestId("reset-link-invalid").waitFor();
    expect(await again.getByLabel("New password", { exact: true }).count()).toBe(0);
    expectNoProblems(problems);
  });

  it("expires", async () => {
    const course = await suite.data.course({ students: 1 });
    const student = course.students[0]!;
    const { page: instructor } = await suite.pageAs(course.instructor.email);
    await instructor.goto(`${course.path}/roster`);
    await instructor.getByRole("button", { name: `Create a password reset link for ${student.name}` }).click();
    const url = await instructor.getByTestId("reset-link-url").inputValue();
    await suite.data.db.passwordReset.updateMany({ where: { userId: student.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { page } = await openPage(suite.browser, suite.app.baseUrl);
    await page.goto(url);
    await page.getByTestId("reset-link-invalid").waitFor();
  });
});

describe("a page that does not exist", () => {
  it("is shown in the app's frame, with the header and a way back", async () => {
    const course = await suite.data.course({ students: 1 });
    const { page, problems } = await suite.pageAs(course.students[0]!.email);
    const response = await page.goto("/items/no-such-item");
    expect(response?.status()).toBe(404);
    await page.getByTestId("signed-in-as").waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page not found");
    await page.getByRole("link", { name: "Back to your courses" }).click();
    await page.getByRole("heading", { name: "Your courses" }).waitFor();
    const unknown = await page.goto("/no/such/page");
    expect(unknown?.status()).toBe(404);
    await page.getByRole("link", { name: "Back to your courses" }).waitFor();
    // The 404 responses themselves are what the browser reports; nothing else failed.
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });
});

describe("a page that fails to render", () => {
  it("keeps the app's frame, names a reference for the staff, and recovers with Try again once the cause is gone", async () => {
    const course = await suite.data.course({ students: 1, sets: [{ title: "Week 1", items: [["forward-pass", 10]] }] });
    const student = course.students[0]!;
    const itemId = course.sets[0]!.itemIds["forward-pass"]!;
    const submissionId = await suite.data.submit(student, itemId, "export function forward() { return []; }");
    await suite.data.waitUntilGraded([submissionId]);
    // A row no version of the app writes: reading it fails, as a broken disk or a bad manual edit would.
    await suite.data.db.submission.update({ where: { id: submissionId }, data: { status: "half-written" } });

    const { page, problems } = await suite.pageAs(student.email);
    const response = await page.goto(`/items/${itemId}`);
    expect(response?.status()).toBe(500);
    const error = page.getByTestId("error-page");
    await error.waitFor();
    await page.getByTestId("signed-in-as").waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Something went wrong");
    // The production server never shows the error's text, only a digest the staff can find in the log.
    await expect(error.textContent()).resolves.toMatch(/Reference for the course staff: \w+/);
    expect(await error.textContent()).not.toContain("half-written");

    await suite.data.db.submission.update({ where: { id: submissionId }, data: { status: "graded" } });
    await page.getByRole("button", { name: "Try again" }).click();
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    expect(await error.count()).toBe(0);

    // The failed render (answered 500) is what the browser reports; no other request failed.
    expect(problems.failedRequests).toEqual([`GET ${suite.app.baseUrl}/items/${itemId}: HTTP 500`]);
    expect(problems.pageErrors.every((text) => /Server Components render|digest/i.test(text))).toBe(true);
  });
});
