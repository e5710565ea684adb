/**
 * What must never reach a student's browser: hidden tests' data, reference solutions, the
 * numerical core's code. Checked in the production build's client assets and in responses;
 * plus the session cookie's flags, Auth.js's CSRF check, and the per-user rate limits over HTTP.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listExercises } from "../../exercises/registry.ts";
import { prepareCases } from "../../grader/cases.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import { startApp, type RunningApp } from "../support/app-server.ts";
import { HttpSession } from "../support/http-session.ts";

function clientAssets(): { file: string; text: string }[] {
  const root = ".next/static";
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(js|json|css|html|txt|map)$/.test(name)) files.push(path);
    }
  };
  walk(root);
  return files.map((file) => ({ file, text: readFileSync(file, "utf8") }));
}

describe("the production build's client assets", () => {
  const assets = clientAssets();
  const exercises = listExercises();

  it("exist (the build ran)", () => {
    expect(assets.length).toBeGreaterThan(10);
  });

  it("contain no mistake hints, spec code or solution code", () => {
    const secrets = [
      // Code that only specs and the core contain.
      "twoLayerSigmoidGradients",
      "backpropSquaredLoss",
      "numericalGradientMatrix",
      "softmaxCrossEntropy(logits",
      "finiteDifference",
      "randomNetwork",
      // Every recognised mistake's hint.
      ...exercises.flatMap((e) => (e.mistakes ?? []).map((m) => m.hint.slice(0, 60))),
      // Distinctive lines of the reference solutions.
      "const dfdq = z; // f = q·z",
      "a = W.map((row, i) => g(row.reduce((sum, w, j) => sum + w * a[j]!, b[i]!)));",
    ];
    const leaks = secrets.flatMap((secret) => assets.filter((a) => a.text.includes(secret)).map((a) => `${secret} in ${a.file}`));
    expect(leaks).toEqual([]);
  });

  it("contain no hidden test's inputs for the demo student", () => {
    const leaks: string[] = [];
    for (const exercise of exercises) {
      for (const test of prepareCases(exercise, variantSeed("demo-student", `ml101-week1-${exercise.id}`)).hidden) {
        const marker = JSON.stringify(test.args);
        if (marker.length < 12) continue; // too short to tell from unrelated code
        for (const asset of assets) if (asset.text.includes(marker)) leaks.push(`${exercise.id} "${test.name}" in ${asset.file}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe("responses to a student", () => {
  let app: RunningApp;
  let student: HttpSession;
  beforeAll(async () => {
    app = await startApp();
    student = await new HttpSession(app.baseUrl).signIn("student@epoch.test");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("the exercise page has the student's visible tests and none of the hidden ones", async () => {
    for (const exercise of ["forward-pass", "backprop-warmup", "mlp-parameter-count"]) {
      const itemId = `ml101-week1-${exercise}`;
      const html = (await student.request("GET", `/items/${itemId}`)).text;
      const cases = prepareCases(listExercises().find((e) => e.id === exercise)!, variantSeed("demo-student", itemId));
      expect(html).toContain(cases.visible[0]!.name.replace(/&/g, "&amp;").slice(0, 20));
      for (const test of cases.hidden) {
        const marker = JSON.stringify(test.args);
        if (marker.length >= 12) expect(html).not.toContain(marker);
      }
    }
  });

  it("the session cookie is HttpOnly and SameSite=Lax, and sign-in needs Auth.js's CSRF token", async () => {
    const fresh = new HttpSession(app.baseUrl);
    const csrf = await fresh.request("GET", "/api/auth/csrf");
    const token = csrf.json<{ csrfToken: string }>().csrfToken;
    const form = new URLSearchParams({ csrfToken: token, email: "ta@epoch.test", password: "epoch-demo", callbackUrl: "/" });
    const signedIn = await fresh.request("POST", "/api/auth/callback/credentials", { body: form.toString(), contentType: "application/x-www-form-urlencoded" });
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const forged = new HttpSession(app.baseUrl);
    const withoutToken = new URLSearchParams({ email: "ta@epoch.test", password: "epoch-demo", callbackUrl: "/" });
    await forged.request("POST", "/api/auth/callback/credentials", { body: withoutToken.toString(), contentType: "application/x-www-form-urlencoded" });
    expect(forged.cookie("authjs.session-token")).toBeUndefined();
    expect((await forged.request("GET", "/api/auth/session")).json()).toBeNull();
  });

  it("a wrong password gets no session, and signing out ends it", async () => {
    const wrong = new HttpSession(app.baseUrl);
    await expect(wrong.signIn("student@epoch.test", "not-the-password")).rejects.toThrow(/failed/);
    const session = await new HttpSession(app.baseUrl).signIn("ta@epoch.test");
    const { csrfToken } = (await session.request("GET", "/api/auth/csrf")).json<{ csrfToken: string }>();
    await session.request("POST", "/api/auth/signout", { body: new URLSearchParams({ csrfToken }).toString(), contentType: "application/x-www-form-urlencoded" });
    expect((await session.request("GET", "/api/auth/session")).json()).toBeNull();
    expect((await session.request("GET", "/api/courses/ml101/review")).status).toBe(401);
  });

  it("limits Run and Submit per student per minute, with Retry-After", async () => {
    const code = "export function gradients() { return { dx: 0, dy: 0, dz: 0 }; }";
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await student.request("POST", "/api/submissions", { json: { itemId: "ml101-week1-backprop-warmup", kind: "submit", language: "typescript", code } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(response.json<{ error: { message: string } }>().error.message).toMatch(/10 times a minute/);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(202));
    expect(statuses[10]).toBe(429);
    // Run has its own budget.
    const run = await student.request("POST", "/api/submissions", { json: { itemId: "ml101-week1-backprop-warmup", kind: "run", language: "typescript", code } });
    expect(run.status).toBe(202);
  });
});
