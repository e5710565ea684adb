/**
 * Sends the queued notification emails (OutgoingEmail rows written by the web app in the same
 * transaction as the change they report). Runs in the grader host, away from any request: a slow
 * or unreachable mail server delays mail, never a student's or a TA's action. Several hosts may
 * run it at once: a row is claimed with a conditional update before it is sent.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../../../prisma/client.ts";
import { smtpSettings, type SmtpSettings } from "../../../config.ts";
import { smtpTransport, type SendMail } from "./smtp-client.ts";

export interface OutboxOptions {
  /** Sends after which a message is given up ("failed"). */
  readonly maxAttempts?: number;
  /** The wait before the first retry; it doubles with each failure. */
  readonly retryAfterMs?: number;
  /** How long a claim keeps other hosts off a message being sent. */
  readonly claimMs?: number;
  readonly batch?: number;
  readonly now?: () => Date;
}

export interface OutboxRound {
  readonly sent: number;
  /** Failed this round, to be tried again later. */
  readonly retrying: number;
  /** Failed for the last time. */
  readonly failed: number;
}

/** One pass over the due messages. */
export async function sendQueuedEmails(db: Database, send: SendMail, options: OutboxOptions = {}): Promise<OutboxRound> {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 5;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  const claimMs = options.claimMs ?? 5 * 60_000;
  const due = await db.outgoingEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { nextAttemptAt: "asc" },
    take: options.batch ?? 20,
    select: { id: true, to: true, subject: true, text: true, attempts: true, nextAttemptAt: true },
  });
  const round = { sent: 0, retrying: 0, failed: 0 };
  for (const email of due) {
    const token = randomUUID();
    const { count } = await db.outgoingEmail.updateMany({
      where: { id: email.id, status: "pending", nextAttemptAt: email.nextAttemptAt },
      data: { claimToken: token, nextAttemptAt: new Date(now().getTime() + claimMs) },
    });
    if (count !== 1) continue; // another host took it
    try {
      await send({ to: email.to, subject: email.subject, text: email.text });
      await db.outgoingEmail.updateMany({ where: { id: email.id, claimToken: token }, data: { status: "sent", sentAt: now(), attempts: email.attempts + 1, lastError: null } });
      round.sent++;
    } catch (error) {
      const attempts = email.attempts + 1;
      const last = attempts >= maxAttempts;
      await db.outgoingEmail.updateMany({
        where: { id: email.id, claimToken: token },
        data: {
          attempts,
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
          status: last ? "failed" : "pending",
          nextAttemptAt: new Date(now().getTime() + retryAfterMs * 2 ** (attempts - 1)),
        },
      });
      if (last) round.failed++;
      else round.retrying++;
    }
  }
  return round;
}

export interface Mailer {
  /** Sends what is due now (also done every interval). */
  flush(): Promise<OutboxRound>;
  stop(): Promise<void>;
}

/** Sends queued emails every `intervalMs` until stopped. */
export function startMailer(db: Database, send: SendMail, options: OutboxOptions & { intervalMs?: number; log?: (message: string) => void } = {}): Mailer {
  const log = options.log ?? (() => {});
  let running: Promise<OutboxRound> | null = null;
  const flush = (): Promise<OutboxRound> => {
    running ??= sendQueuedEmails(db, send, options)
      .then((round) => {
        if (round.sent || round.retrying || round.failed) log(`mail: ${round.sent} sent, ${round.retrying} to retry, ${round.failed} given up`);
        return round;
      })
      .catch((error: unknown) => {
        log(`mail: could not read the outbox: ${error instanceof Error ? error.message : String(error)}`);
        return { sent: 0, retrying: 0, failed: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 10_000);
  timer.unref();
  return {
    flush,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The mailer for the configured SMTP server, or null when email is off (no SMTP settings). */
export function startConfiguredMailer(db: Database, log: (message: string) => void, settings: SmtpSettings | null = smtpSettings()): Mailer | null {
  if (settings === null) return null;
  log(`mail: sending notification emails through ${settings.host}:${settings.port}`);
  return startMailer(db, smtpTransport(settings), { log });
}
