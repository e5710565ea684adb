/** Debian's Chromium driven by playwright-core, with every console error and failed request collected. */
import { chromium, type Browser, type Page } from "playwright-core";
import { TEST_PASSWORD } from "./course-data.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export interface PageProblems {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  readonly pageErrors: string[];
}

/** A new page in a fresh context, recording console errors, uncaught errors and failed requests. */
export async function openPage(browser: Browser, baseUrl: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], pageErrors: [] };
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.message));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "";
    // Navigations cancel in-flight long polls and prefetches; that is not a failure of the page.
    if (failure.includes("ERR_ABORTED")) return;
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${failure}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 500) problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return { page, problems };
}

/** Signs in through the login form, as a person does, and waits for the signed-in header. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-as").waitFor();
}

/** A new page in a fresh context (see openPage), signed in as `email`. */
export async function openSignedInPage(browser: Browser, baseUrl: string, email: string): Promise<{ page: Page; problems: PageProblems }> {
  const opened = await openPage(browser, baseUrl);
  await signIn(opened.page, email);
  return opened;
}

/** Closes every context the browser has open, so that one test's pages do not live on into the next. */
export async function closeContexts(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((context) => context.close()));
}
