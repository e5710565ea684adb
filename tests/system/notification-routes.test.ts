/**
 * The regrade-request and notification routes over HTTP against the production server: who may
 * ask, answer and set the window (everyone else is refused as for a page that does not exist),
 * and that a notice is only ever read, listed or followed by the user it was written for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../prisma/client.ts";
import { startApp, type RunningApp } from "../support/app-server.ts";
import { HttpSession } from "../support/http-session.ts";

const EMAILS = {
  student: "student@epoch.test",
  otherStudent: "dl.student@epoch.test",
  ta: "ta@epoch.test",
  otherTa: "dl.ta@epoch.test",
  instructor: "instructor@epoch.test",
} as const;
type Persona = keyof typeof EMAILS | "anonymous";

let app: RunningApp;
const sessions = new Map<Persona, HttpSession>();
const as = (persona: Persona) => sessions.get(persona)!;
let submissionId = "";

beforeAll(async () => {
  app = await startApp();
  sessions.set("anonymous", new HttpSession(app.baseUrl));
  for (const persona of Object.keys(EMAILS) as (keyof typeof EMAILS)[]) sessions.set(persona, await new HttpSession(app.baseUrl).signIn(EMAILS[persona]));
  const db = await createDatabase(app.databaseUrl);
  submissionId = (
    await db.submission.create({
      data: {
        userId: "demo-student",
        itemId: "ml101-week1-forward-pass",
        exerciseId: "forward-pass",
        kind: "submit",
        language: "typescript",
        code: "export function forward() {\n  return [];\n}",
        seed: 1,
        status: "graded",
        verdict: "failed",
        score: 2,
        maxScore: 9,
        gradedAt: new Date(),
      },
    })
  ).id;
  await db.$disconnect();
});
afterAll(async () => {
  await app?.stop();
});

const MESSAGE = { message: "Test 2 compares against a shape my output already has." };

describe("regrade request routes", () => {
  it("only the student who made the submission may ask; a second open request is a conflict", async () => {
    const ask = (persona: Persona) => as(persona).request("POST", `/api/submissions/${submissionId}/regrade-requests`, { json: MESSAGE });
    expect((await ask("anonymous")).status).toBe(401);
    for (const persona of ["otherStudent", "ta", "otherTa", "instructor"] as const) expect((await ask(persona)).status, persona).toBe(404);
    expect((await as("student").request("POST", `/api/submissions/${submissionId}/regrade-requests`, { json: { message: "short" } })).status).toBe(400);
    const created = await ask("student");
    expect(created.status).toBe(201);
    expect(created.json<{ request: { status: string } }>().request.status).toBe("open");
    expect((await ask("student")).status).toBe(409);
  });

  it("only the course's staff may answer, once", async () => {
    const db = await createDatabase(app.databaseUrl);
    const { id } = await db.regradeRequest.findFirstOrThrow({ where: { submissionId } });
    await db.$disconnect();
    const answer = (persona: Persona) => as(persona).request("POST", `/api/regrade-requests/${id}/answer`, { json: { answer: "Looked again: full marks.", points: 10 } });
    expect((await answer("anonymous")).status).toBe(401);
    for (const persona of ["student", "otherStudent", "otherTa"] as const) expect((await answer(persona)).status, persona).toBe(404);
    const answered = await answer("ta");
    expect(answered.status).toBe(200);
    expect(answered.json<{ request: { pointsAfter: number } }>().request.pointsAfter).toBe(10);
    expect((await answer("instructor")).status).toBe(409);
  });

  it("only the course's instructors set the window", async () => {
    const set = (persona: Persona) => as(persona).request("PUT", "/api/courses/ml101/regrade-window", { json: { days: 5 } });
    expect((await set("anonymous")).status).toBe(401);
    for (const persona of ["student", "otherStudent", "ta", "otherTa"] as const) expect((await set(persona)).status, persona).toBe(404);
    expect((await set("instructor")).status).toBe(200);
  });
});

describe("notification routes", () => {
  interface Listed {
    notifications: { id: string; kind: string; link: string; read: boolean }[];
    unread: number;
  }
  const list = async (persona: Persona) => (await as(persona).request("GET", "/api/notifications")).json<Listed>();

  it("lists each user's own notices, and marks and follows only those", async () => {
    expect((await as("anonymous").request("GET", "/api/notifications")).status).toBe(401);
    const student = await list("student");
    const answered = student.notifications.find((n) => n.kind === "regrade_answered");
    expect(answered).toMatchObject({ read: false, link: `/items/ml101-week1-forward-pass?submission=${submissionId}#regrade-requests` });
    const ta = await list("ta");
    const asked = ta.notifications.find((n) => n.kind === "regrade_request");
    expect(asked?.link).toBe("/courses/ml101/review#regrade-requests");
    expect((await list("otherStudent")).notifications).toEqual([]);

    // Someone else's notice: not marked, not followed.
    const marked = await as("otherStudent").request("POST", "/api/notifications/read", { json: { ids: [answered!.id] } });
    expect(marked.json<{ marked: number }>().marked).toBe(0);
    const foreign = await as("otherStudent").request("GET", `/notifications/${answered!.id}`);
    expect(foreign.status).toBe(303);
    expect(foreign.headers.get("location")).toBe("/notifications");
    expect((await list("student")).notifications.find((n) => n.id === answered!.id)?.read).toBe(false);

    // One's own: followed to its place, and read from then on.
    const followed = await as("student").request("GET", `/notifications/${answered!.id}`);
    expect(followed.status).toBe(303);
    expect(followed.headers.get("location")).toBe(answered!.link);
    expect((await list("student")).notifications.find((n) => n.id === answered!.id)?.read).toBe(true);
    const anonymous = await as("anonymous").request("GET", `/notifications/${answered!.id}`);
    expect(anonymous.headers.get("location")).toBe(`/login?next=${encodeURIComponent(`/notifications/${answered!.id}`)}`);

    const all = await as("ta").request("POST", "/api/notifications/read", { json: { all: true } });
    expect(all.json<{ unread: number }>().unread).toBe(0);
    expect((await as("ta").request("POST", "/api/notifications/read", { json: { ids: [] } })).status).toBe(400);
  });
});
