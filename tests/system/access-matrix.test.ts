/**
 * Every page and route handler × every kind of visitor, against the production server:
 * anonymous, a student of the course, a student of another course, the course's TA, a TA of
 * another course, and the instructor. Each cell asserts the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../prisma/client.ts";
import { startApp, type RunningApp } from "../support/app-server.ts";
import { HttpSession } from "../support/http-session.ts";

const PERSONAS = ["anonymous", "student", "otherStudent", "ta", "otherTa", "instructor"] as const;
type Persona = (typeof PERSONAS)[number];
const EMAILS: Record<Exclude<Persona, "anonymous">, string> = {
  student: "student@epoch.test",
  otherStudent: "dl.student@epoch.test",
  ta: "ta@epoch.test",
  otherTa: "dl.ta@epoch.test",
  instructor: "instructor@epoch.test",
};

/** What a cell expects: a status, or "ok" for any success (2xx) — and for pages also a redirect to sign in. */
type Expect = number | "ok";
type Row = Record<Persona, Expect>;

const everyone = (expect: Expect): Row => ({ anonymous: expect, student: expect, otherStudent: expect, ta: expect, otherTa: expect, instructor: expect });
/** Pages: anonymous visitors are sent to sign in (307); refusals are "not found". */
const page = (allowed: readonly Persona[]): Row => Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" ? 307 : allowed.includes(p) ? 200 : 404])) as Row;
const api = (allowed: readonly Persona[], refused = 404): Row =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === "anonymous" ? 401 : allowed.includes(p) ? "ok" : refused])) as Row;

const COURSE_MEMBERS: Persona[] = ["student", "ta", "instructor"];
const STAFF: Persona[] = ["ta", "instructor"];
const INSTRUCTOR: Persona[] = ["instructor"];

let app: RunningApp;
const sessions = new Map<Persona, HttpSession>();
const ids = { submission: "", run: "", removable: "" };

beforeAll(async () => {
  app = await startApp();
  sessions.set("anonymous", new HttpSession(app.baseUrl));
  for (const persona of PERSONAS.slice(1) as Exclude<Persona, "anonymous">[]) sessions.set(persona, await new HttpSession(app.baseUrl).signIn(EMAILS[persona]));
  const db = await createDatabase(app.databaseUrl);
  ids.submission = (await db.submission.findFirstOrThrow({ where: { userId: "demo-john", kind: "submit" } })).id;
  // Someone to remove, once per allowed persona.
  ids.removable = (
    await db.user.create({ data: { email: "leaving@epoch.test", name: "Leaving", passwordHash: "x", enrollments: { create: { courseId: "ml101", role: "student" } } } })
  ).id;
  await db.$disconnect();
  const run = await sessions.get("ta")!.request("POST", "/api/courses/ml101/regrades", { json: { submissionId: ids.submission } });
  ids.run = run.json<{ runId: string }>().runId;
});
afterAll(async () => {
  await app?.stop();
});

interface Endpoint {
  readonly method: string;
  readonly path: () => string;
  readonly body?: () => unknown;
  readonly expect: Row;
}

