/**
 * What must never reach a student's browser: a hidden test's inputs and expected values for that
 * student's variant, the reference solutions and mistake fixtures, the specs and the numerical
 * core. Looked for everywhere the browser gets text from: the exercise and set pages' HTML, their
 * RSC payloads (as a hard load inlines them and as client navigation and prefetch fetch them),
 * the JSON route handlers, and the client bundles under .next/static. Each response must also
 * hold a visible test's data in the same form, so the search cannot pass by looking at nothing.
 * Plus the session cookie's flags, Auth.js's CSRF check, and the per-user rate limits over HTTP.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listExercises } from "../../exercises/registry.ts";
import { prepareCases } from "../../grader/engine/cases.ts";
import { GradeResultSchema } from "../../grader/engine/result.ts";
import { variantSeed } from "../../exercises/spec/variant.ts";
import { DEMO_USERS } from "../../prisma/seed.ts";
import { startApp, type RunningApp } from "../support/app-server.ts";
import { TestData } from "../support/course-data.ts";
import { HttpSession, type HttpResponse } from "../support/http-session.ts";
import { clientAssets, clientModuleGraph, hiddenTestSecrets, leaksIn, readable, serverCodeBundleSecrets, serverSourceSecrets, type Secret } from "../support/secrets.ts";
import { solution } from "../support/solutions.ts";

const STUDENT = DEMO_USERS.find((user) => user.role === "student")!;
const SET_ID = "ml101-week1";
/** The exercises the student has failed hidden tests of, with the mistake they submitted. */
const SUBMITTED = [
  { exerciseId: "forward-pass", mistake: "missing-bias" },
  { exerciseId: "backprop-warmup", mistake: "swapped-gradients" },
] as const;
const itemIdOf = (exerciseId: string) => `${SET_ID}-${exerciseId}`;
const seedOf = (exerciseId: string) => variantSeed(STUDENT.id, itemIdOf(exerciseId));

