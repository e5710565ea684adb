import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { requireRole } from "../access.ts";
import { database } from "../db.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { hashPassword } from "../../../prisma/passwords.ts";
import { RoleSchema, type Role, STAFF_ROLES } from "../roles.ts";
import type { Viewer } from "../viewer.ts";
import { recordAudit } from "./audit.ts";

const EmailSchema = z.string().trim().toLowerCase().email().max(254);

export const MemberSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().max(120).optional(),
  role: RoleSchema.default("student"),
});
export const AddMembersSchema = z.union([
  z.strictObject({ members: z.array(MemberSchema).min(1).max(2000) }),
  z.strictObject({
    csv: z
      .string()
      .min(1)
      .max(512 * 1024),
    defaultRole: RoleSchema.default("student"),
  }),
]);

export interface RosterEntry {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly addedAt: string;
}

export interface AddOutcome {
  readonly email: string;
  readonly role: Role;
  readonly status: "created" | "enrolled" | "role_changed" | "unchanged";
  /** Shown once to the instructor for new accounts; Epoch does not send email. */
  readonly temporaryPassword?: string;
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Reads "email[,name[,role]]" lines; a header line naming the columns is allowed and may put
 * them in any order. Blank lines are skipped; every bad line is reported with its number.
 */
export function parseRosterCsv(csv: string, defaultRole: Role): { members: z.infer<typeof MemberSchema>[]; problems: CsvProblem[] } {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  let columns = ["email", "name", "role"];
  const members: z.infer<typeof MemberSchema>[] = [];
  const problems: CsvProblem[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const cells = splitCsvLine(line);
    if (index === 0 && cells.some((c) => c.toLowerCase() === "email")) {
      columns = cells.map((c) => c.toLowerCase());
      return;
    }
    const record = Object.fromEntries(columns.map((name, i) => [name, cells[i]?.trim() ?? ""]));
    const parsed = MemberSchema.safeParse({
      email: record.email,
      ...(record.name ? { name: record.name } : {}),
      role: record.role ? record.role.toLowerCase() : defaultRole,
    });
    if (parsed.success) members.push(parsed.data);
    else problems.push({ line: index + 1, message: plainProblem(parsed.error.issues, record) });
  });
  return { members, problems };
}

/** What is wrong with a row, in words an instructor acts on (not the validator's own text). */
function plainProblem(issues: readonly z.core.$ZodIssue[], record: Record<string, string>): string {
  const fields = new Set(issues.map((issue) => String(issue.path[0] ?? "")));
  const sentences: string[] = [];
  if (fields.has("email")) sentences.push(record.email ? `“${record.email}” is not an email address.` : "The email is missing.");
  if (fields.has("name")) sentences.push("The name is longer than 120 characters.");
  if (fields.has("role")) sentences.push(`“${record.role}” is not a role: use student, ta or instructor.`);
  return sentences.length > 0 ? sentences.join(" ") : "This line could not be read.";
}

/** Splits one CSV line, honouring double-quoted cells ("Lovelace, Ada"). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === "," || char === ";" || char === "\t") {
      cells.push(current);
      current = "";
    } else current += char;
  }
  cells.push(current);
  return cells;
}

export async function courseRoster(viewer: Viewer, courseId: string): Promise<RosterEntry[]> {
  const db = await database();
  await requireRole(db, viewer, courseId, STAFF_ROLES);
  const enrollments = await db.enrollment.findMany({ where: { courseId }, include: { user: true }, orderBy: [{ role: "asc" }, { user: { name: "asc" } }] });
  return enrollments.map((e) => ({ userId: e.userId, email: e.user.email, name: e.user.name, role: RoleSchema.parse(e.role), addedAt: e.createdAt.toISOString() }));
}

/** Adds people by email; unknown emails get an account with a temporary password. */
export async function addMembers(viewer: Viewer, courseId: string, input: z.infer<typeof AddMembersSchema>): Promise<{ outcomes: AddOutcome[]; problems: CsvProblem[] }> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  const { members, problems } = "csv" in input ? parseRosterCsv(input.csv, input.defaultRole) : { members: input.members, problems: [] };
  // Every line bad: nothing is added, and each line's problem goes back to be fixed.
  if (members.length === 0 && problems.length > 0) return { outcomes: [], problems };
  if (members.length === 0) throw badRequest("No one to add.");
  const outcomes: AddOutcome[] = [];
  for (const member of members) {
    let user = await db.user.findUnique({ where: { email: member.email } });
    let temporaryPassword: string | undefined;
    if (!user) {
      temporaryPassword = randomBytes(9).toString("base64url");
      user = await db.user.create({ data: { email: member.email, name: member.name || member.email.split("@")[0]!, passwordHash: await hashPassword(temporaryPassword) } });
    }
    const existing = await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId } } });
    let status: AddOutcome["status"];
    if (!existing) {
      await db.enrollment.create({ data: { userId: user.id, courseId, role: member.role } });
      status = temporaryPassword ? "created" : "enrolled";
    } else if (existing.role !== member.role) {
      if (user.id === viewer.id) throw conflict("You cannot change your own role.");
      await db.enrollment.update({ where: { id: existing.id }, data: { role: member.role } });
      status = "role_changed";
    } else status = "unchanged";
    if (status !== "unchanged") {
      await recordAudit(db, viewer, {
        courseId,
        action: "roster.add",
        targetType: "user",
        targetId: user.id,
        details: { email: member.email, role: member.role, status, previousRole: existing?.role ?? null },
      });
    }
    outcomes.push({ email: member.email, role: member.role, status, ...(temporaryPassword ? { temporaryPassword } : {}) });
  }
  return { outcomes, problems };
}

/** Removes someone from the course (their submissions stay, for the record). */
export async function removeMember(viewer: Viewer, courseId: string, userId: string): Promise<void> {
  const db = await database();
  await requireRole(db, viewer, courseId, ["instructor"]);
  if (userId === viewer.id) throw conflict("You cannot remove yourself from the course.");
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } }, include: { user: true } });
  if (!enrollment) throw notFound("This member");
  await db.enrollment.delete({ where: { id: enrollment.id } });
  await recordAudit(db, viewer, { courseId, action: "roster.remove", targetType: "user", targetId: userId, details: { email: enrollment.user.email, role: enrollment.role } });
}