const ITEM = "ml101-week1-forward-pass";
const ENDPOINTS: readonly Endpoint[] = [
  // Pages
  { method: "GET", path: () => "/", expect: page(["student", "otherStudent", "ta", "otherTa", "instructor"]) },
  { method: "GET", path: () => "/login", expect: { ...everyone(307), anonymous: 200 } },
  { method: "GET", path: () => "/sets/ml101-week1", expect: page(COURSE_MEMBERS) },
  { method: "GET", path: () => "/sets/ml101-week4", expect: page(STAFF) }, // unpublished
  { method: "GET", path: () => "/sets/ml101-week3", expect: page(STAFF) }, // not open yet
  { method: "GET", path: () => `/items/${ITEM}`, expect: page(COURSE_MEMBERS) },
  { method: "GET", path: () => "/items/ml101-week4-conv-maxpool", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/review", expect: page(STAFF) },
  { method: "GET", path: () => `/courses/ml101/review/${ids.submission}`, expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/gradebook", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/analytics", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/bank", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/bank/forward-pass", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/regrades", expect: page(STAFF) },
  { method: "GET", path: () => `/courses/ml101/regrades/${ids.run}`, expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/roster", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/similarity", expect: page(STAFF) },
  { method: "GET", path: () => `/courses/ml101/similarity/compare?a=${ids.submission}&b=${ids.submission}`, expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/extensions", expect: page(STAFF) },
  { method: "GET", path: () => "/courses/ml101/sets/new", expect: page(INSTRUCTOR) },
  { method: "GET", path: () => "/courses/ml101/sets/ml101-week1/edit", expect: page(INSTRUCTOR) },
  // Route handlers
  { method: "GET", path: () => "/api/health", expect: everyone(200) },
  {
    method: "POST",
    path: () => "/api/submissions",
    body: () => ({ itemId: ITEM, kind: "run", language: "typescript", code: "export function forward() { return []; }" }),
    expect: api(COURSE_MEMBERS),
  },
  { method: "GET", path: () => `/api/submissions/${ids.submission}`, expect: api(STAFF) }, // a classmate's work
  { method: "GET", path: () => `/api/items/${ITEM}/draft`, expect: api(COURSE_MEMBERS) },
  { method: "PUT", path: () => `/api/items/${ITEM}/draft`, body: () => ({ code: "// mine", language: "typescript" }), expect: api(COURSE_MEMBERS) },
  { method: "GET", path: () => `/api/items/${ITEM}/submissions`, expect: api(COURSE_MEMBERS) },
  { method: "POST", path: () => "/api/sets/ml101-exam1/start", expect: { ...api(["student"]), ta: 403, instructor: 403 } },
  {
    method: "POST",
    path: () => "/api/courses/ml101/sets",
    body: () => ({ title: "Matrix set", opensAt: "2030-01-01T00:00:00Z", dueAt: "2030-01-02T00:00:00Z" }),
    expect: api(INSTRUCTOR),
  },
  { method: "GET", path: () => "/api/sets/ml101-week4", expect: api(INSTRUCTOR) },
  { method: "PATCH", path: () => "/api/sets/ml101-week4", body: () => ({ description: "edited" }), expect: api(INSTRUCTOR) },
  { method: "PUT", path: () => "/api/sets/ml101-week4/items", body: () => ({ items: [{ exerciseId: "conv-maxpool", points: 10 }] }), expect: api(INSTRUCTOR) },
  { method: "POST", path: () => "/api/sets/ml101-week4/duplicate", body: () => ({ shiftDays: 1 }), expect: api(INSTRUCTOR) },
  { method: "GET", path: () => "/api/courses/ml101/roster", expect: api(STAFF) },
  { method: "POST", path: () => "/api/courses/ml101/roster", body: () => ({ members: [{ email: "matrix@epoch.test", role: "student" }] }), expect: api(INSTRUCTOR) },
  { method: "DELETE", path: () => `/api/courses/ml101/roster/${ids.removable}`, expect: api(INSTRUCTOR) },
  { method: "GET", path: () => "/api/courses/ml101/gradebook.csv", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/gradebook-export/canvas", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/gradebook-export/moodle", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/similarity", expect: api(STAFF) },
  { method: "POST", path: () => "/api/courses/ml101/similarity", body: () => ({ itemId: ITEM }), expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/extensions", expect: api(STAFF) },
  {
    method: "POST",
    path: () => "/api/courses/ml101/extensions",
    body: () => ({ email: "student@epoch.test", setId: "ml101-week1", dueAt: "2099-01-01T00:00Z", reason: "matrix check" }),
    expect: api(INSTRUCTOR),
  },
  {
    method: "POST",
    path: () => "/api/courses/ml101/accommodations",
    body: () => ({ email: "student@epoch.test", timeMultiplier: 1.5, reason: "matrix check" }),
    expect: api(INSTRUCTOR),
  },
  { method: "GET", path: () => "/api/courses/ml101/bank", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/bank/forward-pass", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/review", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/analytics", expect: api(STAFF) },
  { method: "GET", path: () => "/api/courses/ml101/regrades", expect: api(STAFF) },
  { method: "POST", path: () => "/api/courses/ml101/regrades", body: () => ({ submissionId: ids.submission }), expect: api(STAFF) },
  { method: "GET", path: () => `/api/regrades/${ids.run}`, expect: api(STAFF) },
  { method: "POST", path: () => `/api/submissions/${ids.submission}/comments`, body: () => ({ body: "Matrix comment" }), expect: api(STAFF) },
  { method: "POST", path: () => `/api/submissions/${ids.submission}/override`, body: () => ({ points: 5, reason: "matrix check" }), expect: api(STAFF) },
  { method: "PUT", path: () => `/api/submissions/${ids.submission}/reviewed`, body: () => ({ reviewed: true }), expect: api(STAFF) },
  // Last: discarding ends the run for everyone after the first allowed persona (409), which is still "not refused".
  { method: "POST", path: () => `/api/regrades/${ids.run}/discard`, expect: api(STAFF) },
];

function matches(expected: Expect, status: number, path: string): boolean {
  // Allowed: a success, or — for a state change someone already made (the second discard) — a conflict.
  if (expected === "ok") return (status >= 200 && status < 300) || (status === 409 && path.includes("/discard"));
  return status === expected;
}

describe.each(ENDPOINTS.map((e) => [`${e.method} ${e.path.toString().replace(/^\(\) => /, "")}`, e] as const))("%s", (_name, endpoint) => {
  it.each(PERSONAS)("as %s", async (persona) => {
    const session = sessions.get(persona)!;
    const path = endpoint.path();
    const response = await session.request(endpoint.method, path, endpoint.body ? { json: endpoint.body() } : {});
    const expected = endpoint.expect[persona];
    expect(matches(expected, response.status, path), `${endpoint.method} ${path} as ${persona}: expected ${expected}, got ${response.status} ${response.text.slice(0, 200)}`).toBe(
      true,
    );
    if (persona === "anonymous" && response.status === 307) expect(response.headers.get("location")).toMatch(/\/login\?next=/);
  });
});
