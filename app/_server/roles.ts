import { z } from "zod";

export const RoleSchema = z.enum(["student", "ta", "instructor"]);
export type Role = z.infer<typeof RoleSchema>;

export const isStaff = (role: Role): boolean => role === "ta" || role === "instructor";

export const ROLE_LABELS: Record<Role, string> = { student: "Student", ta: "Teaching assistant", instructor: "Instructor" };
