/**
 * Demo data: a course with a student, a TA and an instructor, problem sets in every state
 * (open, past due, not yet open, unpublished), and a second course the demo student is not in.
 * Safe to run again: rows have stable ids and existing ones are left as they are.
 *
 * npm run db:seed
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { databaseUrl } from "../config.ts";
import { hashPassword } from "./passwords.ts";
import { fillVariant, variantFor, variantSeed } from "../exercises/spec/variant.ts";
import { findCalculation, findExercise } from "../exercises/registry.ts";
import { referenceAnswers } from "../exercises/calculation/bank.ts";
import type { Calculation } from "../exercises/calculation/define.ts";
import { typedAnswer, wrongAnswer } from "../exercises/calculation/typed.ts";
import { listSolutions, readSolution } from "../exercises/fixtures.ts";
import { Rng } from "../exercises/spec/random.ts";
import { createDatabase } from "./client.ts";
import type { Feedback, LateWork, Role, ScorePolicy, SetKind } from "./enums.ts";

export const DEMO_PASSWORD = "epoch-demo";

export const DEMO_USERS = [
  { id: "demo-student", email: "student@epoch.test", name: "Ada Lovelace", role: "student" },
  { id: "demo-ta", email: "ta@epoch.test", name: "Grace Hopper", role: "ta" },
  { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing", role: "instructor" },
] as const satisfies readonly { id: string; email: string; name: string; role: Role }[];

const DAY = 24 * 60 * 60 * 1000;

interface SetSeed {
  id: string;
  title: string;
  description: string;
  kind: SetKind;
  opensInDays: number;
  dueInDays: number;
  published: boolean;
  items: [exerciseId: string, points: number][];
  policy?: {
    scorePolicy?: ScorePolicy;
    maxAttempts?: number;
    lateWork?: LateWork;
    latePenaltyPerDay?: number;
    latePenaltyCap?: number;
    timeLimitMinutes?: number;
    feedback?: Feedback;
  };
}

const ML101_SETS: SetSeed[] = [
  {
    id: "ml101-week0",
    title: "Week 0 — Warm-up",
    description: "Vectors and similarity, to get used to the editor and the grader.",
    kind: "weekly",
    opensInDays: -14,
    dueInDays: -7,
    published: true,
    items: [["cosine-similarity", 5]],
    policy: { lateWork: "penalty", latePenaltyPerDay: 10, latePenaltyCap: 50 },
  },
  {
    id: "ml101-week1",
    title: "Week 1 — Neural network basics",
    description: "Feed-forward computation, the chain rule on a small graph, and counting parameters.",
    kind: "weekly",
    opensInDays: -3,
    dueInDays: 4,
    published: true,
    items: [
      ["backprop-warmup", 5],
      ["forward-pass", 10],
      ["mlp-parameter-count", 5],
      ["activation-derivatives", 10],
    ],
    policy: { lateWork: "penalty", latePenaltyPerDay: 10, latePenaltyCap: 50 },
  },
  {
    id: "ml101-week2",
    title: "Week 2 — Training networks",
    description: "Backpropagation through a two-layer network, softmax cross-entropy, and a gradient-descent step.",
    kind: "weekly",
    opensInDays: -1,
    dueInDays: 11,
    published: true,
    items: [
      ["backprop-gradients", 15],
      ["softmax-cross-entropy", 10],
      ["logistic-regression-step", 10],
      // A calculation: the chain rule by hand for one weight, answered with numbers.
      ["backprop-one-weight", 5],
    ],
    policy: { scorePolicy: "last", maxAttempts: 5, lateWork: "refuse" },
  },
  {
    id: "ml101-exam1",
    title: "Exam practice — networks and clustering",
    description: "45 minutes from the moment you start. Only pass/fail counts are shown until the set closes.",
    kind: "exam_practice",
    opensInDays: -1,
    dueInDays: 6,
    published: true,
    items: [
      ["backprop-warmup", 5],
      ["kmeans-step", 10],
      ["mlp-parameter-count", 5],
      // A calculation (answered with numbers, not code), as exams mix them with programming.
      ["kmeans-step-by-hand", 5],
    ],
    policy: { timeLimitMinutes: 45, feedback: "counts", lateWork: "refuse", maxAttempts: 3 },
  },
  {
    id: "ml101-week3",
    title: "Week 3 — Clustering",
    description: "One k-means iteration and its objective.",
    kind: "weekly",
    opensInDays: 5,
    dueInDays: 12,
    published: true,
    items: [
      ["kmeans-step", 10],
      ["kmeans-wcss", 5],
    ],
  },
  {
    id: "ml101-week4",
    title: "Week 4 — Convolutions and auto-encoders (draft)",
    description: "Not published yet.",
    kind: "weekly",
    opensInDays: 12,
    dueInDays: 19,
    published: false,
    items: [
      ["conv-maxpool", 10],
      ["autoencoder-reconstruction", 10],
    ],
  },
];

async function main(): Promise<void> {
  const db = await createDatabase(databaseUrl());
  const now = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const course = await db.course.upsert({
    where: { code: "ML-101" },
    create: { id: "ml101", code: "ML-101", title: "Machine Learning", term: "Fall 2026" },
    update: {},
  });
  for (const user of DEMO_USERS) {
    await db.user.upsert({ where: { email: user.email }, create: { id: user.id, email: user.email, name: user.name, passwordHash }, update: {} });
    const { id } = await db.user.findUniqueOrThrow({ where: { email: user.email } });
    await db.enrollment.upsert({
      where: { userId_courseId: { userId: id, courseId: course.id } },
      create: { userId: id, courseId: course.id, role: user.role },
      update: {},
    });
  }
  for (const set of ML101_SETS) {
    const existing = await db.problemSet.findUnique({ where: { id: set.id } });
    if (existing) continue;
    await db.problemSet.create({
      data: {
        id: set.id,
        courseId: course.id,
        title: set.title,
        description: set.description,
        kind: set.kind,
        opensAt: new Date(now + set.opensInDays * DAY),
        dueAt: new Date(now + set.dueInDays * DAY),
        published: set.published,
        ...set.policy,
        items: { create: set.items.map(([exerciseId, points], position) => ({ id: `${set.id}-${exerciseId}`, exerciseId, points, position })) },
      },
    });
  }

  await seedClassmates(db, course.id, passwordHash);

  // A second course, so that "not enrolled" can be seen and tested.
  const other = await db.course.upsert({ where: { code: "DL-201" }, create: { id: "dl201", code: "DL-201", title: "Deep Learning", term: "Fall 2026" }, update: {} });
  await db.user.upsert({
    where: { email: "dl.student@epoch.test" },
    create: { id: "dl-student", email: "dl.student@epoch.test", name: "Claude Shannon", passwordHash },
    update: {},
  });
  await db.enrollment.upsert({
    where: { userId_courseId: { userId: "dl-student", courseId: other.id } },
    create: { userId: "dl-student", courseId: other.id, role: "student" },
    update: {},
  });
  await db.user.upsert({ where: { email: "dl.ta@epoch.test" }, create: { id: "dl-ta", email: "dl.ta@epoch.test", name: "Barbara McClintock", passwordHash }, update: {} });
  await db.enrollment.upsert({ where: { userId_courseId: { userId: "dl-ta", courseId: other.id } }, create: { userId: "dl-ta", courseId: other.id, role: "ta" }, update: {} });
  if (!(await db.problemSet.findUnique({ where: { id: "dl201-week1" } }))) {
    await db.problemSet.create({
      data: {
        id: "dl201-week1",
        courseId: other.id,
        title: "Week 1 — Convolutions",
        kind: "weekly",
        opensAt: new Date(now - 2 * DAY),
        dueAt: new Date(now + 5 * DAY),
        items: { create: [{ id: "dl201-week1-conv-maxpool", exerciseId: "conv-maxpool", points: 10, position: 0 }] },
      },
    });
  }

  await db.$disconnect();
  process.stdout.write(
    ["Demo data is ready. Sign in at http://localhost:3000 with:", ...DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(24)} password: ${DEMO_PASSWORD}`), ""].join(
      "\n",
    ),
  );
}

/** Classmates of the demo student, with work of every kind, so the TA queue, gradebook and charts show something real. */
const CLASSMATES = [
  ["emmy", "Emmy Noether"],
  ["katherine", "Katherine Johnson"],
  ["john", "John von Neumann"],
  ["hedy", "Hedy Lamarr"],
  ["kurt", "Kurt Gödel"],
  ["barbara", "Barbara Liskov"],
  ["donald", "Donald Knuth"],
  ["margaret", "Margaret Hamilton"],
  ["edsger", "Edsger Dijkstra"],
  ["frances", "Frances Allen"],
] as const;

