/**
 * Roster CSV import: each bad line comes back with its number and a plain message, a file of
 * nothing but bad lines adds no one and still says what is wrong with each, and new accounts
 * come with their temporary passwords.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const roster = await import("../../app/_server/staff/roster.ts");

const COURSE = "ri-course";
const instructor: Viewer = { id: "ri-instructor", email: "ri-instructor@epoch.test", name: "Instructor" };

beforeAll(async () => {
  const db = await database();
  await db.user.create({ data: { id: instructor.id, email: instructor.email, name: instructor.name, passwordHash: "x" } });
  await db.course.create({ data: { id: COURSE, code: "RI-1", title: "Roster", term: "Now" } });
  await db.enrollment.create({ data: { userId: instructor.id, courseId: COURSE, role: "instructor" } });
});

describe("roster CSV import", () => {
  it("reports each bad line by number in plain words, and adds the good ones with temporary passwords", async () => {
    const { outcomes, problems } = await roster.addMembers(instructor, COURSE, {
      csv: "email,name,role\nada@ri.test,Ada,student\nnot-an-email,Nobody,student\ngrace@ri.test,Grace,teacher\n,No Email,ta\n",
      defaultRole: "student",
    });
    expect(outcomes).toEqual([{ email: "ada@ri.test", role: "student", status: "created", temporaryPassword: expect.stringMatching(/^[\w-]{12}$/) }]);
    expect(problems).toEqual([
      { line: 3, message: "“not-an-email” is not an email address." },
      { line: 4, message: "“teacher” is not a role: use student, ta or instructor." },
      { line: 5, message: "The email is missing." },
    ]);
  });

  it("answers a file of only bad lines with every problem, adding no one", async () => {
    const db = await database();
    const before = await db.enrollment.count({ where: { courseId: COURSE } });
    const answer = await roster.addMembers(instructor, COURSE, { csv: "bob@\nalice,Alice\n", defaultRole: "student" });
    expect(answer).toEqual({
      outcomes: [],
      problems: [
        { line: 1, message: "“bob@” is not an email address." },
        { line: 2, message: "“alice” is not an email address." },
      ],
    });
    expect(await db.enrollment.count({ where: { courseId: COURSE } })).toBe(before);
  });
});
