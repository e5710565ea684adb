/**
 * The app's two server actions, called the way a browser without JavaScript posts their forms:
 * signing in (the login form) and signing out (the header's form). Both are open to every
 * visitor by nature; what is checked is that they do what they say, and nothing from another
 * site gets through Next.js's origin check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app-server.ts";
import { HttpSession } from "../support/http-session.ts";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** The hidden fields Next.js renders into a form whose action is a server action. */
function hiddenFields(html: string, formMarker: RegExp): [string, string][] {
  const form = html.split("<form").find((chunk) => formMarker.test(chunk)) ?? "";
  const fields: [string, string][] = [];
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    fields.push([match[1]!, (match[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&")]);
  }
  return fields;
}

async function postForm(session: HttpSession, path: string, fields: [string, string][], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  return session.request("POST", path, { body, contentType: encoded.headers.get("content-type")!, headers: { origin: session.baseUrl, ...headers } });
}

async function signedInAs(session: HttpSession): Promise<string | null> {
  return (await session.request("GET", "/api/auth/session")).json<{ user?: { email?: string } } | null>()?.user?.email ?? null;
}

describe("server actions", () => {
  it("signing in through the login form's action", async () => {
    const visitor = new HttpSession(app.baseUrl);
    const page = (await visitor.request("GET", "/login")).text;
    // The form's own hidden "next" is replaced by the one each case sends.
    const fields = hiddenFields(page, /aria-label="Sign in"/).filter(([name]) => name !== "next");
    expect(fields.length).toBeGreaterThan(0);

    const wrong = await postForm(visitor, "/login", [...fields, ["email", "student@epoch.test"], ["password", "wrong"], ["next", "/"]]);
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain("do not match an account");
    expect(await signedInAs(visitor)).toBeNull();

    const right = await postForm(visitor, "/login", [...fields, ["email", "student@epoch.test"], ["password", "epoch-demo"], ["next", "/sets/ml101-week1"]]);
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toContain("/sets/ml101-week1");
    expect(await signedInAs(visitor)).toBe("student@epoch.test");
  });

  it("is not fooled by a next= that points to another site", async () => {
    const visitor = new HttpSession(app.baseUrl);
    const fields = hiddenFields((await visitor.request("GET", "/login")).text, /aria-label="Sign in"/).filter(([name]) => name !== "next");
    const response = await postForm(visitor, "/login", [...fields, ["email", "ta@epoch.test"], ["password", "epoch-demo"], ["next", "//evil.example/steal"]]);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!, app.baseUrl).host).toBe(new URL(app.baseUrl).host);
  });

  it("signing out through the header's action, for every kind of user", async () => {
    for (const email of ["student@epoch.test", "ta@epoch.test", "instructor@epoch.test"]) {
      const session = await new HttpSession(app.baseUrl).signIn(email);
      const fields = hiddenFields((await session.request("GET", "/")).text, /Sign out/);
      const response = await postForm(session, "/", fields);
      expect(response.status, email).toBe(303);
      expect(await signedInAs(session)).toBeNull();
    }
  });

  it("refuses a server action posted from another site", async () => {
    const session = await new HttpSession(app.baseUrl).signIn("ta@epoch.test");
    const fields = hiddenFields((await session.request("GET", "/")).text, /Sign out/);
    const response = await postForm(session, "/", fields, { origin: "https://evil.example" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await signedInAs(session)).toBe("ta@epoch.test");
  });
});