/**
 * A classmate's answers to a calculation: sometimes one wrong part first, then (for most) the
 * reference typed in. Stored queued, like their code, so the grader host grades them.
 */
async function seedAnswers(
  db: Awaited<ReturnType<typeof createDatabase>>,
  calculation: Calculation,
  userId: string,
  itemId: string,
  dueAt: Date,
  rng: Rng,
  skill: number,
): Promise<void> {
  const seed = variantSeed(userId, itemId);
  const reference = referenceAnswers(calculation, seed);
  const right = Object.fromEntries(calculation.parts.map((part) => [part.id, typedAnswer(reference[part.id]!)]));
  if (!rng.bool(0.45 + 0.5 * skill)) return;
  const attempts: Record<string, unknown>[] = [];
  if (rng.bool(0.6 - 0.4 * skill)) {
    const slip = rng.pick(calculation.parts);
    attempts.push({ ...right, [slip.id]: wrongAnswer(slip.answer, reference[slip.id]!) });
  }
  if (attempts.length === 0 || rng.bool(0.3 + 0.6 * skill)) attempts.push(right);
  let at = Date.now() - rng.int(2, 20) * 60 * 60_000;
  for (const answers of attempts) {
    at += rng.int(5, 40) * 60_000;
    await db.submission.create({
      data: {
        userId,
        itemId,
        exerciseId: calculation.id,
        kind: "submit",
        language: "typescript",
        code: JSON.stringify(answers),
        seed,
        late: at > dueAt.getTime(),
        createdAt: new Date(Math.min(at, Date.now() - 60_000)),
      },
    });
  }
}