describe("the production build's client assets", () => {
  const assets = clientAssets();
  const exercises = listExercises();
  const expectNoneIn = (secrets: readonly Secret[]) => expect(assets.flatMap((asset) => leaksIn(asset.text, secrets).map((leak) => `${leak} in ${asset.file}`))).toEqual([]);

  it("exist (the build ran) and hold the client code", () => {
    expect(assets.length).toBeGreaterThan(10);
    // The exercise page's client code is among them: the search looks where it should.
    expect(assets.some((asset) => asset.text.includes("Wrong answer on a hidden test.") || asset.text.includes("Draft saved"))).toBe(true);
  });

  it("are built from client modules that import no exercise, grading or database code", () => {
    const graph = [...clientModuleGraph()];
    // The walk finds the client code: the exercise page's workspace and what it imports.
    expect(graph).toEqual(expect.arrayContaining(["app/items/[itemId]/workspace.tsx", "app/_components/results-panel.tsx"]));
    // Labels and schemas may be shared, and so may the shared vocabulary: the languages and the
    // stored enums (constants), which statement code block shows for which language (the set
    // builder's preview renders statements in the browser), reading a typed or pasted answer
    // (the answer form checks it as it is typed; the server reads it again), and writing a CSV
    // cell (a download made in the browser neutralises formulas as the server's do). None holds
    // an exercise's content, and each imports only other vocabulary modules at run time.
    // Exercise code, grading and the database never.
    const vocabulary = ["exercises/spec/languages.ts", "prisma/enums.ts", "exercises/spec/statement-code.ts", "exercises/calculation/answers.ts", "grader/engine/csv.ts"];
    for (const file of vocabulary) {
      const runtimeImports = [...readFileSync(file, "utf8").matchAll(/^import (?!type )[^;]*from "(\.{1,2}\/[^"]+)"/gm)].map((m) => join(dirname(file), m[1]!));
      expect(runtimeImports.filter((target) => !vocabulary.includes(target))).toEqual([]);
    }
    expect(graph.filter((file) => /^(exercises|grader|prisma)\//.test(file) && !vocabulary.includes(file))).toEqual([]);
  });

  it("contain no names or strings of the numerical core", () => {
    const secrets = serverCodeBundleSecrets();
    expect(secrets.length).toBeGreaterThan(20);
    expectNoneIn(secrets);
  });

  it("contain no mistake hints, spec code or solution code", () => {
    expectNoneIn([...exercises.flatMap((e) => (e.mistakes ?? []).map((m) => ({ label: `${e.id} hint ${m.id}`, text: m.hint.slice(0, 60) }))), ...serverSourceSecrets()]);
  });

  it("contain no hidden test's data for the demo student", () => {
    // Whole renderings only: a lone number could turn up in megabytes of minified code by chance.
    const secrets = exercises.flatMap((e) => hiddenTestSecrets(e.id, variantSeed(STUDENT.id, `${SET_ID}-${e.id}`)).filter((secret) => !secret.label.endsWith("number")));
    expect(secrets.length).toBeGreaterThan(exercises.length);
    expectNoneIn(secrets);
  });
});

describe("responses to a student", () => {
  let app: RunningApp;
  let data: TestData;
  let student: HttpSession;
  const submissionIds: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    data = await TestData.open(app.databaseUrl);
    // Wrong answers graded minutes ago: the stored results hold hidden tests' inputs, expected
    // values and what the code returned; only the redaction stands between them and the student.
    for (const { exerciseId, mistake } of SUBMITTED) submissionIds.push(await data.submit(STUDENT, itemIdOf(exerciseId), solution(exerciseId, mistake), { minutesAgo: 5 }));
    await data.waitUntilGraded(submissionIds);
    student = await new HttpSession(app.baseUrl).signIn(STUDENT.email);
  });
  afterAll(async () => {
    await data?.close();
    await app?.stop();
  });

  /** What the student may not see of one exercise, and a visible test's call they must see. */
  async function secretsOf(exerciseId: string): Promise<{ secrets: Secret[]; visibleCall: string }> {
    const cases = prepareCases(
      listExercises().find((e) => e.id === exerciseId)!,
      seedOf(exerciseId),
    );
    const secrets = hiddenTestSecrets(exerciseId, seedOf(exerciseId));
    // What the student's code returned on hidden tests is hidden data too.
    const index = SUBMITTED.findIndex((s) => s.exerciseId === exerciseId);
    const stored = await data.db.submission.findUniqueOrThrow({ where: { id: submissionIds[index]! } });
    const result = GradeResultSchema.parse(JSON.parse(stored.result!));
    const hidden = result.tests.filter((t) => t.visibility === "hidden" && !t.passed);
    // The secrets are real: the server holds them for this very submission.
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.map((t) => t.input)).toEqual(expect.arrayContaining([cases.hidden.find((c) => c.name === hidden[0]!.name)!.inputText]));
    for (const test of hidden) if (test.got && test.got.length >= 8) secrets.push({ label: `${exerciseId} hidden test "${test.name}", what the code returned`, text: test.got });
    return { secrets, visibleCall: cases.visible[0]!.inputText };
  }

  /** Every form of a page the browser receives: HTML, and the RSC payload of a client navigation and of a prefetch. */
  async function pageForms(path: string): Promise<{ form: string; response: HttpResponse }[]> {
    /** Next answers an RSC request whose `_rsc` does not match its headers with a redirect to the one that does; the router follows it. */
    const rsc = async (url: string, headers: Record<string, string>) => {
      let response = await student.request("GET", url, { headers });
      for (let hops = 0; response.status === 307 && hops < 3; hops++) {
        const location = new URL(response.headers.get("location")!, app.baseUrl);
        expect(location.pathname).toBe(path);
        response = await student.request("GET", `${location.pathname}${location.search}`, { headers });
      }
      return response;
    };
    const forms = [
      { form: "HTML", response: await student.request("GET", path) },
      { form: "RSC", response: await rsc(path, { RSC: "1" }) },
      { form: "RSC (?_rsc=)", response: await rsc(`${path}?_rsc=epoch`, { RSC: "1" }) },
      { form: "RSC prefetch", response: await rsc(`${path}?_rsc=epoch`, { RSC: "1", "Next-Router-Prefetch": "1" }) },
    ];
    for (const { form, response } of forms) {
      expect(response.status, `${form} of ${path}`).toBe(200);
      const type = response.headers.get("content-type") ?? "";
      expect(type, `${form} of ${path}`).toContain(form === "HTML" ? "text/html" : "text/x-component");
    }
    return forms;
  }

  it.each(SUBMITTED.map((s) => s.exerciseId))("the %s page's HTML and RSC payloads show visible tests and nothing hidden", async (exerciseId) => {
    const { secrets, visibleCall } = await secretsOf(exerciseId);
    const sources = serverSourceSecrets(SUBMITTED.map(({ exerciseId: id, mistake }) => solution(id, mistake)));
    const leaks: string[] = [];
    for (const { form, response } of await pageForms(`/items/${itemIdOf(exerciseId)}`)) {
      // A prefetch of a dynamic page carries only the route tree; the others carry the page.
      if (form !== "RSC prefetch") expect(readable(response.text), `${form} holds the first visible test's call`).toContain(visibleCall);
      leaks.push(...[...leaksIn(response.text, secrets), ...leaksIn(response.text, sources)].map((leak) => `${form}: ${leak}`));
    }
    expect(leaks).toEqual([]);
  });

  it("the set page's HTML and RSC payloads show nothing hidden", async () => {
    const secrets = (await Promise.all(SUBMITTED.map((s) => secretsOf(s.exerciseId)))).flatMap((s) => s.secrets);
    const leaks: string[] = [];
    for (const { form, response } of await pageForms(`/sets/${SET_ID}`)) {
      if (form !== "RSC prefetch") expect(readable(response.text), form).toContain("Forward pass through a dense network");
      leaks.push(...leaksIn(response.text, secrets).map((leak) => `${form}: ${leak}`));
    }
    expect(leaks).toEqual([]);
  });

  it("the JSON route handlers return the results with hidden tests redacted", async () => {
    for (const [index, { exerciseId }] of SUBMITTED.entries()) {
      const { secrets, visibleCall } = await secretsOf(exerciseId);
      const responses = {
        history: await student.request("GET", `/api/items/${itemIdOf(exerciseId)}/submissions`),
        submission: await student.request("GET", `/api/submissions/${submissionIds[index]}`),
        draft: await student.request("GET", `/api/items/${itemIdOf(exerciseId)}/draft`),
      };
      for (const [name, response] of Object.entries(responses)) {
        expect(response.status, name).toBe(200);
        expect(response.headers.get("content-type"), name).toContain("application/json");
        expect(leaksIn(response.text, secrets), `${exerciseId} ${name}`).toEqual([]);
      }
      // The history lists the submission; the submission has its result, with the visible tests' data.
      expect(responses.history.text).toContain(submissionIds[index]!);
      expect(readable(responses.submission.text)).toContain(visibleCall);
      expect(responses.submission.text).toContain("Wrong answer on a hidden test.");
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
    // A student of their own: no other test's submissions count against the budget.
    const course = await data.course({ students: 1, sets: [{ title: "Week 1", items: [["backprop-warmup", 5]] }] });
    const itemId = course.sets[0]!.itemIds["backprop-warmup"]!;
    const student = await new HttpSession(app.baseUrl).signIn(course.students[0]!.email);
    const code = "export function gradients() { return { dx: 0, dy: 0, dz: 0 }; }";
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await student.request("POST", "/api/submissions", { json: { itemId, kind: "submit", language: "typescript", code } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(response.json<{ error: { message: string } }>().error.message).toMatch(/10 times a minute/);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(202));
    expect(statuses[10]).toBe(429);
    // Run has its own budget.
    const run = await student.request("POST", "/api/submissions", { json: { itemId, kind: "run", language: "typescript", code } });
    expect(run.status).toBe(202);
  });
});
