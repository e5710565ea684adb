/**
 * Pages show "not found" for a refusal and only for a refusal: a failing database is a fault,
 * reported as one, never disguised as a missing page. Checked against a real database file,
 * broken for real by taking away the table the role check reads.
 */
import { afterEach, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { orNotFound } = await import("../../app/_server/page-errors.ts");
const { problemSetOverview } = await import("../../app/_server/problem-sets.ts");
const { problemSetForEditing } = await import("../../app/_server/staff/builder.ts");
const { AccessDenied, RequestError } = await import("../../app/_server/errors.ts");

const student: Viewer = { id: "demo-student", email: "student@epoch.test", name: "Ada Lovelace" };
const instructor: Viewer = { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing" };
const outsider: Viewer = { id: "dl-student", email: "dl.student@epoch.test", name: "Claude Shannon" };
const SET = "ml101-week1";

/** What a call ends with: its value, Next's not-found signal, a request error's status, or another error. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if ((error as { digest?: unknown }).digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "next-not-found";
    if (error instanceof RequestError) return `request-error ${error.status}`;
    return `fault: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Takes the enrolment table away, so the role check's query fails as a broken database would. */
let roleLookupsBroken = false;
async function breakRoleLookups(): Promise<void> {
  const db = await database();
  await db.$executeRawUnsafe(`ALTER TABLE "Enrollment" RENAME TO "EnrollmentAway"`);
  roleLookupsBroken = true;
}

afterEach(async () => {
  if (!roleLookupsBroken) return;
  const db = await database();
  await db.$executeRawUnsafe(`ALTER TABLE "EnrollmentAway" RENAME TO "Enrollment"`);
  roleLookupsBroken = false;
});

describe("a page's data call", () => {
  it("gives the not-found signal for a viewer without a role, naming the set rather than the course", async () => {
    expect(await outcome(orNotFound(() => problemSetOverview(outsider, SET)))).toBe("next-not-found");
    expect(await outcome(orNotFound(() => problemSetForEditing(student, SET)))).toBe("next-not-found");
    const refusal = await problemSetOverview(outsider, SET).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AccessDenied);
    expect((refusal as Error).message).toBe("This problem set does not exist or is not available to you.");
  });

  it("lets a database failure in the role check through as the fault it is", async () => {
    expect(await outcome(orNotFound(() => problemSetOverview(student, SET)))).toBe("ok");
    expect(await outcome(orNotFound(() => problemSetForEditing(instructor, SET)))).toBe("ok");
    await breakRoleLookups();
    const asStudent = await outcome(orNotFound(() => problemSetOverview(student, SET)));
    const asInstructor = await outcome(orNotFound(() => problemSetForEditing(instructor, SET)));
    for (const result of [asStudent, asInstructor]) {
      expect(result).toMatch(/^fault: /);
      expect(result).toContain("Enrollment");
    }
  });

  it("lets a database failure through even for a viewer who would be refused", async () => {
    await breakRoleLookups();
    expect(await outcome(orNotFound(() => problemSetOverview(outsider, SET)))).toMatch(/^fault: /);
  });
});

describe("orNotFound", () => {
  it("turns refusals, and nothing else, into the not-found signal", async () => {
    expect(await outcome(orNotFound(() => Promise.reject(new AccessDenied(403, "forbidden", "Not yours."))))).toBe("next-not-found");
    expect(await outcome(orNotFound(() => Promise.reject(new Error("SQLITE_IOERR: disk I/O error"))))).toBe("fault: SQLITE_IOERR: disk I/O error");
    expect(await outcome(orNotFound(() => Promise.reject(new RequestError(429, "rate_limited", "Slow down."))))).toBe("request-error 429");
  });
});
