import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "../../prisma/passwords.ts";
import { requireRole } from "./access.ts";
import { database } from "./db.ts";
import { badRequest, conflict, forbidden, notFound } from "./errors.ts";
import { recordAudit } from "./staff/audit.ts";
import type { Viewer } from "./viewer.ts";

/** How long a reset link works after an instructor creates it. */
export const RESET_LINK_HOURS = 24;

export const NewPasswordSchema = z
  .string()
  .min(10, "Choose a password of at least 10 characters.")
  .max(200, "Choose a password of at most 200 characters.")
  .refine((password) => password.trim().length > 0, "The password cannot be only spaces.");

/** Only the hash is stored: someone who reads the database cannot use a link that is still open. */
const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/**
 * An instructor's one-time link for a student or TA of the course who forgot their password.
 * Links created before for the same person stop working. The instructor passes it on; nothing
 * here sends mail.
 */
export async function issueResetLink(viewer: Viewer, courseId: string, userId: string, now = new Date()): Promise<{ path: string; expiresAt: string }> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  if (userId === viewer.id) throw conflict("Change your own password from a link another instructor gives you.");
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } }, include: { user: true } });
  if (!enrollment) throw notFound("This member");
  // An instructor's account can change every course it teaches: another course's instructor must not take it over.
  if (enrollment.role === "instructor") throw forbidden("Reset links are for students and TAs; an instructor's password is reset by the site's administrator.");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_HOURS * 3_600_000);
  await db.$transaction(async (tx) => {
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await tx.passwordReset.create({ data: { userId, tokenHash: hashToken(token), createdById: viewer.id, expiresAt } });
    await recordAudit(tx, viewer, {
      courseId,
      action: "roster.reset_link",
      targetType: "user",
      targetId: userId,
      details: { email: enrollment.user.email, expiresAt: expiresAt.toISOString() },
    });
  });
  return { path: `/reset/${token}`, expiresAt: expiresAt.toISOString() };
}

/** Whose link this is, while it can still be used; null for an unknown, used, replaced or expired link. */
export async function openResetLink(token: string, now = new Date()): Promise<{ email: string; expiresAt: string } | null> {
  const db = await database();
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { email: true } } } });
  if (!reset || reset.usedAt || reset.expiresAt <= now) return null;
  return { email: reset.user.email, expiresAt: reset.expiresAt.toISOString() };
}

/** Sets the new password and uses the link up; a second use, or one after expiry, is refused. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<{ email: string }> {
  const parsed = NewPasswordSchema.safeParse(password);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? "Choose another password.");
  const passwordHash = await hashPassword(parsed.data);
  const db = await database();
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx) => {
    // Claimed with a conditional update, so two submissions of the same link cannot both succeed.
    const claimed = await tx.passwordReset.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw forbidden("This reset link has expired or was already used. Ask your instructor for a new one.");
    const reset = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, include: { user: { select: { email: true } } } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    return { email: reset.user.email };
  });
}
