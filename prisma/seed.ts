/**
 * Demo data: a course with a student, a TA and an instructor, problem sets in every state
 * (open, past due, not yet open, unpublished), and a second course the demo student is not in.
 * Safe to run again: rows have stable ids and existing ones are left as they are.
 *
 * npm run db:seed
 */
import { databaseUrl } from "../app/_server/env.ts";
import { hashPassword } from "../app/_server/password.ts";
import { createDatabase } from "./client.ts";

export const DEMO_PASSWORD = "epoch-demo";

export const DEMO_USERS = [
  { id: "demo-student", email: "student@epoch.test", name: "Ada Lovelace", role: "student" },
  { id: "demo-ta", email: "ta@epoch.test", name: "Grace Hopper", role: "ta" },
  { id: "demo-instructor", email: "instructor@epoch.test", name: "Alan Turing", role: "instructor" },
] as const;

const DAY = 24 * 60 * 60 * 1000;

interface SetSeed {
  id: string;
  title: string;
  description: string;
  kind: "weekly" | "exam_practice";
  opensInDays: number;
  dueInDays: number;
  published: boolean;
  items: [exerciseId: string, points: number][];
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
    ],
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
    const { id } = (await db.user.findUniqueOrThrow({ where: { email: user.email } }));
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
        items: { create: set.items.map(([exerciseId, points], position) => ({ id: `${set.id}-${exerciseId}`, exerciseId, points, position })) },
      },
    });
  }

  // A second course, so that "not enrolled" can be seen and tested.
  const other = await db.course.upsert({ where: { code: "DL-201" }, create: { id: "dl201", code: "DL-201", title: "Deep Learning", term: "Fall 2026" }, update: {} });
  await db.user.upsert({ where: { email: "dl.student@epoch.test" }, create: { id: "dl-student", email: "dl.student@epoch.test", name: "Claude Shannon", passwordHash }, update: {} });
  await db.enrollment.upsert({ where: { userId_courseId: { userId: "dl-student", courseId: other.id } }, create: { userId: "dl-student", courseId: other.id, role: "student" }, update: {} });
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
    [
      "Demo data is ready. Sign in at http://localhost:3000 with:",
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(24)} password: ${DEMO_PASSWORD}`),
      "",
    ].join("\n"),
  );
}

if (import.meta.main) await main();
