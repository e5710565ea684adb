/**
 * Notification email, end to end against a local SMTP server started here (tests/support/smtp-sink.ts):
 * a change queues its email in the database without touching the network; the grader host's
 * outbox sends it over SMTP (AUTH PLAIN) and the sink reads it back; failures are retried.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "../support/smtp-sink.ts";
import { useFreshDatabase } from "../support/database.ts";
import type { Viewer } from "../../app/_server/viewer.ts";

const sink = await startSmtpSink({ user: "epoch-mailer", pass: "mail secret" });
// Before anything reads the environment: env() caches it.
process.env.SMTP_URL = sink.url;
process.env.SMTP_FROM = "course@epoch.test";
process.env.PUBLIC_URL = "https://epoch.example.edu";
await useFreshDatabase();
const { database } = await import("../../app/_server/db.ts");
const review = await import("../../app/_server/staff/review.ts");
const { smtpSettings } = await import("../../config.ts");
const { smtpTransport } = await import("../../grader/host/mail/smtp-client.ts");
const { sendQueuedEmails, startConfiguredMailer } = await import("../../grader/host/mail/outbox.ts");

const ta: Viewer = { id: "m-ta", email: "m-ta@epoch.test", name: "Tess TA" };
const student: Viewer = { id: "m-zoe", email: "zoe@epoch.test", name: "Zoë" };

beforeAll(async () => {
  const db = await database();
  for (const user of [ta, student]) await db.user.create({ data: { id: user.id, email: user.email, name: user.name, passwordHash: "x" } });
  await db.course.create({ data: { id: "m-course", code: "M-1", title: "Mail", term: "Now" } });
  await db.enrollment.createMany({
    data: [
      { userId: ta.id, courseId: "m-course", role: "ta" },
      { userId: student.id, courseId: "m-course", role: "student" },
    ],
  });
  await db.problemSet.create({
    data: {
      id: "m-set",
      courseId: "m-course",
      title: "Week 1",
      opensAt: new Date(Date.now() - 9 * 86_400_000),
      dueAt: new Date(Date.now() - 86_400_000),
      items: { create: [{ id: "m-item", exerciseId: "forward-pass", points: 10, position: 0 }] },
    },
  });
  await db.submission.create({
    data: {
      id: "m-sub",
      userId: student.id,
      itemId: "m-item",
      exerciseId: "forward-pass",
      kind: "submit",
      language: "typescript",
      code: "a\nb\nc",
      seed: 1,
      status: "graded",
      score: 3,
      maxScore: 9,
    },
  });
});
afterAll(async () => {
  await sink.stop();
});

describe("notification email", () => {
  it("reads SMTP_URL into settings", () => {
    expect(smtpSettings()).toEqual({ host: "127.0.0.1", port: sink.port, secure: false, user: "epoch-mailer", pass: "mail secret", from: "course@epoch.test" });
  });

  it("a TA's comment is queued with the change, then sent over SMTP and read back from the server", async () => {
    const db = await database();
    await review.addComment(ta, "m-sub", { body: "σ' is missing at the hidden layer.", line: 2 });
    // Queued in the database only: the comment never waited for the mail server.
    expect(sink.messages).toHaveLength(0);
    expect(await db.outgoingEmail.findMany({ select: { to: true, status: true } })).toEqual([{ to: "zoe@epoch.test", status: "pending" }]);

    const round = await sendQueuedEmails(db, smtpTransport(smtpSettings()!, { timeoutMs: 5000 }));
    expect(round).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail] = await sink.waitFor(1);
    expect(mail!.user).toBe("epoch-mailer");
    expect(mail!.from).toBe("course@epoch.test");
    expect(mail!.to).toEqual(["zoe@epoch.test"]);
    expect(mail!.headers.subject).toBe("[Epoch] Tess TA commented on Forward pass through a dense network, line 2");
    expect(mail!.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(mail!.text).toContain("σ' is missing at the hidden layer.");
    expect(mail!.text).toContain("Open it: https://epoch.example.edu/items/m-item?submission=m-sub&line=2");
    expect(await db.outgoingEmail.findFirstOrThrow()).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    // Sent once: another pass finds nothing due.
    expect(await sendQueuedEmails(db, smtpTransport(smtpSettings()!))).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("a refused message is retried later, and given up after the last attempt", async () => {
    const db = await database();
    await review.overrideScore(ta, "m-sub", { points: 7, reason: "Shapes were right" });
    const send = smtpTransport(smtpSettings()!, { timeoutMs: 5000 });
    sink.refuseNext(1);
    expect(await sendQueuedEmails(db, send)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const waiting = await db.outgoingEmail.findFirstOrThrow({ where: { status: "pending" } });
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toMatch(/451/);
    // Not due yet; due once the retry delay has passed.
    expect(await sendQueuedEmails(db, send)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const later = () => new Date(Date.now() + 120_000);
    expect(await sendQueuedEmails(db, send, { now: later })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect((await sink.waitFor(2))[1]!.headers.subject).toBe("[Epoch] Tess TA set your score for Forward pass through a dense network to 7 points");

    await review.addComment(ta, "m-sub", { body: "One more thing." });
    const unreachable = smtpTransport({ ...smtpSettings()!, port: 1 }, { timeoutMs: 2000 });
    expect(await sendQueuedEmails(db, unreachable, { maxAttempts: 1 })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await db.outgoingEmail.findFirstOrThrow({ where: { status: "failed" } })).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
  });

  it("the host's mailer sends what is queued", async () => {
    const db = await database();
    const mailer = startConfiguredMailer(db, () => {}, smtpSettings())!;
    try {
      await review.addComment(ta, "m-sub", { body: "Sent by the mailer." });
      expect(await mailer.flush()).toMatchObject({ sent: 1 });
      expect(sink.messages.at(-1)!.text).toContain("Sent by the mailer.");
    } finally {
      await mailer.stop();
    }
    expect(startConfiguredMailer(db, () => {}, null)).toBeNull();
  });
});
