/**
 * Staff pages of a course with more students than one statement can list: SQLite takes 999
 * values per statement, and Prisma splits a long list itself only when it is a query's whole
 * filter. The gradebook, the analytics, a regrade's preview and extensions from CSV each read
 * 1,200 students (or their submissions) here; each listed every id in one statement and failed
 * ("The query parameter limit supported by your database is exceeded").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";
import { bareResult } from "../support/grade-results.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const { courseGradebook } = await import("../../app/_server/staff/gradebook.ts");
const { courseAnalytics } = await import("../../app/_server/staff/analytics.ts");
const { regradeRun } = await import("../../app/_server/staff/regrade.ts");
const { grantExtensionsFromCsv } = await import("../../app/_server/extensions/grant.ts");
const { RequestError } = await import("../../app/_server/errors.ts");

const instructor: Viewer = { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing" };
const COURSE = "ml101";
const ITEM = "ml101-week1-forward-pass";
const STUDENTS = 1200;
const id = (i: number) => `scale-${i}`;
const storedResult = (verdict: "passed" | "failed", score: number) => JSON.stringify(bareResult(verdict, score));

beforeAll(async () => {
  const db = await database();
  const range = Array.from({ length: STUDENTS }, (_, i) => i);
  await db.user.createMany({ data: range.map((i) => ({ id: id(i), email: `${id(i)}@scale.test`, name: `Scale ${String(i).padStart(4, "0")}`, passwordHash: "x" })) });
  await db.enrollment.createMany({ data: range.map((i) => ({ userId: id(i), courseId: COURSE, role: "student" })) });
  // One graded Submit each: passed for even students, failed for odd ones.
  await db.submission.createMany({
    data: range.map((i) => ({
      id: `${id(i)}-submit`,
      userId: id(i),
      itemId: ITEM,
      exerciseId: "forward-pass",
      kind: "submit",
      language: "typescript",
      code: "export function forward() { return []; }",
      seed: i,
      status: "graded",
      verdict: i % 2 === 0 ? "passed" : "failed",
      score: i % 2 === 0 ? 1 : 0,
      maxScore: 1,
      result: storedResult(i % 2 === 0 ? "passed" : "failed", i % 2 === 0 ? 1 : 0),
    })),
  });
});

describe("a course of 1,200 students", () => {
  it("has a gradebook with every student's points", async () => {
    const gradebook = await courseGradebook(instructor, COURSE);
    const rows = gradebook.rows.filter((row) => row.student.id.startsWith("scale-"));
    expect(rows).toHaveLength(STUDENTS);
    const points = (i: number) => rows.find((row) => row.student.id === id(i))!.cells[ITEM]!.counted?.points;
    const itemPoints = (await (await database()).problemSetItem.findUniqueOrThrow({ where: { id: ITEM } })).points;
    expect([points(0), points(1), points(1198), points(1199)]).toEqual([itemPoints, 0, itemPoints, 0]);
  });

  it("has analytics counting every student who submitted", async () => {
    const [forwardPass] = await courseAnalytics(instructor, COURSE, ITEM);
    // The demo's classmates submitted too; the instructor's own tries never count.
    expect(forwardPass!.attempted).toBeGreaterThanOrEqual(STUDENTS);
    expect(forwardPass!.passed).toBeGreaterThanOrEqual(STUDENTS / 2);
    expect(forwardPass!.enrolled).toBeGreaterThanOrEqual(STUDENTS);
  });

  it("previews a regrade that changed every student's outcome", async () => {
    const db = await database();
    const run = await db.regradeRun.create({ data: { courseId: COURSE, requestedById: instructor.id, scope: "forward-pass", description: "forward-pass", status: "ready" } });
    await db.regradeEntry.createMany({
      data: Array.from({ length: STUDENTS }, (_, i) => ({
        runId: run.id,
        submissionId: `${id(i)}-submit`,
        status: "done",
        oldVerdict: i % 2 === 0 ? "passed" : "failed",
        oldScore: i % 2 === 0 ? 1 : 0,
        oldMaxScore: 1,
        newVerdict: i % 2 === 0 ? "failed" : "passed",
        newScore: i % 2 === 0 ? 0 : 1,
        newMaxScore: 1,
        newResult: storedResult(i % 2 === 0 ? "failed" : "passed", i % 2 === 0 ? 0 : 1),
      })),
    });
    const view = await regradeRun(instructor, run.id);
    expect([view.total, view.done, view.changed]).toEqual([STUDENTS, STUDENTS, STUDENTS]);
  });

  it("takes extensions for every student from one CSV", async () => {
    const due = `${new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10)}T23:59Z`;
    const csv = ["email,set,due,reason", ...Array.from({ length: STUDENTS }, (_, i) => `${id(i)}@scale.test,ml101-week1,${due},the course's servers were down`)].join("\n");
    expect(await grantExtensionsFromCsv(instructor, COURSE, csv)).toEqual({ applied: STUDENTS });
    expect(await (await database()).extension.count({ where: { userId: { startsWith: "scale-" } } })).toBe(STUDENTS);
  });

  it("says how much of a CSV was saved when saving stops part-way, and a second sending finishes it, telling each student once", async () => {
    const db = await database();
    const SET = "ml101-week2";
    const due = `${new Date(Date.now() + 40 * 24 * 3600_000).toISOString().slice(0, 10)}T23:59Z`;
    const csv = ["email,set,due,reason", ...Array.from({ length: STUDENTS }, (_, i) => `${id(i)}@scale.test,${SET},${due},lab closed`)].join("\n");
    // A real fault in the database: inserts into this set's extensions fail once it holds 150.
    const postgres = process.env.EPOCH_TEST_DATABASE === "postgresql";
    const fault = postgres
      ? [
          `CREATE FUNCTION extension_fault() RETURNS trigger AS $$ BEGIN IF (SELECT count(*) FROM "Extension" WHERE "problemSetId" = '${SET}') >= 150 THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER extension_fault BEFORE INSERT ON "Extension" FOR EACH ROW EXECUTE FUNCTION extension_fault()`,
        ]
      : [
          `CREATE TRIGGER extension_fault BEFORE INSERT ON "Extension" WHEN (SELECT count(*) FROM "Extension" WHERE "problemSetId" = '${SET}') >= 150 BEGIN SELECT RAISE(ABORT, 'injected fault'); END`,
        ];
    for (const statement of fault) await db.$executeRawUnsafe(statement);
    const failure = await grantExtensionsFromCsv(instructor, COURSE, csv).then(
      () => null,
      (error: unknown) => error,
    );
    for (const statement of postgres ? ['DROP TRIGGER extension_fault ON "Extension"', "DROP FUNCTION extension_fault()"] : ["DROP TRIGGER extension_fault"])
      await db.$executeRawUnsafe(statement);
    // Grants are saved 100 to a transaction: the first hundred hold, the second hundred rolled back.
    expect(failure).toBeInstanceOf(RequestError);
    expect((failure as InstanceType<typeof RequestError>).code).toBe("partly_applied");
    expect((failure as Error).message).toMatch(/stopped after 100 of 1200 were saved.*Send the same CSV again/);
    const count = () => db.extension.count({ where: { problemSetId: SET, userId: { startsWith: "scale-" } } });
    expect(await count()).toBe(100);
    const notices = () => db.notification.count({ where: { kind: "extension", userId: { startsWith: "scale-" }, title: { contains: "Week 2" } } });
    const toldBefore = await notices();
    expect(toldBefore).toBe(100);

    expect(await grantExtensionsFromCsv(instructor, COURSE, csv)).toEqual({ applied: STUDENTS });
    expect(await count()).toBe(STUDENTS);
    // Those saved the first time are not told again, nor written to the audit log twice.
    expect(await notices()).toBe(STUDENTS);
    expect(await db.auditEvent.count({ where: { action: "extension.grant", targetId: { startsWith: "scale-" }, details: { contains: "lab closed" } } })).toBe(STUDENTS);
  });
});