function fixture(exerciseId: string, name: string): string | null {
  return listSolutions(exerciseId).includes(name) ? readSolution(exerciseId, name) : null;
}

function starter(exerciseId: string): string {
  return readFileSync(join(process.cwd(), "exercises", exerciseId, "starter.ts"), "utf8");
}

async function seedClassmates(db: Awaited<ReturnType<typeof createDatabase>>, courseId: string, passwordHash: string): Promise<void> {
  const sets = await db.problemSet.findMany({ where: { courseId, id: { in: ["ml101-week0", "ml101-week1", "ml101-week2"] } }, include: { items: true } });
  const rng = new Rng(2026);
  for (const [index, [handle, name]] of CLASSMATES.entries()) {
    const email = `${handle}@epoch.test`;
    if (await db.user.findUnique({ where: { email } })) continue;
    const user = await db.user.create({ data: { id: `demo-${handle}`, email, name, passwordHash } });
    await db.enrollment.create({ data: { userId: user.id, courseId, role: "student" } });
    // Stronger students pass more, and sooner.
    const skill = 1 - index / CLASSMATES.length;
    for (const set of sets) {
      for (const item of set.items) {
        // Answers draw from a generator of their own, so the code submissions stay as they were.
        const calculation = findCalculation(item.exerciseId);
        if (calculation) {
          await seedAnswers(db, calculation, user.id, item.id, set.dueAt, new Rng(variantSeed(user.id, item.id)).fork("demo answers"), skill);
          continue;
        }
        if (!rng.bool(0.45 + 0.5 * skill)) continue;
        const exercise = findExercise(item.exerciseId);
        if (!exercise) continue;
        const mistakes = (exercise.mistakes ?? []).map((m) => m.id);
        const attempts: string[] = [];
        if (rng.bool(0.25)) attempts.push(starter(item.exerciseId));
        for (let k = rng.int(0, 2); k > 0 && mistakes.length > 0; k--) attempts.push(fixture(item.exerciseId, rng.pick(mistakes)) ?? starter(item.exerciseId));
        if (rng.bool(0.35 + 0.6 * skill)) attempts.push(fixture(item.exerciseId, "correct") ?? starter(item.exerciseId));
        if (attempts.length === 0) attempts.push(fixture(item.exerciseId, rng.pick(mistakes.length ? mistakes : ["correct"])) ?? starter(item.exerciseId));
        // Spread over the days the set was open; past-due sets get some late work.
        const opened = set.opensAt.getTime();
        const span = Math.max(DAY, Math.min(Date.now(), set.dueAt.getTime() + 2 * DAY) - opened - 60_000);
        let at = opened + rng.next() * span * 0.6;
        for (const code of attempts) {
          at = Math.min(Date.now() - 60_000, at + rng.next() * span * 0.15 + 60_000);
          await db.submission.create({
            data: {
              userId: user.id,
              itemId: item.id,
              exerciseId: item.exerciseId,
              kind: "submit",
              language: "typescript",
              // A student copies their own variant's values (e.g. λ) from their statement.
              code: fillVariant(code, variantFor(exercise, variantSeed(user.id, item.id))),
              seed: variantSeed(user.id, item.id),
              late: at > set.dueAt.getTime(),
              createdAt: new Date(at),
            },
          });
        }
      }
    }
  }
  // One reviewed submission, so the TA pages show a comment and an override from the start: the
  // first classmate's forward-pass attempt with a line 18 to comment on (not the starter). The
  // generated work decides whose it is; asking for one student's (it was John's) found none.
  const forwardPass = await db.submission.findMany({
    where: { exerciseId: "forward-pass", userId: { in: CLASSMATES.map(([handle]) => `demo-${handle}`) } },
    orderBy: { createdAt: "asc" },
  });
  const reviewed = forwardPass.find((submission) => submission.code.split("\n").length >= 18);
  if (reviewed && (await db.comment.count({ where: { submissionId: reviewed.id } })) === 0) {
    await db.comment.create({
      data: {
        submissionId: reviewed.id,
        authorId: "demo-ta",
        body: "Check the sum for each unit: every row of W belongs to one unit, and that unit's bias is added before the activation.",
        line: 18,
      },
    });
    await db.scoreOverride.create({ data: { submissionId: reviewed.id, authorId: "demo-ta", points: 4, reason: "Right idea, one slip in the sum: partial credit." } });
    await db.submission.update({ where: { id: reviewed.id }, data: { reviewedAt: new Date(), reviewedById: "demo-ta" } });
    await db.auditEvent.create({
      data: {
        courseId,
        actorId: "demo-ta",
        action: "submission.override",
        targetType: "submission",
        targetId: reviewed.id,
        details: JSON.stringify({ from: null, to: 4, reason: "Right idea, one slip in the sum: partial credit." }),
      },
    });
  }
}

if (import.meta.main) await main();
