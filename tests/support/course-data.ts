/**
 * Data of a test's own, written through the data layer into the running app's database: a fresh
 * course with its own staff, students, sets and submissions. A test that builds what it needs
 * this way runs alone and in any order, and cannot be disturbed by what another test changed.
 */
import { randomBytes } from "node:crypto";
import { findExercise } from "../../exercises/registry.ts";
import { fillVariant, variantFor, variantSeed } from "../../exercises/spec/variant.ts";
import { hashPassword } from "../../prisma/passwords.ts";
import { createDatabase, type Database } from "../../prisma/client.ts";
import { DEMO_PASSWORD } from "../../prisma/seed.ts";

/** Every account a test creates signs in with the demo password. */
export const TEST_PASSWORD = DEMO_PASSWORD;

const DAY = 24 * 60 * 60 * 1000;

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

export interface SetSpec {
  readonly title: string;
  readonly kind?: "weekly" | "exam_practice";
  /** Exercise id and points, in the set's order. */
  readonly items: readonly (readonly [exerciseId: string, points: number])[];
  readonly published?: boolean;
  readonly opensInDays?: number;
  readonly dueInDays?: number;
  readonly scorePolicy?: "best" | "last";
  readonly lateWork?: "refuse" | "penalty";
  readonly timeLimitMinutes?: number;
  readonly feedback?: "full" | "counts" | "after_close";
}

export interface SeededSet {
  readonly id: string;
  readonly title: string;
  /** The set item's id for each exercise id. */
  readonly itemIds: Readonly<Record<string, string>>;
}

export interface SeededCourse {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  /** The course's staff overview, `/courses/<id>`. */
  readonly path: string;
  readonly instructor: Person;
  readonly ta: Person;
  readonly students: readonly Person[];
  readonly sets: readonly SeededSet[];
}

const STUDENT_NAMES = ["Sofia Kovalevskaya", "Lise Meitner", "Srinivasa Ramanujan", "Mary Cartwright", "Alonzo Church", "Karen Spärck Jones"];

let passwordHash: Promise<string> | undefined;

export class TestData {
  readonly db: Database;

  private constructor(db: Database) {
    this.db = db;
  }

  /** Opens the database the app under test uses (RunningApp.databaseUrl). Close it when done. */
  static async open(databaseUrl: string): Promise<TestData> {
    return new TestData(await createDatabase(databaseUrl));
  }

  async close(): Promise<void> {
    await this.db.$disconnect();
  }

  /** A course no other test knows: an instructor, a TA, `students` students and the given sets. */
  async course(spec: { students?: number; sets?: readonly SetSpec[] } = {}): Promise<SeededCourse> {
    const key = randomBytes(4).toString("hex");
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const hash = await passwordHash;
    const course = await this.db.course.create({ data: { id: `course-${key}`, code: `T-${key.toUpperCase()}`, title: `Test course ${key}`, term: "Fall 2026" } });
    const person = async (handle: string, name: string, role: "student" | "ta" | "instructor"): Promise<Person> => {
      const user = await this.db.user.create({ data: { id: `${handle}-${key}`, email: `${handle}-${key}@epoch.test`, name, passwordHash: hash } });
      await this.db.enrollment.create({ data: { userId: user.id, courseId: course.id, role } });
      return { id: user.id, email: user.email, name: user.name };
    };
    const instructor = await person("instructor", "Mary Somerville", "instructor");
    const ta = await person("ta", "Rosalind Franklin", "ta");
    const students: Person[] = [];
    for (let i = 0; i < (spec.students ?? 1); i++) students.push(await person(`student${i + 1}`, STUDENT_NAMES[i % STUDENT_NAMES.length]!, "student"));
    const sets: SeededSet[] = [];
    for (const [index, set] of (spec.sets ?? []).entries()) {
      const id = `${course.id}-set${index + 1}`;
      const itemIds = Object.fromEntries(set.items.map(([exerciseId]) => [exerciseId, `${id}-${exerciseId}`]));
      const now = Date.now();
      await this.db.problemSet.create({
        data: {
          id,
          courseId: course.id,
          title: set.title,
          kind: set.kind ?? "weekly",
          opensAt: new Date(now + (set.opensInDays ?? -1) * DAY),
          dueAt: new Date(now + (set.dueInDays ?? 7) * DAY),
          published: set.published ?? true,
          scorePolicy: set.scorePolicy ?? "best",
          lateWork: set.lateWork ?? "penalty",
          timeLimitMinutes: set.timeLimitMinutes ?? null,
          feedback: set.feedback ?? "full",
          items: { create: set.items.map(([exerciseId, points], position) => ({ id: itemIds[exerciseId]!, exerciseId, points, position })) },
        },
      });
      sets.push({ id, title: set.title, itemIds });
    }
    return { id: course.id, code: course.code, title: course.title, path: `/courses/${course.id}`, instructor, ta, students, sets };
  }

  /**
   * A queued submission, as if the student had pressed Submit `minutesAgo` minutes ago; the
   * grader host grades it. Fixture values marked for the variant are filled with the student's.
   */
  async submit(student: Person, itemId: string, code: string, options: { minutesAgo?: number } = {}): Promise<string> {
    const item = await this.db.problemSetItem.findUniqueOrThrow({ where: { id: itemId } });
    const exercise = findExercise(item.exerciseId);
    if (!exercise) throw new Error(`no exercise ${item.exerciseId}`);
    const seed = variantSeed(student.id, itemId);
    const submission = await this.db.submission.create({
      data: {
        userId: student.id,
        itemId,
        exerciseId: item.exerciseId,
        kind: "submit",
        language: "typescript",
        code: fillVariant(code, variantFor(exercise, seed)),
        seed,
        createdAt: new Date(Date.now() - (options.minutesAgo ?? 0) * 60_000),
      },
    });
    return submission.id;
  }

  /** Waits until the grader host has graded every one of these submissions. */
  async waitUntilGraded(submissionIds: readonly string[], timeoutMs = 90_000): Promise<void> {
    // A loop of its own rather than expect.poll, which works only inside a test, not in beforeAll.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const waiting = await this.db.submission.count({ where: { id: { in: [...submissionIds] }, status: { not: "graded" } } });
      if (waiting === 0) return;
      if (Date.now() > deadline) throw new Error(`${waiting} of ${submissionIds.length} submissions were not graded within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** What a TA's review leaves behind: a comment on a line, a score override, the reviewed mark and the audit entry. */
  async review(submissionId: string, by: Person, review: { comment?: { body: string; line: number }; override?: { points: number; reason: string } }): Promise<void> {
    const submission = await this.db.submission.findUniqueOrThrow({ where: { id: submissionId }, include: { item: { include: { problemSet: true } } } });
    const courseId = submission.item.problemSet.courseId;
    if (review.comment) await this.db.comment.create({ data: { submissionId, authorId: by.id, body: review.comment.body, line: review.comment.line } });
    if (review.override) {
      const { points, reason } = review.override;
      await this.db.scoreOverride.create({ data: { submissionId, authorId: by.id, points, reason } });
      await this.db.auditEvent.create({
        data: {
          courseId,
          actorId: by.id,
          action: "submission.override",
          targetType: "submission",
          targetId: submissionId,
          details: JSON.stringify({ from: null, to: points, reason }),
        },
      });
    }
    await this.db.submission.update({ where: { id: submissionId }, data: { reviewedAt: new Date(), reviewedById: by.id } });
  }
}
