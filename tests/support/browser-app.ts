/**
 * What a browser test file sets up around its tests: the app on a fresh database, Chromium, and
 * a handle on the app's database for each test's own data. Pages a test opened are closed after it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startApp, type RunningApp } from "./app-server.ts";
import { closeContexts, launchBrowser, openSignedInPage, type PageProblems } from "./browser.ts";
import { TestData } from "./course-data.ts";

export interface BrowserApp {
  readonly app: RunningApp;
  readonly browser: Browser;
  readonly data: TestData;
  /** A new page in a fresh context, signed in as `email`. */
  pageAs(email: string): Promise<{ page: Page; problems: PageProblems }>;
}

/** Registers the file's hooks; read the fields inside tests (they are set in beforeAll). `appOptions` go to startApp (extra environment, for one). */
export function useBrowserApp(appOptions: Parameters<typeof startApp>[0] = {}): BrowserApp {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let data: TestData | undefined;
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not ready: use it inside a test`);
    return value;
  };
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(appOptions), launchBrowser()]);
    data = await TestData.open(app.databaseUrl);
  });
  afterEach(async () => {
    if (browser) await closeContexts(browser);
  });
  afterAll(async () => {
    await data?.close();
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      return ready(app, "the app");
    },
    get browser() {
      return ready(browser, "the browser");
    },
    get data() {
      return ready(data, "the test data");
    },
    pageAs(email: string) {
      return openSignedInPage(ready(browser, "the browser"), ready(app, "the app").baseUrl, email);
    },
  };
}
